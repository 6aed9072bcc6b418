import { promises as fsp } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';
import { SealedSecretStore } from '../../../../main/core/secrets/sealed-store';
import { secretAccounts } from '../../../../main/core/secrets/secret-store';
import { fakeSecurityToken } from '../../../support/fake-keys';
import { addAgency, addKey, serviceIn } from '../../../support/profile-fixtures';
import { scanForSecrets } from '../../../support/secret-scan';
import { makeTempDirs } from '../../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

describe('secrets per kind', () => {
  it('land in the right keychain accounts, are read back per kind, and never reach the profiles file', async () => {
    // Windows-sized backend: a real IAM token (several KB) must go through the sealed store.
    const raw = new MemorySecretStore({ maxValueBytes: 2560 });
    const { service, dataDir } = serviceIn(temp.make(), raw);
    const sk = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
    const password = 'correct horse battery staple';
    const token = `MII${fakeSecurityToken(8 * 1024)}`;

    const base = await addKey(service, 'base', sk);
    const { profile: acct } = await service.addProfile({ name: 'acct', kind: 'account', domainName: 'acme', userName: 'alice' }, { password });
    const { profile: tok } = await service.addProfile({ name: 'tok', kind: 'token', expiresAt: '2026-11-23T00:00:00Z' }, { authToken: token });
    const { profile: ecs } = await service.addProfile({ name: 'ecs', kind: 'ecs-agency' }, {});
    const { profile: ag } = await addAgency(service, 'ag', 'base');

    expect((await raw.list()).sort()).toEqual([secretAccounts.secretKey(base.id), secretAccounts.password(acct.id), secretAccounts.authToken(tok.id)].sort());
    expect(await raw.get(secretAccounts.password(acct.id))).toBe(password);
    expect(await raw.get(secretAccounts.authToken(tok.id))).toMatch(/^akvault-sealed:v\d+:/);

    expect(await service.getSecrets('base')).toEqual({ secretAccessKey: sk });
    expect(await service.getSecrets('acct')).toEqual({ password });
    expect(await service.getSecrets('tok')).toEqual({ authToken: token });
    expect(await service.getSecrets('ecs')).toEqual({});
    expect(await service.getSecrets('ag')).toEqual({});

    // The broker reads profile secrets through the same sealed store the service writes them with.
    expect(service.secrets).toBeInstanceOf(SealedSecretStore);
    expect(await service.secrets.get(secretAccounts.authToken(tok.id))).toBe(token);

    const file = await fsp.readFile(service.profilesFile, 'utf8');
    for (const id of [base.id, acct.id, tok.id, ecs.id, ag.id]) expect(file).toContain(id);
    expect(await scanForSecrets(dataDir, [sk, password, token])).toEqual([]);
  });

  it('removal deletes every account of the profile, session caches included', async () => {
    const raw = new MemorySecretStore();
    const { service } = serviceIn(temp.make(), raw);
    const { profile: acct } = await service.addProfile({ name: 'acct', kind: 'account', domainName: 'acme', userName: 'alice' }, { password: 'pw-pw-pw-pw' });
    const { profile: ecs } = await service.addProfile({ name: 'ecs', kind: 'ecs-agency' }, {});
    await service.secrets.set(secretAccounts.sessionCache(acct.id), '{"v":1}');
    await service.secrets.set(secretAccounts.sessionToken(acct.id), '{"v":1}');
    await service.secrets.set(secretAccounts.sessionCache(ecs.id), '{"v":1}');

    expect((await service.removeProfile('acct')).removedSecrets).toBe(3);
    expect((await service.removeProfile('ecs')).removedSecrets).toBe(1);
    expect(await raw.list()).toEqual([]);
  });
});
