/**
 * Key rotation end to end, through the browser UI's invoke (contract validation included), against the
 * IAM emulator (real signatures, the two-key limit) and the real keychain: success, the refusal at two
 * keys, a failure midway that leaves the old key in place, resuming it, and rolling back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationChannels as ch } from '../../../preload/channels';
import type { Result, RotationView } from '../../../preload/contract';
import { IamClient } from '../../../main/core/iam/client';
import { AuthFailureGuard } from '../../../main/core/iam/lockout';
import { secretAccounts } from '../../../main/core/secrets/secret-store';
import { itemsOf } from '../profiles/support/keychain';
import { createWebFixture, DOMAIN, USERS, type WebFixture } from './support/web-fixture';

let fx: WebFixture;
let cookie: string;

beforeAll(async () => {
  fx = await createWebFixture();
  cookie = await fx.signIn();
});

afterAll(async () => {
  await fx?.close();
});

async function call<T>(channel: string, ...args: unknown[]): Promise<Result<T>> {
  const r = await fx.invoke(cookie, channel, args);
  expect(r.status, r.body).toBe(200);
  return r.json<Result<T>>();
}

async function rotation(channel: string, ...args: unknown[]): Promise<RotationView> {
  const r = await call<RotationView>(channel, ...args);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A signed call with these keys, as any SDK would make it (IAM v3 auth/domains). */
async function works(ak: string, sk: string): Promise<boolean> {
  const client = new IamClient({ iamEndpoint: fx.emulator.url, authGuard: new AuthFailureGuard(), retry: { maxAttempts: 1 } });
  return client.callerIdentity({ type: 'keys', accessKeyId: ak, secretAccessKey: sk }).then(
    () => true,
    () => false,
  );
}

const keyState = (ak: string) => fx.emulator.state.permanentKeys.get(ak)?.status ?? 'deleted';
const keysOfUser = (userId: string) => fx.emulator.state.keysOf(userId).map((k) => k.accessKeyId);

describe('key rotation', () => {
  it('creates, stores, verifies, switches, deactivates, then deletes the old key on confirmation', async () => {
    const { profile } = await fx.addKeyProfile('alice', USERS.alice);
    const started = await rotation(ch.rotationStart, 'alice');
    expect(started).toMatchObject({ profile: 'alice', stage: 'old-deactivated', oldAccessKeyId: USERS.alice.ak, oldKeyStatus: 'inactive', actions: ['confirm-delete-old', 'abort'] });
    const newAk = started.newAccessKeyId!;
    const newSk = fx.emulator.state.permanentKeys.get(newAk)!.secretAccessKey;
    expect(keyState(USERS.alice.ak)).toBe('inactive');
    expect(keyState(newAk)).toBe('active');

    // The profile uses the new key; its keychain item holds the new SK; the pending item is gone.
    expect((await fx.core.service.getProfile('alice')).kind === 'access-key' && (await fx.core.service.getProfile('alice'))).toMatchObject({ accessKeyId: newAk });
    const items = await itemsOf(fx.service);
    expect(items.get(secretAccounts.secretKey(profile.id))).toBe(newSk);
    expect(items.has(secretAccounts.rotationSecretKey(profile.id))).toBe(false);
    expect([...items.values()]).not.toContain(USERS.alice.sk);

    // Declining keeps it waiting; confirming deletes the old key.
    expect((await rotation(ch.rotationContinue, 'alice', false)).stage).toBe('old-deactivated');
    expect(await rotation(ch.rotationStatus, 'alice')).toMatchObject({ stage: 'old-deactivated' });
    const done = await rotation(ch.rotationContinue, 'alice', true);
    expect(done).toMatchObject({ stage: 'done', oldKeyStatus: 'deleted', newAccessKeyId: newAk, actions: [] });
    expect(keyState(USERS.alice.ak)).toBe('deleted');
    expect(await call(ch.rotationStatus, 'alice')).toEqual({ ok: true, value: null });

    // The new key signs; the old one is gone everywhere.
    expect(await works(newAk, newSk)).toBe(true);
    expect(await works(USERS.alice.ak, USERS.alice.sk)).toBe(false);
    expect([...(await itemsOf(fx.service)).values()]).not.toContain(USERS.alice.sk);
    // The credentials akvault hands out are the new ones.
    const served = await fx.core.broker.getCredentials('alice', { kind: 'ui', action: 'test' });
    expect(served.accessKeyId).toBe(newAk);
    // No result or stored record ever carried the new secret.
    expect(JSON.stringify([started, done])).not.toContain(newSk);
  });

  it('refuses at two keys and names the key to delete: the inactive one, else the one the profile does not use', async () => {
    await fx.addKeyProfile('bob', USERS.bob);
    const bob = await call(ch.rotationStart, 'bob');
    expect(bob).toMatchObject({ ok: false, error: { code: 'iam.key-limit', params: { deleteAccessKeyId: USERS.bob.inactive, deleteKeyStatus: 'inactive' } } });
    expect(!bob.ok && bob.error.message).toContain(USERS.bob.inactive);

    await fx.addKeyProfile('carol', USERS.carol);
    const carol = await call(ch.rotationStart, 'carol');
    expect(carol).toMatchObject({ ok: false, error: { code: 'iam.key-limit', params: { deleteAccessKeyId: USERS.carol.other, deleteKeyStatus: 'active' } } });
    // Nothing was created or changed.
    expect(keysOfUser(USERS.bob.id).sort()).toEqual([USERS.bob.ak, USERS.bob.inactive].sort());
    expect(keysOfUser(USERS.carol.id).sort()).toEqual([USERS.carol.ak, USERS.carol.other].sort());
    expect(fx.emulator.callsTo('credentials.create')).toHaveLength(1); // alice's, above
  });

  it('says a rotation needs the IAM user ID, and offers to set it', async () => {
    await fx.core.service.addProfile({ name: 'no-user', kind: 'access-key', accessKeyId: 'WEBNOUSERKEY00000001', domainId: DOMAIN.id, iamEndpoint: fx.emulator.url }, { secretAccessKey: 'WebNoUserSecret000000000000000000000001x' });
    const r = await call(ch.rotationStart, 'no-user');
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', params: { field: 'userId', profile: 'no-user' } } });
    expect(!r.ok && r.error.hint).toContain('--user-id');
  });

  it('stops at stored-not-verified when the new key cannot be verified, keeping the old key in place; resumes later', async () => {
    // A fresh user with one key: alice's is rotated already, so reuse her with the key she has now.
    const before = await fx.core.service.getProfile('alice');
    const oldAk = (before as { accessKeyId: string }).accessKeyId;
    const oldSk = (await fx.core.service.getSecrets('alice')).secretAccessKey!;
    fx.emulator.inject('caller-identity', { kind: 'status', status: 503 });
    try {
      const stopped = await rotation(ch.rotationStart, 'alice');
      expect(stopped).toMatchObject({ stage: 'stored-not-verified', oldAccessKeyId: oldAk, oldKeyStatus: 'active', actions: ['continue', 'abort'], error: { code: 'iam.server' } });
      expect(fx.emulator.callsTo('caller-identity').length).toBeGreaterThanOrEqual(3);
      const newAk = stopped.newAccessKeyId!;
      // Nothing is lost: the profile, its keychain item and the old key are as before, and it still works.
      expect(await fx.core.service.getProfile('alice')).toMatchObject({ accessKeyId: oldAk, updatedAt: before.updatedAt });
      expect((await fx.core.service.getSecrets('alice')).secretAccessKey).toBe(oldSk);
      expect(keyState(oldAk)).toBe('active');
      expect(await works(oldAk, oldSk)).toBe(true);
      // The new SK waits in its own keychain item; the status survives in rotations.json.
      const items = await itemsOf(fx.service);
      expect(items.get(secretAccounts.rotationSecretKey(before.id))).toBe(fx.emulator.state.permanentKeys.get(newAk)!.secretAccessKey);
      expect(await rotation(ch.rotationStatus, 'alice')).toMatchObject({ stage: 'stored-not-verified', newAccessKeyId: newAk, error: { code: 'iam.server' } });
      expect((await call(ch.rotationStart, 'alice')).ok).toBe(false); // one at a time

      fx.emulator.clearFaults();
      const resumed = await rotation(ch.rotationContinue, 'alice', true);
      expect(resumed).toMatchObject({ stage: 'done', newAccessKeyId: newAk, oldKeyStatus: 'deleted' });
      expect(await fx.core.service.getProfile('alice')).toMatchObject({ accessKeyId: newAk });
      expect(keyState(oldAk)).toBe('deleted');
      expect(await works(newAk, fx.emulator.state.permanentKeys.get(newAk)!.secretAccessKey)).toBe(true);
      expect((await itemsOf(fx.service)).has(secretAccounts.rotationSecretKey(before.id))).toBe(false);
    } finally {
      fx.emulator.clearFaults();
    }
  });

  it('rolls back before the switch: the new key is deleted, the profile untouched', async () => {
    const before = await fx.core.service.getProfile('alice');
    const oldAk = (before as { accessKeyId: string }).accessKeyId;
    fx.emulator.inject('caller-identity', { kind: 'status', status: 503 });
    let newAk: string;
    try {
      const stopped = await rotation(ch.rotationStart, 'alice');
      expect(stopped.stage).toBe('stored-not-verified');
      newAk = stopped.newAccessKeyId!;
    } finally {
      fx.emulator.clearFaults();
    }
    const aborted = await rotation(ch.rotationAbort, 'alice');
    expect(aborted).toMatchObject({ stage: 'rolled-back', newAccessKeyId: newAk, oldAccessKeyId: oldAk, oldKeyStatus: 'active' });
    expect(keyState(newAk)).toBe('deleted');
    expect(keysOfUser(USERS.alice.id)).toEqual([oldAk]);
    expect(await fx.core.service.getProfile('alice')).toMatchObject({ accessKeyId: oldAk, updatedAt: before.updatedAt });
    expect((await itemsOf(fx.service)).has(secretAccounts.rotationSecretKey(before.id))).toBe(false);
    expect(await call(ch.rotationStatus, 'alice')).toEqual({ ok: true, value: null });
  });
});
