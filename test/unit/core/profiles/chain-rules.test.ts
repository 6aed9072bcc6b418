import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../../main/core/profiles/store';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';
import { secretAccounts } from '../../../../main/core/secrets/secret-store';
import { createService } from '../../../../main/core/service';
import { addAgency, addKey, rejection, serviceIn } from '../../../support/profile-fixtures';
import { makeTempDirs } from '../../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

async function fileText(service: { profilesFile: string }): Promise<string> {
  return fsp.readFile(service.profilesFile, 'utf8');
}

describe('agency chains: sources, loops and length', () => {
  it('refuses an agency whose source is itself, naming the loop, and changes nothing', async () => {
    const { service } = serviceIn(temp.make());
    await addKey(service, 'base');
    const { profile: a } = await addAgency(service, 'a', 'base');
    const before = await fileText(service);
    const e = await rejection(service.updateProfile('a', { sourceId: a.id }));
    expect(e).toMatchObject({ code: 'profile.cycle', params: { name: 'a', loop: 'a ← a' } });
    expect(e.message).toBe('Agency "a" would be part of a loop of sources: a ← a.');
    expect(await fileText(service)).toBe(before);
  });

  it('refuses A → B → A', async () => {
    const { service } = serviceIn(temp.make());
    await addKey(service, 'base');
    await addAgency(service, 'a', 'base');
    const { profile: b } = await addAgency(service, 'b', 'a');
    const e = await rejection(service.updateProfile('a', { sourceId: b.id }));
    expect(e).toMatchObject({ code: 'profile.cycle', params: { loop: 'a ← b ← a' } });
    expect((await service.getChain('a')).links.map((p) => p.name)).toEqual(['a', 'base']);
  });

  it('accepts five agencies stacked on a base and refuses a sixth', async () => {
    const { service } = serviceIn(temp.make());
    await addKey(service, 'base');
    let below = 'base';
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) {
      await addAgency(service, name, below);
      below = name;
    }
    expect((await service.getChain('a5')).links.map((p) => p.name)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1', 'base']);
    const before = await fileText(service);
    const e = await rejection(addAgency(service, 'a6', 'a5'));
    expect(e).toMatchObject({ code: 'profile.chain-too-long', params: { name: 'a6', links: 6, max: 5, chain: 'a6 ← a5 ← a4 ← a3 ← a2 ← a1 ← base' } });
    expect(e.hint).toMatch(/closer to the base/);
    expect(await fileText(service)).toBe(before);
  });

  it('refuses a re-pointing that makes the chain of an agency stacked on it too long', async () => {
    const { service } = serviceIn(temp.make());
    await addKey(service, 'base');
    await addAgency(service, 'x1', 'base');
    await addAgency(service, 'x2', 'x1');
    await addAgency(service, 'x3', 'x2');
    await addAgency(service, 'y1', 'base');
    await addAgency(service, 'y2', 'y1');
    const { profile: y3 } = await addAgency(service, 'y3', 'y2');
    // x1 itself would be 4 deep (x1 ← y3 ← y2 ← y1 ← base), but x3 on top of it would be 6.
    const e = await rejection(service.updateProfile('x1', { sourceId: y3.id }));
    expect(e).toMatchObject({ code: 'profile.chain-too-long', params: { name: 'x3', links: 6 } });
    expect(e.message).toContain('"x3", which is stacked on "x1",');
    const y2 = await service.getProfile('y2');
    await service.updateProfile('x1', { sourceId: y2.id });
    expect((await service.getChain('x3')).links.map((p) => p.name)).toEqual(['x3', 'x2', 'x1', 'y2', 'y1', 'base']);
  });

  it('refuses a source that does not exist, on add and on update', async () => {
    const { service } = serviceIn(temp.make());
    await addKey(service, 'base');
    const missing = randomUUID();
    const onAdd = await rejection(service.addProfile({ name: 'ag', kind: 'agency', sourceId: missing, agencyDomainName: 'acme', agencyName: 'admin' }, {}));
    expect(onAdd).toMatchObject({ code: 'profile.not-found', message: 'The source profile of agency "ag" does not exist.', params: { sourceId: missing } });
    await addAgency(service, 'ag', 'base');
    expect((await rejection(service.updateProfile('ag', { sourceId: missing }))).code).toBe('profile.not-found');
  });

  it('checks inside the lock: two writers pointing two agencies at each other cannot both win', async () => {
    const dir = temp.make();
    const one = serviceIn(dir);
    const other = createService({ dataDir: one.dataDir, secretStore: one.secretStore, clock: one.clock });
    await addKey(one.service, 'base');
    const { profile: a } = await addAgency(one.service, 'a', 'base');
    const { profile: b } = await addAgency(one.service, 'b', 'base');
    const results = await Promise.allSettled([one.service.updateProfile('a', { sourceId: b.id }), other.updateProfile('b', { sourceId: a.id })]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'profile.cycle' });
    for (const name of ['a', 'b']) expect((await one.service.getChain(name)).end).toBe('base');
  });

  it('leaves chains it is not changing alone, so a hand-broken agency does not block other edits', async () => {
    const { service, dataDir } = serviceIn(temp.make());
    await addKey(service, 'base');
    const now = new Date().toISOString();
    await new ProfileStore({ dataDir }).update((draft) => {
      draft.profiles.push({ id: randomUUID(), name: 'orphan', kind: 'agency', sourceId: randomUUID(), agencyDomainName: 'acme', agencyName: 'x', durationSeconds: 3600, createdAt: now, updatedAt: now });
    });
    await addAgency(service, 'fine', 'base');
    await service.updateProfile('base', { region: 'cn-north-4' });
    expect((await service.getChain('orphan')).end).toBe('missing');
  });

  it('refuses STS v5 over a token or account source, and warns about a long v5 session over temporary keys', async () => {
    const { service } = serviceIn(temp.make());
    await service.addProfile({ name: 'tok', kind: 'token', expiresAt: '2026-11-23T00:00:00Z' }, { authToken: 'MIIabcdefgh' });
    const v5 = { api: 'v5' as const, agencyDomainName: undefined, agencyDomainId: 'd0123', stsEndpoint: 'https://sts.example.com' };
    const e = await rejection(addAgency(service, 'v5-tok', 'tok', v5));
    expect(e).toMatchObject({ code: 'validation', params: { fields: 'sourceId' } });
    expect(e.hint).toMatch(/v3/);
    await service.addProfile({ name: 'ecs', kind: 'ecs-agency' }, {});
    const r = await addAgency(service, 'v5-ecs', 'ecs', { ...v5, durationSeconds: 7200 });
    expect(r.warnings.map((w) => w.code)).toEqual(['v5-chained-duration']);
    expect((await addAgency(service, 'v3-tok', 'tok')).warnings).toEqual([]);
  });
});

describe('removing a profile that agencies use', () => {
  it('is refused with profile.in-use naming the dependents, keeping profile and secret', async () => {
    const store = new MemorySecretStore();
    const { service } = serviceIn(temp.make(), store);
    const base = await addKey(service, 'base');
    await addAgency(service, 'ag-1', 'base');
    await addAgency(service, 'ag-2', 'base');
    await addAgency(service, 'on-top', 'ag-1');
    const e = await rejection(service.removeProfile('base'));
    expect(e).toMatchObject({ code: 'profile.in-use', params: { name: 'base', dependents: 'ag-1,ag-2' } });
    expect(e.message).toBe('Profile "base" is the source of agencies "ag-1", "ag-2".');
    expect(e.hint).toMatch(/Remove those agencies or point them at another source first/);
    expect(await store.get(secretAccounts.secretKey(base.id))).not.toBeNull();
    expect((await rejection(service.removeProfile('ag-1'))).params.dependents).toBe('on-top');

    for (const name of ['on-top', 'ag-1', 'ag-2', 'base']) await service.removeProfile(name);
    expect(await service.listProfiles()).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('reports in-use even when the keychain is locked (the more useful answer)', async () => {
    const inner = new MemorySecretStore();
    let locked = false;
    const { service } = serviceIn(temp.make(), {
      get: (a) => inner.get(a),
      set: (a, v) => inner.set(a, v),
      delete: (a) => inner.delete(a),
      list: () => inner.list(),
      status: async () => (locked ? { state: 'locked', backend: 'memory', message: 'Locked.' } : { state: 'available', backend: 'memory' }),
    });
    await addKey(service, 'base');
    await addAgency(service, 'ag', 'base');
    locked = true;
    expect((await rejection(service.removeProfile('base'))).code).toBe('profile.in-use');
    expect((await rejection(service.removeProfile('ag'))).code).toBe('keychain.locked');
  });
});
