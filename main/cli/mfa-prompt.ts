/**
 * The MFA prompt of a CLI process that works on its own (no app or `akvault serve` running) and of
 * `akvault serve`: the passcode is read from the terminal without echo, the question goes to stderr,
 * and nothing ever goes to stdout (which `eval "$(akvault env)"` captures).
 *
 * The terminal is stdin when stdin is one, else the controlling terminal (/dev/tty), so
 * `eval "$(akvault env prod)"` still asks. Without any terminal the prompt fails with a hint to run
 * `akvault serve` or the app, which show prompts where a person is. Prompts run one at a time.
 */
import { openSync } from 'node:fs';
import tty from 'node:tty';
import { AkvaultError } from '../core/errors';
import type { MfaPrompt, MfaRequest } from '../core/sessions/broker';
import { CancelledError, promptHidden, type CliIO } from './io';

const ATTEMPTS = 3;
const PASSCODE = /^\d{6}$/;

interface TerminalInput {
  stream: NodeJS.ReadStream;
  /** Closes what we opened ourselves (never the process's own stdin). */
  done(): void;
}

/** Opens the controlling terminal for reading, or null when there is none (daemons, CI, pipes only). */
export function openControllingTerminal(): TerminalInput | null {
  if (process.platform === 'win32') return null;
  try {
    const fd = openSync('/dev/tty', 'r');
    const stream = new tty.ReadStream(fd);
    return { stream, done: () => stream.destroy() };
  } catch {
    return null;
  }
}

const NO_TERMINAL_HINT =
  'Start `akvault serve` in a terminal (or the akvault app) and run this command again: the code is then asked for there, once, for every command.';

export function noTerminal(req: MfaRequest, hint: string = NO_TERMINAL_HINT): AkvaultError {
  return new AkvaultError('session.mfa-cancelled', `Signing in to "${req.profile}" needs an MFA passcode, and there is no terminal to ask for it.`, {
    params: { name: req.profile },
    hint,
  });
}

export interface TerminalPromptOptions {
  /** Where the terminal is found when stdin is not one (tests replace it). */
  openTerminal?: () => TerminalInput | null;
  /** What to tell the person when there is no terminal (serve says something else than a one-off command). */
  noTerminalHint?: string;
}

export function terminalMfaPrompt(io: CliIO, opts: TerminalPromptOptions = {}): MfaPrompt {
  const openTerminal = opts.openTerminal ?? openControllingTerminal;
  let queue: Promise<unknown> = Promise.resolve();

  const ask = async (req: MfaRequest): Promise<string | null> => {
    const input: TerminalInput | null = io.isTTY ? { stream: io.stdin as NodeJS.ReadStream, done: () => undefined } : openTerminal();
    if (!input) throw noTerminal(req, opts.noTerminalHint);
    const terminalIo: CliIO = { ...io, stdin: input.stream };
    try {
      io.stderr.write(`akvault: profile "${req.profile}" signs in as ${req.userName} (account ${req.account}) with MFA.\n`);
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const code = (await promptHidden(terminalIo, 'MFA code from your authenticator app (input hidden): ')).trim();
        if (PASSCODE.test(code)) return code;
        io.stderr.write('akvault: the code is the 6 digits your authenticator app shows.\n');
      }
      return null;
    } catch (e) {
      if (e instanceof CancelledError) return null; // the broker reports 'session.mfa-cancelled'
      throw e;
    } finally {
      input.done();
    }
  };

  // One prompt at a time: two profiles needing a code at once must not read the same keystrokes.
  return (req) => {
    const next = queue.then(() => ask(req));
    queue = next.catch(() => undefined);
    return next;
  };
}
