/**
 * Signals and exit codes for `exec`: which signals are passed on to the child, and the shell's
 * convention for a child that died by a signal (128 + the signal's number: SIGINT 130, SIGTERM 143).
 */
import os from 'node:os';

/**
 * Forwarded to the child while it runs; akvault itself keeps waiting for the child to end. Not SIGUSR1
 * (Node's debugger signal) and not SIGWINCH (the terminal already sends it to the whole foreground group).
 */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

export function exitCodeForSignal(signal: NodeJS.Signals | string): number {
  const n = (os.constants.signals as Record<string, number | undefined>)[signal];
  return n === undefined ? 1 : 128 + n;
}

/** Signals whose death is the person's own doing (Ctrl-C) or routine (a closed pipe): not worth a line. */
export function isQuietSignal(signal: string): boolean {
  return signal === 'SIGINT' || signal === 'SIGPIPE';
}
