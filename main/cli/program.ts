import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json';
import { isAkvaultError } from '../core/errors';
import { registerDefaultCommand } from './commands/default';
import { registerHandoffCommands } from './commands/handoff';
import { registerProfileCommands } from './commands/profile';
import { CliContext } from './context';
import { CancelledError, resolveIO, type CliIO } from './io';

/**
 * The akvault command line. Exit codes: 0 ok, 1 failure, 2 usage error (ours and commander's).
 * Errors go to stderr as one line (plus a hint line when there is one); stdout carries only results.
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CANCELLED = 130;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('akvault')
    .description('Keeps Huawei Cloud access keys in the OS keychain and hands them to your tools.')
    .version(packageJson.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.io.stdout.write(s),
      writeErr: (s) => void ctx.io.stderr.write(s),
    })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);
  // Settings above are inherited by every subcommand created below.
  registerProfileCommands(program, ctx);
  registerDefaultCommand(program, ctx);
  registerHandoffCommands(program, ctx);
  return program;
}

export async function runCli(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  const ctx = new CliContext(resolveIO(io));
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    return reportError(ctx, e);
  }
}

function reportError(ctx: CliContext, e: unknown): number {
  const err = ctx.io.stderr;
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
  if (ctx.io.env.AKVAULT_DEBUG && e instanceof Error && e.stack) err.write(`${e.stack}\n`);
  return EXIT_FAILURE;
}
