import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';
import { SealedSecretStore } from '../../../../main/core/secrets/sealed-store';
import type { SecretStore } from '../../../../main/core/secrets/secret-store';
import { VaultFileSecretStore } from '../../../../main/core/secrets/vault-file-store';
import { fakeSecretKey, fakeSecurityToken } from '../../../support/fake-keys';
import { makeTempDirs } from '../../../support/temp-dir';

/**
 * What every SecretStore the core may be given must do, run against both backends: the keychain path
 * (here a size-limited in-memory keychain behind the sealed store; the real keychain runs the same
 * through the integration suite) and the encrypted vault file.
 */
const temp = makeTempDirs('akvault-contract-');
afterEach(() => temp.cleanup());

const backends: Array<[string, () => Promise<SecretStore>]> = [
  [
    'keychain (sealed, 2,560-byte limit)',
    async () => new SealedSecretStore(new MemorySecretStore({ maxValueBytes: 2560 }), { sealedDir: path.join(temp.make(), 'sealed'), namespace: 'akvault-test' }),
  ],
  [
    'vault file',
    async () => {
      const dir = temp.make();
      // A low work factor keeps the suite fast; the KDF's cost is measured by the benchmark instead.
      const v = new VaultFileSecretStore({ dir: path.join(dir, 'vault'), lockFile: path.join(dir, 'profiles.json'), scryptLogN: 10 });
      await v.create('correct horse battery');
      return v;
    },
  ],
];

describe.each(backends)('SecretStore contract: %s', (_name, make) => {
  it('get of an unknown account is null; set then get returns the value exactly', async () => {
    const s = await make();
    expect(await s.get('profile:a:sk')).toBeNull();
    const sk = fakeSecretKey();
    await s.set('profile:a:sk', sk);
    expect(await s.get('profile:a:sk')).toBe(sk);
    await s.set('profile:b:password', 'pässwörd with spaces and 中文 ');
    expect(await s.get('profile:b:password')).toBe('pässwörd with spaces and 中文 ');
  });

  it('set overwrites; delete reports whether something went; list names every account', async () => {
    const s = await make();
    await s.set('x', 'first-value');
    await s.set('x', 'second-value');
    await s.set('y', 'other-value');
    expect(await s.get('x')).toBe('second-value');
    expect((await s.list()).sort()).toEqual(['x', 'y']);
    expect(await s.delete('x')).toBe(true);
    expect(await s.delete('x')).toBe(false);
    expect(await s.get('x')).toBeNull();
    expect(await s.list()).toEqual(['y']);
  });

  it('keeps a 16 KB security token', async () => {
    const s = await make();
    const token = fakeSecurityToken(16 * 1024);
    await s.set('profile:t:token', token);
    expect(await s.get('profile:t:token')).toBe(token);
  });

  it('many concurrent writes all land', async () => {
    const s = await make();
    await Promise.all(Array.from({ length: 40 }, (_, i) => s.set(`acct:${i}`, `value-number-${i}`)));
    for (let i = 0; i < 40; i++) expect(await s.get(`acct:${i}`)).toBe(`value-number-${i}`);
  });

  it('reports itself available', async () => {
    expect((await (await make()).status()).state).toBe('available');
  });
});
