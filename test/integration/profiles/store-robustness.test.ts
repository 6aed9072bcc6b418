import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFiles } from '../../../main/core/paths';
import { profilesFileSchema } from '../../../main/core/profiles/schema';
import { ProfileStore } from '../../../main/core/profiles/store';
import { secretAccounts } from '../../../main/core/secrets/secret-store';
import { fakeAccessKeyId, fakeSecretKey } from '../../support/fake-keys';
import { scanForSecrets } from '../../support/secret-scan';
import { makeTempDirs } from '../../support/temp-dir';
import { assertCliBuilt, cliEnv, repoRoot, runAkvault } from './support/cli';
import { clearService, itemsOf } from './support/keychain';

/**
 * The profiles file under stress, with real processes: SIGKILL in the middle of writes, and several
 * CLI processes adding at once through the real keychain.
 */
const HAMMER_PROFILES = 120; // ~40 KB of JSON: most of the hammer's time is spent writing
const temp = makeTempDirs('akvault-it-store-');
const service = `akvault-test-${randomBytes(4).toString('hex')}`;
const secretsUsed: string[] = [];
const dataDirs: string[] = [];

function newDataDir(): string {
  const dir = path.join(temp.make(), 'data');
  dataDirs.push(dir);
  return dir;
}

beforeAll(() => assertCliBuilt());
afterAll(async () => {
  try {
    await clearService(service);
  } finally {
    temp.cleanup();
  }
});

/** Starts the hammer and resolves once its first write has landed. */
function startHammer(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/store-hammer.ts'), dataDir, String(HAMMER_PROFILES)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => d.includes('ready') && resolve());
    void exited.then(() => reject(new Error(`hammer exited before its first write: ${stderr}`)));
  });
  return { child, ready, exited };
}

function generationsOf(text: string): Set<string> {
  const doc = profilesFileSchema.parse(JSON.parse(text));
  expect(doc.profiles).toHaveLength(HAMMER_PROFILES);
  return new Set(doc.profiles.map((p) => p.description!));
}

describe('profiles file robustness', () => {
  it('a write killed midway always leaves a complete earlier state (SIGKILL at random moments)', async () => {
    const dir = newDataDir();
    const files = dataFiles(dir);
    const store = new ProfileStore({ dataDir: dir });
    let lastGen = 0;
    for (let round = 0; round < 6; round++) {
      const hammer = startHammer(dir);
      await hammer.ready;
      await new Promise((r) => setTimeout(r, randomInt(0, 60))); // a random moment inside the write loop
      hammer.child.kill('SIGKILL');
      expect(await hammer.exited).toBe('SIGKILL');

      // The file always parses and holds one whole generation, never older than one already seen.
      const gens = generationsOf(await fsp.readFile(files.profiles, 'utf8'));
      expect(gens.size).toBe(1);
      const gen = Number([...gens][0]!.slice(4));
      expect(gen).toBeGreaterThanOrEqual(lastGen);
      lastGen = gen;
      expect((await store.read()).profiles).toHaveLength(HAMMER_PROFILES);
      // From the second write on there is a backup, and it is whole too: an earlier generation, or the current
      // one when the kill fell between writing the backup and replacing the file.
      if (gen > 1) {
        const backup = generationsOf(await fsp.readFile(files.profilesBackup, 'utf8'));
        expect(backup.size).toBe(1);
        expect(Number([...backup][0]!.slice(4))).toBeLessThanOrEqual(gen);
      }

      // The killed process could not release its lock. Recovering from that is tested below; here we only
      // want the next round to start at once instead of waiting for the lock to go stale.
      await fsp.rm(`${files.profiles}.lock`, { recursive: true, force: true });
    }
    expect(lastGen).toBeGreaterThan(1);
  });

  it('two processes adding 20 profiles each at once lose none', async () => {
    const dir = newDataDir();
    const env = cliEnv(dir, service);
    const expected = new Map<string, string>();
    const worker = async (w: number) => {
      for (let i = 0; i < 20; i++) {
        const name = `w${w}-p${i}`;
        const sk = fakeSecretKey();
        secretsUsed.push(sk);
        expected.set(name, sk);
        const r = await runAkvault(['profile', 'add', '--name', name, '--access-key-id', fakeAccessKeyId()], { env, stdin: `${sk}\n` });
        expect(r.code, r.stderr).toBe(0);
      }
    };
    await Promise.all([worker(1), worker(2)]);

    const list = await runAkvault(['profile', 'list', '--json'], { env });
    const profiles = JSON.parse(list.stdout) as Array<{ id: string; name: string }>;
    expect(profiles.map((p) => p.name).sort()).toEqual([...expected.keys()].sort());
    const items = await itemsOf(service);
    for (const p of profiles) expect(items.get(secretAccounts.secretKey(p.id)), p.name).toBe(expected.get(p.name));
  });

  it('takes over a lock left behind by a crashed process', async () => {
    const dir = newDataDir();
    const env = cliEnv(dir, service);
    const lock = `${dataFiles(dir).profiles}.lock`;
    await fsp.mkdir(lock, { recursive: true });
    const longAgo = new Date(Date.now() - 60_000);
    await fsp.utimes(lock, longAgo, longAgo);
    const sk = fakeSecretKey();
    secretsUsed.push(sk);
    const started = Date.now();
    const r = await runAkvault(['profile', 'add', '--name', 'after-crash', '--access-key-id', fakeAccessKeyId()], { env, stdin: `${sk}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(fsp.stat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await runAkvault(['profile', 'remove', 'after-crash'], { env })).code).toBe(0);
  });

  it('leaves no SK in any file under the data directories', async () => {
    expect(secretsUsed.length).toBeGreaterThanOrEqual(40);
    for (const dir of dataDirs) expect(await scanForSecrets(dir, secretsUsed)).toEqual([]);
  });
});
