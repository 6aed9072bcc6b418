/**
 * The IAM emulator as a child process (`tsx test/support/iam-emulator/cli.ts`), so this spec needs
 * nothing from the emulator's module graph. Resolves with its URL once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface EmulatorProcess {
  url: string;
  stop(): Promise<void>;
}

export function startEmulator(root: string, timeoutMs = 30_000): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx'), ['test/support/iam-emulator/cli.ts', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the IAM emulator did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the IAM emulator exited early (code ${code})`));
    });
  });
}
