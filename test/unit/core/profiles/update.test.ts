import { promises as fsp } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfilePatch } from '../../../../main/core/profiles/profile-patch';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';
import { secretAccounts } from '../../../../main/core/secrets/secret-store';
import { createService } from '../../../../main/core/service';
import { fakeAccessKeyId, fakeSecretKey } from '../../../support/fake-keys';
import { addAgency, addKey, rejection, serviceIn } from '../../../support/profile-fixtures';
import { scanForSecrets } from '../../../support/secret-scan';
import { makeTempDirs } from '../../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

describe('updateProfile: fields, names and the default pointer', () => {
  it('keeps id and createdAt, bumps updatedAt and re-checks every field', async () => {
    const { service, clock } = serviceIn(temp.make());
    const before = await addKey(service, 'prod');
    await clock.advance(60_000);
    const r = await service.updateProfile('prod', { region: 'cn-north-4', description: 'main account' });
    expect(r.profile).toMatchObject({ id: before.id, createdAt: before.createdAt, region: 'cn-north-4', description: 'main account' });
    expect(Date.parse(r.profile.updatedAt) - Date.parse(before.updatedAt)).toBe(60_000);
    expect(r.previous).toEqual(before);
    expect(r.secretsReplaced).toBe(false);

    const text = await fsp.readFile(service.profilesFile, 'utf8');
    const e = await rejection(service.updateProfile('prod', { region: 'Beijing', color: 'red' }));
    expect(e).toMatchObject({ code: 'validation', params: { fields: 'region,color' } });
    expect(await fsp.readFile(service.profilesFile, 'utf8')).toBe(text);
  });

  it('renames: the default pointer follows, agencies keep their source, names stay unique', async () => {
    const { service } = serviceIn(temp.make());
    const base = await addKey(service, 'base');
    await addKey(service, 'other');
    await addAgency(service, 'ag', 'base');
    await service.setDefaultProfile('base');

    const r = await service.updateProfile('base', { name: 'root-keys' });
    expect(r.profile.id).toBe(base.id);
    expect(await service.getDefaultProfile()).toBe('root-keys');
    expect((await service.getChain('ag')).links.map((p) => p.name)).toEqual(['ag', 'root-keys']);

    const clash = await rejection(service.updateProfile('root-keys', { name: 'OTHER' }));
    expect(clash).toMatchObject({ code: 'profile.exists', params: { name: 'other' } });
    await service.updateProfile('root-keys', { name: 'Root-Keys' });
    expect(await service.getDefaultProfile()).toBe('Root-Keys');
    expect((await rejection(service.updateProfile('nope', { region: 'cn-north-4' }))).code).toBe('profile.not-found');
    expect((await rejection(service.updateProfile('ag', { name: 'bad name' }))).params.fields).toBe('name');
  });

  it('removes optional fields given as null and merges tool-file flags one by one', async () => {
    const { service } = serviceIn(temp.make());
    await addKey(service, 'base');
    const { profile } = await addAgency(service, 'ag', 'base', { sessionUserName: 'alice-laptop', region: 'cn-north-4', toolFiles: { koocli: true } });
    expect(profile).toMatchObject({ sessionUserName: 'alice-laptop', toolFiles: { koocli: true } });

    const on = await service.updateProfile('ag', { toolFiles: { obsutil: true }, sessionUserName: null, refreshMarginSeconds: 2700 });
    expect(on.profile.toolFiles).toEqual({ koocli: true, obsutil: true });
    expect(on.profile).not.toHaveProperty('sessionUserName');
    expect(on.profile).toMatchObject({ region: 'cn-north-4', refreshMarginSeconds: 2700 });

    const off = await service.updateProfile('ag', { toolFiles: { koocli: false, obsutil: false }, durationSeconds: null });
    expect(off.profile).not.toHaveProperty('toolFiles');
    // An agency's duration falls back to the stored default rather than disappearing.
    expect(off.profile).toMatchObject({ durationSeconds: 3600 });
  });

  it('switches the delegating account from name to ID only when the other is removed', async () => {
    const { service } = serviceIn(temp.make());
    await addKey(service, 'base');
    await addAgency(service, 'ag', 'base');
    expect((await rejection(service.updateProfile('ag', { agencyDomainId: 'd0123' }))).message).toContain('not both');
    const r = await service.updateProfile('ag', { agencyDomainId: 'd0123', agencyDomainName: null });
    expect(r.profile).toMatchObject({ agencyDomainId: 'd0123' });
    expect(r.profile).not.toHaveProperty('agencyDomainName');
  });

  it('refuses to change the kind, the id or the timestamps', async () => {
    const { service } = serviceIn(temp.make());
    await addKey(service, 'prod');
    const kind = await rejection(service.updateProfile('prod', { kind: 'token' } as unknown as ProfilePatch));
    expect(kind).toMatchObject({ code: 'validation', params: { fields: 'kind' } });
    expect(kind.message).toContain("a profile's kind cannot change (it is access-key)");
    expect((await rejection(service.updateProfile('prod', { id: 'x', createdAt: 'y' } as unknown as ProfilePatch))).params.fields).toBe('id,createdAt');
    expect((await rejection(service.updateProfile('prod', { mfaUserId: 'u1' }))).params.fields).toBe('mfaUserId');
  });
});

describe('updateProfile: secrets', () => {
  it('replaces only when asked, into the same keychain account, and never into the file', async () => {
    const store = new MemorySecretStore();
    const { service, dataDir } = serviceIn(temp.make(), store);
    const { profile } = await service.addProfile({ name: 'acct', kind: 'account', domainName: 'acme', userName: 'alice' }, { password: 'first-password-1' });
    const account = secretAccounts.password(profile.id);

    await service.updateProfile('acct', { mfaUserId: '0b1c2d' });
    expect(await store.get(account)).toBe('first-password-1');

    const r = await service.updateProfile('acct', {}, { password: 'second-password-2' });
    expect(r.secretsReplaced).toBe(true);
    expect(await store.get(account)).toBe('second-password-2');
    expect(await store.list()).toEqual([account]);
    expect(await service.getSecrets('acct')).toEqual({ password: 'second-password-2' });
    expect(await scanForSecrets(dataDir, ['first-password-1', 'second-password-2'])).toEqual([]);
  });

  it('wants every secret of the kind, checked like on add, before anything is written', async () => {
    const store = new MemorySecretStore();
    const { service } = serviceIn(temp.make(), store);
    const sk = fakeSecretKey();
    const { profile } = await service.addProfile(
      { name: 'tmp', kind: 'temporary-key', accessKeyId: fakeAccessKeyId(), expiresAt: '2026-11-22T21:00:00Z' },
      { secretAccessKey: sk, securityToken: 'old-token-value' },
    );
    const e = await rejection(service.updateProfile('tmp', {}, { secretAccessKey: fakeSecretKey() }));
    expect(e).toMatchObject({ code: 'validation', params: { fields: 'securityToken' } });
    expect(await store.get(secretAccounts.secretKey(profile.id))).toBe(sk);
    const wrongKind = await rejection(service.updateProfile('tmp', {}, { password: 'x' } as never));
    expect(String(wrongKind.params.fields)).toContain('password');
  });

  it('puts the old secret back when the file update fails after the new one was stored', async () => {
    const inner = new MemorySecretStore();
    let racer: (() => Promise<void>) | undefined;
    const { service, dataDir, clock } = serviceIn(temp.make(), {
      get: (a) => inner.get(a),
      delete: (a) => inner.delete(a),
      list: () => inner.list(),
      status: () => inner.status(),
      async set(account, value) {
        await inner.set(account, value);
        const run = racer;
        racer = undefined;
        await run?.();
      },
    });
    const { profile } = await service.addProfile({ name: 'tok', kind: 'token', expiresAt: '2026-11-23T00:00:00Z' }, { authToken: 'MIIold-token' });
    // Another process takes the new name between our early check and our locked write.
    racer = async () => {
      const other = createService({ dataDir, secretStore: new MemorySecretStore(), clock });
      await other.addProfile({ name: 'ecs-taken', kind: 'ecs-agency' }, {});
    };
    const e = await rejection(service.updateProfile('tok', { name: 'ecs-taken' }, { authToken: 'MIInew-token' }));
    expect(e.code).toBe('profile.exists');
    expect(await inner.get(secretAccounts.authToken(profile.id))).toBe('MIIold-token');
    expect((await service.getProfile('tok')).updatedAt).toBe(profile.updatedAt);
  });
});
