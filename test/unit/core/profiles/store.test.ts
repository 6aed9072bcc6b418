import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAkvaultError, type AkvaultError } from '../../../../main/core/errors';
import type { Profile } from '../../../../main/core/profiles/schema';
import { ProfileStore } from '../../../../main/core/profiles/store';
import { ManualClock } from '../../../support/manual-clock';
import { makeTempDirs } from '../../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

const clock = new ManualClock();
function profile(name: string, extra: Partial<Profile> = {}): Profile {
  const now = new Date(clock.now()).toISOString();
  return { id: randomUUID(), name, kind: 'access-key', accessKeyId: 'QTWAOYTTINDUT2QVKYUC', createdAt: now, updatedAt: now, ...extra } as Profile;
}

function setup(lock?: { retries?: number }) {
  const dataDir = path.join(temp.make(), 'data');
  const store = new ProfileStore({ dataDir, clock, ...(lock ? { lock } : {}) });
  return { dataDir, store, files: store.files };
}

async function rejection(p: Promise<unknown>): Promise<AkvaultError> {
  try {
    await p;
  } catch (e) {
    if (isAkvaultError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('ProfileStore', () => {
  it('treats a missing file as an empty store and creates nothing by reading', async () => {
    const { store, dataDir } = setup();
    expect(await store.read()).toEqual({ schemaVersion: 1, defaultProfile: null, profiles: [] });
    await expect(fsp.stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes 0600 in a 0700 directory and keeps exactly one backup: the previous version', async () => {
    const { store, files, dataDir } = setup();
    await store.update((d) => void d.profiles.push(profile('one')));
    expect((await fsp.stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await fsp.stat(files.profiles)).mode & 0o777).toBe(0o600);
    await expect(fsp.stat(files.profilesBackup)).rejects.toMatchObject({ code: 'ENOENT' });

    const v1 = await fsp.readFile(files.profiles, 'utf8');
    await store.update((d) => void d.profiles.push(profile('two')));
    expect(await fsp.readFile(files.profilesBackup, 'utf8')).toBe(v1);
    expect((await fsp.stat(files.profilesBackup)).mode & 0o777).toBe(0o600);

    const v2 = await fsp.readFile(files.profiles, 'utf8');
    await store.update((d) => void d.profiles.push(profile('three')));
    expect(await fsp.readFile(files.profilesBackup, 'utf8')).toBe(v2);
    expect((await fsp.readdir(dataDir)).sort()).toEqual(['profiles.json', 'profiles.json.bak']);
    expect((await store.read()).profiles.map((p) => p.name)).toEqual(['one', 'two', 'three']);
  });

  it('writes nothing when the mutator changes nothing or throws', async () => {
    const { store, files } = setup();
    await store.update((d) => void d.profiles.push(profile('one')));
    const before = await fsp.stat(files.profiles);
    expect(await store.update(() => 'same')).toBe('same');
    await expect(store.update((d) => {
      d.profiles = [];
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    const after = await fsp.stat(files.profiles);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
    await expect(fsp.stat(files.profilesBackup)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to write a file it could not read back', async () => {
    const { store, files } = setup();
    const err = await rejection(store.update((d) => void d.profiles.push(profile('bad name'))));
    expect(err.code).toBe('validation');
    await expect(fsp.stat(files.profiles)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('loses no change when many updates race (each re-reads inside the lock)', async () => {
    const { store } = setup();
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.update((d) => void d.profiles.push(profile(`p${i}`)))));
    expect((await store.read()).profiles).toHaveLength(25);
  });

  it('reports broken JSON with its position, leaves the file untouched and points to restore-backup', async () => {
    const { store, files } = setup();
    await store.update((d) => void d.profiles.push(profile('one')));
    await store.update((d) => void d.profiles.push(profile('two')));
    const broken = '{\n  "schemaVersion": 1,\n  "defaultProfile": null\n  "profiles": []\n}\n';
    await fsp.writeFile(files.profiles, broken);
    for (const op of [store.read(), store.update(() => undefined)]) {
      const err = await rejection(op);
      expect(err.code).toBe('store.corrupt');
      expect(err.message).toContain(files.profiles);
      expect(err.message).toContain('line 4, column 3');
      expect(err.hint).toContain('akvault profile restore-backup');
    }
    expect(await fsp.readFile(files.profiles, 'utf8')).toBe(broken);
  });

  it('names the file, profile and field of a schema problem without quoting values', async () => {
    const { store, files } = setup();
    await store.update((d) => void d.profiles.push(profile('prod')));
    const doc = JSON.parse(await fsp.readFile(files.profiles, 'utf8'));
    doc.profiles[0].sk = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
    const text = JSON.stringify(doc);
    await fsp.writeFile(files.profiles, text);
    const err = await rejection(store.read());
    expect(err.code).toBe('store.corrupt');
    expect(err.message).toContain(files.profiles);
    expect(err.message).toContain('profile "prod" (profiles[0]): unknown field "sk"');
    expect(err.message).not.toContain('MFyfvK41');
    expect(err.hint).toMatch(/no backup/);
    expect(await fsp.readFile(files.profiles, 'utf8')).toBe(text);
  });

  it('restores the backup, keeping the damaged file', async () => {
    const { store, files, dataDir } = setup();
    await store.update((d) => void d.profiles.push(profile('one')));
    await store.update((d) => void d.profiles.push(profile('two')));
    const good = await fsp.readFile(files.profilesBackup, 'utf8');
    await fsp.writeFile(files.profiles, '{"schemaVersion": 1, "profiles": [');
    const r = await store.restoreBackup();
    expect(r).toMatchObject({ restoredFrom: files.profilesBackup, profileCount: 1 });
    expect(r.keptAs).toMatch(/profiles\.json\.corrupt-2026-11-22T09-00-00-000Z$/);
    expect(await fsp.readFile(r.keptAs!, 'utf8')).toBe('{"schemaVersion": 1, "profiles": [');
    expect((await fsp.stat(r.keptAs!)).mode & 0o777).toBe(0o600);
    expect(await fsp.readFile(files.profiles, 'utf8')).toBe(good);
    expect((await store.read()).profiles.map((p) => p.name)).toEqual(['one']);
    // A second restore keeps a second copy rather than overwriting the first.
    const again = await store.restoreBackup();
    expect(again.keptAs).not.toBe(r.keptAs);
    expect((await fsp.readdir(dataDir)).filter((f) => f.includes('.corrupt-'))).toHaveLength(2);
  });

  it('refuses to restore a missing or damaged backup and changes nothing', async () => {
    const { store, files } = setup();
    expect((await rejection(store.restoreBackup())).code).toBe('store.no-backup');
    await store.update((d) => void d.profiles.push(profile('one')));
    await store.update((d) => void d.profiles.push(profile('two')));
    await fsp.writeFile(files.profilesBackup, 'nope');
    const current = await fsp.readFile(files.profiles, 'utf8');
    const err = await rejection(store.restoreBackup());
    expect(err.code).toBe('store.corrupt');
    expect(err.message).toContain(files.profilesBackup);
    expect(await fsp.readFile(files.profiles, 'utf8')).toBe(current);
  });

  it('refuses a file from a newer version and leaves it untouched', async () => {
    const { store, files, dataDir } = setup();
    await fsp.mkdir(dataDir, { recursive: true });
    const future = JSON.stringify({ schemaVersion: 2, defaultProfile: null, profiles: [], futureThing: true });
    await fsp.writeFile(files.profiles, future);
    expect((await rejection(store.read())).code).toBe('store.unsupported-version');
    expect((await rejection(store.update((d) => void d.profiles.push(profile('x'))))).code).toBe('store.unsupported-version');
    expect(await fsp.readFile(files.profiles, 'utf8')).toBe(future);
  });

  it('tolerates a BOM added by an editor', async () => {
    const { store, files } = setup();
    await store.update((d) => void d.profiles.push(profile('one')));
    await fsp.writeFile(files.profiles, `\uFEFF${await fsp.readFile(files.profiles, 'utf8')}`);
    expect((await store.read()).profiles).toHaveLength(1);
  });

  it('takes over a lock left by a crashed process', async () => {
    const { store, files, dataDir } = setup();
    await fsp.mkdir(`${files.profiles}.lock`, { recursive: true });
    const old = new Date(Date.now() - 60_000);
    await fsp.utimes(`${files.profiles}.lock`, old, old);
    await store.update((d) => void d.profiles.push(profile('one')));
    expect((await store.read()).profiles).toHaveLength(1);
    expect(await fsp.readdir(dataDir)).not.toContain('profiles.json.lock');
  });

  it('reports a lock held by a live process as store.locked with a hint', async () => {
    const { store, files } = setup({ retries: 1 });
    await fsp.mkdir(`${files.profiles}.lock`, { recursive: true });
    const err = await rejection(store.update((d) => void d.profiles.push(profile('one'))));
    expect(err.code).toBe('store.locked');
    expect(err.hint).toContain(`${files.profiles}.lock`);
    await expect(fsp.stat(files.profiles)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
