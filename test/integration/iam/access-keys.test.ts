import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IamClient } from '../../../main/core/iam';
import type { IamEmulator } from '../../support/iam-emulator/server';
import { clientFor, expectNoSecrets, failure, seeded, ShiftableClock, startEmulator } from './helpers';

let emulator: IamEmulator;
let clock: ShiftableClock;
let client: IamClient;

beforeAll(async () => {
  clock = new ShiftableClock();
  emulator = await startEmulator(clock);
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  client = clientFor(emulator, clock);
});

describe('permanent access keys', () => {
  it('list, create, verify, deactivate, delete (the rotation steps)', async () => {
    const alice = seeded(emulator, 'alice');
    const before = await client.listAccessKeys(alice.key, alice.user.id);
    expect(before).toEqual([{ accessKeyId: alice.key.accessKeyId, userId: alice.user.id, status: 'active', createdAt: '2025-03-04T08:15:30.123Z', description: 'alice laptop' }]);

    const created = await client.createAccessKey(alice.key, { userId: alice.user.id, description: 'rotated' });
    expect(created).toMatchObject({ userId: alice.user.id, status: 'active', description: 'rotated' });
    expect(created.secretAccessKey).toHaveLength(40);
    const fresh = { type: 'keys' as const, accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
    await expect(client.callerIdentity(fresh)).resolves.toMatchObject({ accountId: alice.domain.id });

    await expect(client.setAccessKeyStatus(fresh, alice.key.accessKeyId, 'inactive')).resolves.toMatchObject({ accessKeyId: alice.key.accessKeyId, status: 'inactive' });
    await client.deleteAccessKey(fresh, alice.key.accessKeyId);
    expect((await client.listAccessKeys(fresh, alice.user.id)).map((k) => k.accessKeyId)).toEqual([created.accessKeyId]);
    expect(emulator.calls.map((c) => `${c.route} ${c.status}`)).toEqual([
      'credentials.list 200',
      'credentials.create 201',
      'caller-identity 200',
      'credentials.update 200',
      'credentials.delete 204',
      'credentials.list 200',
    ]);
  });

  it('a third key: akSkNumExceed becomes "already has two keys", one call', async () => {
    const bob = seeded(emulator, 'bob');
    const e = await failure(client.createAccessKey(bob.key, { userId: bob.user.id }));
    expect(e.code).toBe('iam.key-limit');
    expect(emulator.calls).toHaveLength(1);
  });

  it('a disabled key is rejected as a key', async () => {
    const bob = seeded(emulator, 'bob');
    const e = await failure(client.listAccessKeys(bob.keys[1]!, bob.user.id));
    expect(e.code).toBe('iam.bad-key');
    expectNoSecrets(e, [bob.keys[1]!.secretAccessKey]);
  });

  it("another user's keys: forbidden for a user, allowed for a Security Administrator of that account", async () => {
    const carol = seeded(emulator, 'carol');
    const bob = seeded(emulator, 'bob');
    const e = await failure(client.listAccessKeys(carol.key, bob.user.id));
    expect(e.code).toBe('iam.forbidden');
    expect(e.params.serverCode).toBe('IAM.0003');
    const ops = seeded(emulator, 'ops-admin');
    expect(await client.listAccessKeys(ops.key, ops.user.id)).toHaveLength(1);
  });

  it('deleting an unknown key', async () => {
    const alice = seeded(emulator, 'alice');
    expect((await failure(client.deleteAccessKey(alice.key, 'NOSUCHKEY00000000000'))).code).toBe('iam.not-found');
  });

  it('works with a token too', async () => {
    const bob = seeded(emulator, 'bob');
    const t = await client.tokenFromPassword({ domainName: 'acme-dev', userName: 'bob', password: bob.user.password }, { domain: { name: 'acme-dev' } });
    expect(await client.listAccessKeys({ type: 'token', token: t.token }, bob.user.id)).toHaveLength(2);
  });
});

describe('callerIdentity', () => {
  it('STS v5 caller-identity when STS answers', async () => {
    const alice = seeded(emulator, 'alice');
    await expect(client.callerIdentity(alice.key)).resolves.toEqual({
      accountId: alice.domain.id,
      principalId: alice.user.id,
      principalUrn: `iam::${alice.domain.id}:user:alice`,
      via: 'sts',
    });
  });

  it('falls back to IAM auth/domains when STS is missing there', async () => {
    const alice = seeded(emulator, 'alice');
    emulator.inject('caller-identity', { kind: 'status', status: 404, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist' } });
    await expect(client.callerIdentity(alice.key)).resolves.toEqual({ accountId: alice.domain.id, accountName: 'acme-dev', via: 'iam' });
    expect(emulator.calls.map((c) => `${c.route} ${c.status}`)).toEqual(['caller-identity 404', 'auth-domains 200']);
  });

  it('uses IAM directly without an STS endpoint', async () => {
    const alice = seeded(emulator, 'alice');
    await expect(clientFor(emulator, clock, { stsEndpoint: undefined }).callerIdentity(alice.key)).resolves.toMatchObject({ via: 'iam' });
    expect(emulator.calls.map((c) => c.route)).toEqual(['auth-domains']);
  });

  it('a refused key is reported, not tried again on IAM', async () => {
    const alice = seeded(emulator, 'alice');
    const e = await failure(client.callerIdentity({ ...alice.key, secretAccessKey: 'not-the-secret' }));
    expect(e.code).toBe('iam.bad-key');
    expect(emulator.calls).toHaveLength(1);
  });
});
