/**
 * Runs the `exec` child: inherited stdio, no shell (the command and its arguments go to the OS as
 * given), signals sent to akvault passed on to the child, and the child's end reported as an exit code
 * the way shells do (128 + signal number when a signal killed it; 127/126 when it could not start).
 */
import { spawn } from 'node:child_process';
import { exitCodeForSignal, FORWARDED_SIGNALS } from './signals';

export type ChildEnd =
  | { kind: 'exited'; code: number }
  | { kind: 'signalled'; signal: NodeJS.Signals; code: number }
  | { kind: 'not-started'; errno: string; code: number };

export function runChild(command: readonly string[], env: Record<string, string>): Promise<ChildEnd> {
  const [file, ...args] = command;
  return new Promise((resolve) => {
    const child = spawn(file!, args, { stdio: 'inherit', env, shell: false, windowsHide: false });
    const forward = (signal: NodeJS.Signals) => () => {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    };
    const handlers = FORWARDED_SIGNALS.filter((s) => process.platform !== 'win32' || s === 'SIGINT').map((s) => [s, forward(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    let ended = false;
    const done = (end: ChildEnd) => {
      if (ended) return;
      ended = true;
      for (const [s, h] of handlers) process.off(s, h);
      resolve(end);
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      // 'error' without a start: the command does not exist or may not be run.
      if (child.pid === undefined) done({ kind: 'not-started', errno: e.code ?? 'error', code: e.code === 'ENOENT' ? 127 : 126 });
    });
    child.once('exit', (code, signal) => {
      if (signal) done({ kind: 'signalled', signal, code: exitCodeForSignal(signal) });
      else done({ kind: 'exited', code: code ?? 1 });
    });
  });
}
