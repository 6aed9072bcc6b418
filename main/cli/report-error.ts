import { CommanderError } from 'commander';
import { isAkvaultError } from '../core/errors';
import { CancelledError, type CliIO } from './io';

/**
 * How a failed command ends: one line on stderr (plus a hint line), and the exit code: 0 ok, 1 failure,
 * 2 usage error, 130 cancelled at a prompt. Same wording as the main program's reporter.
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CANCELLED = 130;

export function reportCliError(io: CliIO, e: unknown): number {
  const err = io.stderr;
  if (e instanceof CommanderError) {
    // Commander has already printed its message (or the help text).
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
    return EXIT_USAGE;
  }
  if (e instanceof CancelledError) {
    err.write('akvault: cancelled.\n');
    return EXIT_CANCELLED;
  }
  if (isAkvaultError(e)) {
    err.write(`akvault: error: ${e.message} [${e.code}]\n`);
    if (e.hint) err.write(`akvault: hint: ${e.hint}\n`);
    return e.code === 'usage' ? EXIT_USAGE : EXIT_FAILURE;
  }
  // Unknown errors: the type only, never the message (it may carry data we do not control).
  err.write(`akvault: error: unexpected ${e instanceof Error ? e.name : typeof e} [internal]\n`);
  if (io.env.AKVAULT_DEBUG && e instanceof Error && e.stack) err.write(`${e.stack}\n`);
  return EXIT_FAILURE;
}
