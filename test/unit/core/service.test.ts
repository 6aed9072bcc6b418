import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAkvaultError, type AkvaultError } from '../../../main/core/errors';
import { dataFiles } from '../../../main/core/paths';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { secretAccounts, type SecretStore } from '../../../main/core/secrets/secret-store';
import { createService } from '../../../main/core/service';
import { fakeAccessKeyId, fakeSecretKey, fakeSecurityToken } from '../../support/fake-keys';
import { ManualClock } from '../../support/manual-clock';
import { scanForSecrets } from '../../support/secret-scan';
import { makeTempDirs } from '../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

function setup(secretStore: SecretStore = new MemorySecretStore({ maxValueBytes: 2560 })) {
  const dataDir = path.join(temp.make(), 'data');
  const clock = new ManualClock();
  const service = createService({ dataDir, secretStore, clock, keychainService: 'akvault-test' });
  return { dataDir, clock, service, secrets: secretStore, files: dataFiles(dataDir) };
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

describe('service: add, get, remove', () => {
  it('stores the SK in the keychain under the profile id and everything else in the file', async () => {
    const { service, secrets, files } = setup();
    const ak = fakeAccessKeyId();
    const sk = fakeSecretKey();
    const { profile, warnings } = await service.addProfile({ name: 'prod', kind: 'access-key', accessKeyId: ak, region: 'cn-north-4' }, { secretAccessKey: sk });
    expect(warnings).toEqual([]);
    expect(await secrets.get(secretAccounts.secretKey(profile.id))).toBe(sk);
    expect(await service.getSecrets('prod')).toEqual({ secretAccessKey: sk });
    const text = await fsp.readFile(files.profiles, 'utf8');
    expect(text).toContain(ak);
    expect(text).not.toContain(sk);
    expect(await service.listProfiles()).toEqual([profile]);
    expect(await service.getProfile('prod')).toEqual(profile);
  });

  it('seals a 16 KB security token so the 2,560-byte keychain can hold it', async () => {
    const { service, secrets, dataDir } = setup();
    const sk = fakeSecretKey();
    const token = fakeSecurityToken(16 * 1024);
    const { profile } = await service.addProfile(
      { name: 'tmp', kind: 'temporary-key', accessKeyId: fakeAccessKeyId(), expiresAt: '2026-11-22T21:00:00Z' },
      { secretAccessKey: sk, securityToken: token },
    );
    expect(await secrets.get(secretAccounts.securityToken(profile.id))).toMatch(/^akvault-sealed:v2:/);
    expect(await service.getSecrets('tmp')).toEqual({ secretAccessKey: sk, securityToken: token });
    expect(await scanForSecrets(dataDir, [sk, token])).toEqual([]);
    await service.removeProfile('tmp');
    expect(await fsp.readdir(dataFiles(dataDir).sealedDir)).toEqual([]);
  });

  it('refuses a duplicate name before touching the keychain', async () => {
    const { service, secrets } = setup();
    await service.addProfile({ name: 'prod', kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: fakeSecretKey() });
    const err = await rejection(service.addProfile({ name: 'PROD', kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: fakeSecretKey() }));
    expect(err.code).toBe('profile.exists');
    expect(await secrets.list()).toHaveLength(1);
  });

  it('removes the secrets it wrote when the file update fails', async () => {
    // Another process takes the name between our check and our write.
    const inner = new MemorySecretStore();
    const { service, dataDir, clock } = setup({
      get: (a) => inner.get(a),
      delete: (a) => inner.delete(a),
      list: () => inner.list(),
      status: () => inner.status(),
      async set(account, value) {
        await inner.set(account, value);
        if (value === 'racer-secret-value-0000000000000000000000') return;
        const other = createService({ dataDir, secretStore: inner, clock });
        await other.addProfile({ name: 'prod', kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: 'racer-secret-value-0000000000000000000000' });
      },
    });
    const err = await rejection(service.addProfile({ name: 'prod', kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: fakeSecretKey() }));
    expect(err.code).toBe('profile.exists');
    const [winner] = await service.listProfiles();
    expect(await inner.list()).toEqual([secretAccounts.secretKey(winner!.id)]);
  });

  it('removes the SK again when storing the token fails, and writes no profile', async () => {
    const inner = new MemorySecretStore();
    const { service, files } = setup({
      get: (a) => inner.get(a),
      delete: (a) => inner.delete(a),
      list: () => inner.list(),
      status: () => inner.status(),
      async set(account, value) {
        if (account.endsWith(':token')) throw Object.assign(new Error('x'), { code: 'keychain.failed' });
        await inner.set(account, value);
      },
    });
    await expect(
      service.addProfile(
        { name: 'tmp', kind: 'temporary-key', accessKeyId: fakeAccessKeyId(), expiresAt: '2026-11-22T21:00:00Z' },
        { secretAccessKey: fakeSecretKey(), securityToken: 'tok-tok-tok' },
      ),
    ).rejects.toThrow();
    expect(await inner.list()).toEqual([]);
    await expect(fsp.stat(files.profiles)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('removes the profile, every keychain account of it, and the default pointing at it', async () => {
    const { service, secrets } = setup();
    const { profile } = await service.addProfile({ name: 'prod', kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: fakeSecretKey() });
    const keep = await service.addProfile({ name: 'keep', kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: fakeSecretKey() });
    await secrets.set(secretAccounts.sessionCache(profile.id), 'cached-session-xyz');
    await service.setDefaultProfile('prod');
    expect(await service.getDefaultProfile()).toBe('prod');
    const r = await service.removeProfile('prod');
    expect(r.removedSecrets).toBe(2);
    expect(await service.getDefaultProfile()).toBeNull();
    expect((await service.listProfiles()).map((p) => p.name)).toEqual(['keep']);
    expect(await secrets.list()).toEqual([secretAccounts.secretKey(keep.profile.id)]);
    const err = await rejection(service.removeProfile('Keep'));
    expect(err).toMatchObject({ code: 'profile.not-found', hint: 'Did you mean "keep"?' });
  });

  it('refuses to remove while the keychain is unreachable, keeping the profile', async () => {
    const inner = new MemorySecretStore();
    let up = true;
    const { service } = setup({
      get: (a) => inner.get(a),
      set: (a, v) => inner.set(a, v),
      delete: (a) => inner.delete(a),
      list: () => inner.list(),
      status: async () => (up ? { state: 'available', backend: 'memory' } : { state: 'unavailable', backend: 'memory', message: 'No Secret Service.' }),
    });
    await service.addProfile({ name: 'prod', kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: fakeSecretKey() });
    up = false;
    expect((await rejection(service.removeProfile('prod'))).code).toBe('keychain.unavailable');
    expect(await service.listProfiles()).toHaveLength(1);
    expect(await inner.list()).toHaveLength(1);
  });

  it('reports a secret missing from the keychain as keychain.missing-secret', async () => {
    const { service, secrets } = setup();
    const { profile } = await service.addProfile({ name: 'prod', kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: fakeSecretKey() });
    await secrets.delete(secretAccounts.secretKey(profile.id));
    expect((await rejection(service.getSecrets('prod'))).code).toBe('keychain.missing-secret');
  });

  it('sets, reads and clears the default profile', async () => {
    const { service } = setup();
    await service.addProfile({ name: 'a', kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: fakeSecretKey() });
    expect(await service.getDefaultProfile()).toBeNull();
    await service.setDefaultProfile('a');
    expect(await service.getDefaultProfile()).toBe('a');
    expect((await rejection(service.setDefaultProfile('b'))).code).toBe('profile.not-found');
    await service.setDefaultProfile(null);
    expect(await service.getDefaultProfile()).toBeNull();
  });
});

describe('service: CSV import', () => {
  const keys = Array.from({ length: 4 }, () => ({ ak: fakeAccessKeyId(), sk: fakeSecretKey() }));
  const csv = (rows: Array<[string, { ak: string; sk: string }]>) =>
    `User Name,Access Key Id,Secret Access Key\r\n${rows.map(([u, k]) => `${u},${k.ak},${k.sk}`).join('\r\n')}\r\n`;

  it('adds each row with a generated name, region and user, and stores the SKs in the keychain only', async () => {
    const { service, secrets, dataDir } = setup();
    const report = await service.importCsv(csv([['alice', keys[0]!], ['bob', keys[1]!]]), { namePrefix: 'work', region: 'cn-north-4', source: 'credentials.csv' });
    expect(report.counts).toMatchObject({ added: 2, unchanged: 0, conflict: 0 });
    expect(report.rows.map((r) => [r.line, r.status, r.name])).toEqual([
      [2, 'added', 'work-alice'],
      [3, 'added', 'work-bob'],
    ]);
    const alice = await service.getProfile('work-alice');
    expect(alice).toMatchObject({ kind: 'access-key', accessKeyId: keys[0]!.ak, userName: 'alice', region: 'cn-north-4' });
    expect(await secrets.get(secretAccounts.secretKey(alice.id))).toBe(keys[0]!.sk);
    expect(await scanForSecrets(dataDir, [keys[0]!.sk, keys[1]!.sk])).toEqual([]);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const { service, secrets, files } = setup();
    const text = csv([['alice', keys[0]!], ['bob', keys[1]!]]);
    await service.importCsv(text);
    const fileBefore = await fsp.readFile(files.profiles, 'utf8');
    const again = await service.importCsv(text);
    expect(again.counts).toMatchObject({ added: 0, unchanged: 2 });
    expect(again.rows.map((r) => r.message)).toEqual(['unchanged: already imported as "alice"', 'unchanged: already imported as "bob"']);
    expect(await fsp.readFile(files.profiles, 'utf8')).toBe(fileBefore);
    expect(await secrets.list()).toHaveLength(2);
  });

  it('reports a conflict when the AK is stored with another SK, and overwrites nothing', async () => {
    const { service } = setup();
    await service.importCsv(csv([['alice', keys[0]!]]));
    const report = await service.importCsv(csv([['alice', { ak: keys[0]!.ak, sk: fakeSecretKey() }]]));
    expect(report.rows[0]).toMatchObject({ status: 'conflict', name: 'alice' });
    expect(report.rows[0]!.message).toMatch(/different secret key; nothing changed/);
    expect((await service.getSecrets('alice')).secretAccessKey).toBe(keys[0]!.sk);
  });

  it("notices a user's second key and warns about a third (the console allows two)", async () => {
    const { service } = setup();
    const first = await service.importCsv(csv([['carol', keys[0]!], ['carol', keys[1]!]]));
    expect(first.rows.map((r) => r.name)).toEqual(['carol', 'carol-2']);
    expect(first.rows[0]!.advisories).toEqual([]);
    expect(first.rows[1]!.advisories).toEqual([expect.objectContaining({ level: 'notice', code: 'second-key' })]);
    const third = await service.importCsv(csv([['carol', keys[2]!]]));
    expect(third.rows[0]).toMatchObject({ status: 'added', name: 'carol-3' });
    expect(third.rows[0]!.advisories).toEqual([expect.objectContaining({ level: 'warning', code: 'key-limit', message: expect.stringMatching(/refuses a third/) })]);
  });

  it('names keys without a user after the AK, and reports bad rows by line', async () => {
    const { service } = setup();
    const text = `${keys[3]!.ak},${keys[3]!.sk}\nonly-one-column\n`;
    const report = await service.importCsv(text);
    expect(report.rows).toEqual([
      expect.objectContaining({ line: 1, status: 'added', name: keys[3]!.ak }),
      expect.objectContaining({ line: 2, status: 'invalid', message: expect.stringMatching(/has 1 columns/) }),
    ]);
  });

  it('refuses a bad prefix or region before storing anything', async () => {
    const { service, secrets } = setup();
    expect((await rejection(service.importCsv(csv([['a', keys[0]!]]), { namePrefix: 'bad prefix' }))).code).toBe('validation');
    expect((await rejection(service.importCsv(csv([['a', keys[0]!]]), { region: 'Beijing' }))).code).toBe('validation');
    expect(await secrets.list()).toEqual([]);
  });

  it('stops before storing anything when the keychain is unavailable', async () => {
    const inner = new MemorySecretStore();
    const { service } = setup({
      get: (a) => inner.get(a),
      set: (a, v) => inner.set(a, v),
      delete: (a) => inner.delete(a),
      list: () => inner.list(),
      status: async () => ({ state: 'unavailable', backend: 'memory', message: 'No Secret Service.' }),
    });
    expect((await rejection(service.importCsv(csv([['a', keys[0]!]])))).code).toBe('keychain.unavailable');
    expect(await service.listProfiles()).toEqual([]);
  });
});
