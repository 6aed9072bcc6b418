import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Runs the built CLI (`node bin/akvault.cjs`) as a child process, the way a person or a script does.
 * Build it first with `npm run build:cli`.
 */
export const repoRoot = path.resolve(__dirname, '../../../..');
export const cliEntry = path.join(repoRoot, 'bin', 'akvault.cjs');
export const builtCli = path.join(repoRoot, 'out', 'cli', 'akvault.cjs');

export function assertCliBuilt(): void {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run \`npm run build:cli\` before the integration tests`);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runAkvault(args: string[], opts: { env: NodeJS.ProcessEnv; stdin?: string; command?: string[] }): Promise<CliResult> {
  const [cmd, ...pre] = opts.command ?? [process.execPath, cliEntry];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, [...pre, ...args], { cwd: repoRoot, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

/** The environment of a CLI child: a private data dir and keychain service, nothing else changed. */
export function cliEnv(dataDir: string, keychainService: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, AKVAULT_HOME: dataDir, AKVAULT_KEYCHAIN_SERVICE: keychainService, ...extra };
}
