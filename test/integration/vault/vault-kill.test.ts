import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VaultFileSecretStore } from '../../../main/core/secrets/vault-file-store';
import { makeTempDirs } from '../../support/temp-dir';
import { repoRoot } from '../profiles/support/cli';

/**
 * SIGKILL during vault writes, in real child processes: after every kill the vault still opens with
 * the passphrase and holds every secret whose write had returned before the kill.
 */
const temp = makeTempDirs('akvault-it-vault-kill-');
afterAll(() => temp.cleanup());
const PASS = 'kill test passphrase';

function startHammer(dataDir: string, round: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/vault-hammer.ts'), dataDir, PASS, String(round)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (/acked .*\n/.test(stdout)) resolve();
    });
    void exited.then(() => reject(new Error(`hammer exited before its first write: ${stderr}`)));
  });
  const acked = () =>
    [...stdout.matchAll(/^acked (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!] as const);
  return { child, ready, exited, acked };
}

describe('vault file under SIGKILL', () => {
  it('a write killed midway never loses an acknowledged secret, and the vault always opens (6 rounds)', async () => {
    const dataDir = temp.make();
    const setup = new VaultFileSecretStore({ dir: path.join(dataDir, 'vault'), lockFile: path.join(dataDir, 'profiles.json'), scryptLogN: 10 });
    await setup.create(PASS);
    const expected = new Map<string, string>();
    for (let round = 0; round < 6; round++) {
      const hammer = startHammer(dataDir, round);
      await hammer.ready;
      await new Promise((r) => setTimeout(r, randomInt(0, 80))); // a random moment inside the write loop
      hammer.child.kill('SIGKILL');
      expect(await hammer.exited).toBe('SIGKILL');
      for (const [a, v] of hammer.acked()) expected.set(a, v);

      const check = new VaultFileSecretStore({ dir: path.join(dataDir, 'vault'), lockFile: path.join(dataDir, 'profiles.json') });
      await check.unlock(PASS);
      for (const [a, v] of expected) expect(await check.get(a), a).toBe(v);
      // The killed process could not release its lock; the next round should not wait for it to go stale.
      await fsp.rm(path.join(dataDir, 'profiles.json.lock'), { recursive: true, force: true });
    }
    expect(expected.size).toBeGreaterThan(6);
  });
});
