import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAkvaultError, type AkvaultError } from '../../../../main/core/errors';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';
import { SEALED_PREFIX, SealedSecretStore } from '../../../../main/core/secrets/sealed-store';
import { fakeSecretKey, fakeSecurityToken } from '../../../support/fake-keys';
import { makeTempDirs } from '../../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

function setup(opts: { maxValueBytes?: number } = {}) {
  const dataDir = temp.make();
  const sealedDir = path.join(dataDir, 'sealed');
  // 2,560 bytes: the Windows Credential Manager limit the sealed store exists for.
  const inner = new MemorySecretStore({ maxValueBytes: opts.maxValueBytes ?? 2560 });
  const store = new SealedSecretStore(inner, { sealedDir, namespace: 'akvault-test' });
  return { inner, store, sealedDir };
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

describe('SealedSecretStore', () => {
  it('round-trips a 16 KB secret through a backend that refuses values over 2,560 bytes', async () => {
    const { inner, store, sealedDir } = setup();
    const token = fakeSecurityToken(16 * 1024);
    await expect(inner.set('direct', token)).rejects.toMatchObject({ code: 'keychain.failed' }); // the limit is real
    await store.set('profile:p1:token', token);

    const marker = await inner.get('profile:p1:token');
    expect(marker).toMatch(/^akvault-sealed:v2:[A-Za-z0-9+/]{43}=:[0-9a-f]{16}$/);
    expect(await store.get('profile:p1:token')).toBe(token);

    const blob = (await store.blobPathOf('profile:p1:token'))!;
    expect(path.dirname(blob)).toBe(sealedDir);
    expect(path.basename(blob)).toMatch(/^[0-9a-f]{64}-[0-9a-f]{16}\.bin$/);
    expect((await fsp.stat(blob)).mode & 0o777).toBe(0o600);
    expect((await fsp.stat(sealedDir)).mode & 0o777).toBe(0o700);
    const bytes = await fsp.readFile(blob);
    expect(bytes.length).toBe(12 + 16 + Buffer.byteLength(token));
    expect(bytes.includes(Buffer.from(token.slice(0, 64)))).toBe(false);
    expect(await fsp.readdir(sealedDir)).toEqual([path.basename(blob)]); // no temp file left behind
  });

  it('keeps small values in the keychain item itself', async () => {
    const { inner, store, sealedDir } = setup();
    const sk = fakeSecretKey();
    await store.set('profile:p1:sk', sk);
    expect(await inner.get('profile:p1:sk')).toBe(sk);
    expect(await store.get('profile:p1:sk')).toBe(sk);
    await expect(fsp.readdir(sealedDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('seals by UTF-8 byte length, not character count', async () => {
    const { inner, store } = setup({ maxValueBytes: 100_000 });
    await store.set('a', 'x'.repeat(1000));
    expect(await inner.get('a')).toBe('x'.repeat(1000));
    await store.set('b', 'x'.repeat(1001));
    expect(await inner.get('b')).toMatch(/^akvault-sealed:v2:/);
    const euros = '€'.repeat(400); // 400 characters, 1,200 bytes
    await store.set('c', euros);
    expect(await inner.get('c')).toMatch(/^akvault-sealed:v2:/);
    expect(await store.get('c')).toBe(euros);
  });

  it('seals a small value that looks like a marker, so it reads back as itself', async () => {
    const { inner, store } = setup();
    const tricky = `${SEALED_PREFIX}v1:not-a-real-key`;
    await store.set('x', tricky);
    expect(await inner.get('x')).not.toBe(tricky);
    expect(await store.get('x')).toBe(tricky);
  });

  it('reports a tampered blob as sealed.corrupt naming the file', async () => {
    const { store } = setup();
    await store.set('acct', fakeSecurityToken(4000));
    const file = (await store.blobPathOf('acct'))!;
    const bytes = await fsp.readFile(file);
    bytes[bytes.length - 1]! ^= 0x01;
    await fsp.writeFile(file, bytes);
    const err = await rejection(store.get('acct'));
    expect(err.code).toBe('sealed.corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/modified or damaged/);
  });

  it('reports a missing or truncated blob as sealed.corrupt', async () => {
    const { store } = setup();
    await store.set('gone', fakeSecurityToken(2000));
    await store.set('short', fakeSecurityToken(2000));
    await fsp.rm((await store.blobPathOf('gone'))!);
    await fsp.writeFile((await store.blobPathOf('short'))!, Buffer.alloc(10));
    expect(await rejection(store.get('gone'))).toMatchObject({ code: 'sealed.corrupt', message: expect.stringMatching(/is missing/) });
    expect(await rejection(store.get('short'))).toMatchObject({ code: 'sealed.corrupt', message: expect.stringMatching(/truncated/) });
  });

  it('binds the blob to its account: a blob copied onto another account does not open', async () => {
    const { inner, store } = setup();
    await store.set('a', fakeSecurityToken(2000));
    await store.set('b', fakeSecurityToken(2000));
    // Give b the key of a and a's ciphertext: only the AAD (the account name) differs.
    const blobB = (await store.blobPathOf('b'))!;
    const markerA = (await inner.get('a'))!;
    await inner.set('b', `${markerA.slice(0, markerA.lastIndexOf(':'))}:${path.basename(blobB, '.bin').split('-')[1]}`);
    await fsp.copyFile((await store.blobPathOf('a'))!, blobB);
    expect(await rejection(store.get('b'))).toMatchObject({ code: 'sealed.corrupt' });
  });

  it('deletes the keychain item and the blob', async () => {
    const { inner, store } = setup();
    await store.set('t', fakeSecurityToken(3000));
    const blob = (await store.blobPathOf('t'))!;
    expect(await store.delete('t')).toBe(true);
    expect(await inner.get('t')).toBeNull();
    await expect(fsp.stat(blob)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.delete('t')).toBe(false);
  });

  it('drops the old blob when a sealed value is replaced by a small one', async () => {
    const { store } = setup();
    await store.set('t', fakeSecurityToken(3000));
    const blob = (await store.blobPathOf('t'))!;
    await store.set('t', 'small-value-now');
    expect(await store.get('t')).toBe('small-value-now');
    await expect(fsp.stat(blob)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves the previous value whole and no file behind when the keychain refuses the marker', async () => {
    const { inner, store, sealedDir } = setup();
    const first = fakeSecurityToken(3000);
    await store.set('t', first);
    const failing = Object.assign(Object.create(inner) as MemorySecretStore, {
      set: async () => {
        throw new Error('keychain says no');
      },
    });
    const refusing = new SealedSecretStore(failing, { sealedDir, namespace: 'akvault-test' });
    await expect(refusing.set('t', fakeSecurityToken(3000))).rejects.toThrow('keychain says no');
    expect(await store.get('t')).toBe(first);
    expect(await fsp.readdir(sealedDir)).toEqual([path.basename((await store.blobPathOf('t'))!)]);
  });

  it('rewrites under a new blob name and removes the old one: a crash mid-write never loses the value', async () => {
    const { inner, store, sealedDir } = setup();
    await store.set('t', fakeSecurityToken(3000));
    const first = (await store.blobPathOf('t'))!;
    const second = fakeSecurityToken(3000);
    await store.set('t', second);
    const now = (await store.blobPathOf('t'))!;
    expect(now).not.toBe(first);
    expect(await fsp.readdir(sealedDir)).toEqual([path.basename(now)]);
    expect(await store.get('t')).toBe(second);
    // A crash after the new file was published but before the keychain moved: the old value still reads.
    const marker = (await inner.get('t'))!;
    await store.set('u', fakeSecurityToken(3000));
    const orphan = path.join(sealedDir, path.basename(now).replace(/-[0-9a-f]{16}\.bin$/, '-0123456789abcdef.bin'));
    await fsp.copyFile(now, orphan);
    expect(await inner.get('t')).toBe(marker);
    expect(await store.get('t')).toBe(second);
  });

  it('still reads a v1 marker written by an earlier version', async () => {
    const { inner, store } = setup();
    const value = fakeSecurityToken(3000);
    await store.set('t', value);
    const v2 = (await inner.get('t'))!;
    const [key, id] = v2.slice('akvault-sealed:v2:'.length).split(':');
    await fsp.rename((await store.blobPathOf('t'))!, store.legacyBlobPath('t'));
    await inner.set('t', `akvault-sealed:v1:${key}`);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(await store.get('t')).toBe(value);
    expect(await store.delete('t')).toBe(true);
    await expect(fsp.stat(store.legacyBlobPath('t'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('passes list and status through', async () => {
    const { store } = setup();
    await store.set('one', 'v1-value');
    await store.set('two', fakeSecurityToken(2000));
    expect((await store.list()).sort()).toEqual(['one', 'two']);
    expect(await store.status()).toEqual({ state: 'available', backend: 'memory' });
  });
});
