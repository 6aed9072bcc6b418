import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VaultFileSecretStore } from '../../../../main/core/secrets/vault-file-store';
import { fakeSecretKey } from '../../../support/fake-keys';
import { listFiles, scanForSecrets } from '../../../support/secret-scan';
import { makeTempDirs } from '../../../support/temp-dir';

const temp = makeTempDirs('akvault-vault-');
afterEach(() => {
  vi.useRealTimers();
  temp.cleanup();
});

const PASS = 'correct horse battery';

function vaultIn(dir: string, extra: Partial<ConstructorParameters<typeof VaultFileSecretStore>[0]> = {}) {
  return new VaultFileSecretStore({ dir: path.join(dir, 'vault'), lockFile: path.join(dir, 'profiles.json'), scryptLogN: 10, ...extra });
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = (await fsp.readFile(f)).toString('base64');
  return out;
}

describe('VaultFileSecretStore', () => {
  it('a second process (another store on the same files) opens it with the passphrase and sees every write', async () => {
    const dir = temp.make();
    const a = vaultIn(dir);
    expect(await a.state()).toBe('absent');
    await a.create(PASS);
    const sk = fakeSecretKey();
    await a.set('profile:p:sk', sk);

    const b = vaultIn(dir);
    expect(await b.state()).toBe('locked');
    await b.unlock(PASS);
    expect(await b.get('profile:p:sk')).toBe(sk);
    // b writes; a notices the replaced file on its next read without a new unlock.
    await b.set('profile:q:sk', 'written-by-b');
    expect(await a.get('profile:q:sk')).toBe('written-by-b');
    expect(await scanForSecrets(dir, [sk, 'written-by-b'])).toEqual([]);
  });

  it('files are 0600 and the folder 0700', async () => {
    const dir = temp.make();
    const v = vaultIn(dir);
    await v.create(PASS);
    await v.set('a', 'some-secret-value');
    expect((await fsp.stat(path.join(dir, 'vault'))).mode & 0o777).toBe(0o700);
    for (const f of ['key.age', 'secrets.age']) expect((await fsp.stat(path.join(dir, 'vault', f))).mode & 0o777).toBe(0o600);
  });

  it('a wrong passphrase is vault.passphrase and changes no byte', async () => {
    const dir = temp.make();
    const v = vaultIn(dir);
    await v.create(PASS);
    await v.set('a', 'some-secret-value');
    const before = await snapshot(dir);
    const other = vaultIn(dir);
    await expect(other.unlock('not the passphrase')).rejects.toMatchObject({ code: 'vault.passphrase', message: expect.stringContaining('passphrase') });
    expect(await other.state()).toBe('locked');
    await expect(other.get('a')).rejects.toMatchObject({ code: 'vault.locked' });
    expect(await snapshot(dir)).toEqual(before);
  });

  it('a damaged secrets file is vault.corrupt, and nothing overwrites it', async () => {
    const dir = temp.make();
    const v = vaultIn(dir);
    await v.create(PASS);
    await v.set('a', 'some-secret-value');
    const file = path.join(dir, 'vault', 'secrets.age');
    const bytes = await fsp.readFile(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    await fsp.writeFile(file, bytes);
    const other = vaultIn(dir);
    await expect(other.unlock(PASS)).rejects.toMatchObject({ code: 'vault.corrupt', hint: expect.stringContaining('not overwrite') });
    // The store that had it open cannot write over it either: it must read the file first.
    await expect(v.set('b', 'another-value')).rejects.toMatchObject({ code: 'vault.corrupt' });
    expect(await fsp.readFile(file)).toEqual(bytes);
  });

  it('a passphrase source unlocks on first use and creates the vault on the first write only', async () => {
    const dir = temp.make();
    const asked: string[] = [];
    const v = vaultIn(dir, { passphrase: async (purpose) => (asked.push(purpose), PASS) });
    expect(await v.get('a')).toBeNull();
    expect(await v.list()).toEqual([]);
    expect(asked).toEqual([]);
    expect(await listFiles(dir)).toEqual([]);
    await v.set('a', 'first-secret');
    expect(asked).toEqual(['create']);
    const w = vaultIn(dir, { passphrase: async (purpose) => (asked.push(purpose), PASS) });
    await Promise.all([w.get('a'), w.get('a'), w.list()]);
    expect(asked).toEqual(['create', 'unlock']);
  });

  it('a passphrase source that gives a wrong passphrase is asked once, not once per secret', async () => {
    const dir = temp.make();
    await vaultIn(dir).create(PASS);
    let asked = 0;
    const v = vaultIn(dir, { passphrase: async () => (asked++, 'wrong passphrase') });
    await expect(v.get('a')).rejects.toMatchObject({ code: 'vault.passphrase' });
    await expect(v.get('b')).rejects.toMatchObject({ code: 'vault.passphrase' });
    await expect(v.status()).rejects.toMatchObject({ code: 'vault.passphrase' });
    expect(asked).toBe(1);
  });

  it('lock() forgets the key; the idle timer locks after the configured time without use', async () => {
    vi.useFakeTimers();
    const dir = temp.make();
    const v = vaultIn(dir, { idleLockMs: 60_000 });
    const states: string[] = [];
    v.onStateChange((s) => states.push(s));
    await v.create(PASS);
    await v.set('a', 'some-secret-value');
    vi.advanceTimersByTime(59_000);
    expect(await v.get('a')).toBe('some-secret-value'); // use restarts the timer
    vi.advanceTimersByTime(59_000);
    expect(v.isUnlocked).toBe(true);
    vi.advanceTimersByTime(2_000);
    expect(v.isUnlocked).toBe(false);
    await expect(v.get('a')).rejects.toMatchObject({ code: 'vault.locked' });
    expect(states).toEqual(['unlocked', 'locked']);
  });

  it('changePassphrase re-encrypts the key: the old one stops working, secrets stay', async () => {
    const dir = temp.make();
    const v = vaultIn(dir);
    await v.create(PASS);
    await v.set('a', 'some-secret-value');
    await expect(v.changePassphrase('wrong passphrase', 'a brand new one')).rejects.toMatchObject({ code: 'vault.passphrase' });
    await v.changePassphrase(PASS, 'a brand new one');
    await expect(vaultIn(dir).unlock(PASS)).rejects.toMatchObject({ code: 'vault.passphrase' });
    const w = vaultIn(dir);
    await w.unlock('a brand new one');
    expect(await w.get('a')).toBe('some-secret-value');
  });

  it('refuses short new passphrases and a second create', async () => {
    const dir = temp.make();
    const v = vaultIn(dir);
    await expect(v.create('short')).rejects.toMatchObject({ code: 'usage' });
    await v.create(PASS);
    await expect(vaultIn(dir).create(PASS)).rejects.toMatchObject({ code: 'vault.exists' });
  });
});
