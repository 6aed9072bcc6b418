/**
 * The rotation state machine against an in-memory IAM that checks who signs each call, on a real
 * profile service (temp dir, in-memory keychain): every step failing once, resuming from each stage,
 * rolling back, restarting the process in the middle, and no secret in any result.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AkvaultError } from '../../../../main/core/errors';
import type { AccessKeyInfo, KeySource } from '../../../../main/core/iam/types';
import { dataFiles } from '../../../../main/core/paths';
import { createKeyRotation, type RotationIam } from '../../../../main/core/rotation';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';
import { secretAccounts, type SecretStore } from '../../../../main/core/secrets/secret-store';
import { createService, type AkvaultService } from '../../../../main/core/service';
import { ManualClock } from '../../../support/manual-clock';
import { makeTempDirs } from '../../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

const USER = 'u-rotate-0001';
const OLD = { ak: 'OLDKEY00000000000001', sk: 'OldSecret0000000000000000000000000000001' };

type Op = 'list' | 'create' | 'status' | 'delete' | 'verify';

/** IAM's permanent keys for one user, refusing any call not signed by an active key with the right SK. */
class FakeIam implements RotationIam {
  readonly keys = new Map<string, { sk: string; status: 'active' | 'inactive' }>([[OLD.ak, { sk: OLD.sk, status: 'active' }]]);
  readonly signers: Array<[Op, string]> = [];
  private readonly faults = new Map<Op, { error: AkvaultError; times: number }>();
  private n = 0;

  fail(op: Op, error: AkvaultError, times = 1): void {
    this.faults.set(op, { error, times });
  }

  readonly attempts: Record<Op, number> = { list: 0, create: 0, status: 0, delete: 0, verify: 0 };

  private check(op: Op, src: KeySource | { type: 'token' }): void {
    this.attempts[op]++;
    const fault = this.faults.get(op);
    if (fault && fault.times > 0) {
      fault.times--;
      throw fault.error;
    }
    if (src.type !== 'keys') throw new AkvaultError('iam.bad-key', 'not keys');
    const key = this.keys.get(src.accessKeyId);
    if (!key || key.sk !== src.secretAccessKey || key.status !== 'active') throw new AkvaultError('iam.bad-key', `refused ${src.accessKeyId}`);
    this.signers.push([op, src.accessKeyId]);
  }

  private info(ak: string): AccessKeyInfo {
    return { accessKeyId: ak, userId: USER, status: this.keys.get(ak)!.status };
  }

  async listAccessKeys(src: KeySource) {
    this.check('list', src);
    return [...this.keys.keys()].map((ak) => this.info(ak));
  }
  async createAccessKey(src: KeySource) {
    this.check('create', src);
    if (this.keys.size >= 2) throw new AkvaultError('iam.key-limit', 'akSkNumExceed');
    const ak = `NEWKEY${String(++this.n).padStart(14, '0')}`;
    const sk = `NewSecret${String(this.n).padStart(31, '0')}`;
    this.keys.set(ak, { sk, status: 'active' });
    return { ...this.info(ak), secretAccessKey: sk };
  }
  async setAccessKeyStatus(src: KeySource, ak: string, status: 'active' | 'inactive') {
    this.check('status', src);
    const key = this.keys.get(ak);
    if (!key) throw new AkvaultError('iam.not-found', 'Could not find credential.');
    key.status = status;
    return this.info(ak);
  }
  async deleteAccessKey(src: KeySource, ak: string) {
    this.check('delete', src);
    if (!this.keys.delete(ak)) throw new AkvaultError('iam.not-found', 'Could not find credential.');
  }
  async callerIdentity(keys: KeySource) {
    this.check('verify', keys);
    return { accountId: 'acct', via: 'sts' as const };
  }
  skOf(ak: string): string {
    return this.keys.get(ak)!.sk;
  }
}

/** A keychain that can be told to refuse writes to one account (once). */
class FlakyStore extends MemorySecretStore {
  refuse: string | null = null;
  override async set(account: string, value: string): Promise<void> {
    if (this.refuse && account === this.refuse) {
      this.refuse = null;
      throw new AkvaultError('keychain.failed', 'The keychain refused to store the item.');
    }
    return super.set(account, value);
  }
}

async function setup(opts: { userId?: string | null } = {}) {
  const dataDir = path.join(temp.make(), 'data');
  const clock = new ManualClock();
  const raw = new FlakyStore();
  const service = createService({ dataDir, secretStore: raw, clock, keychainService: 'akvault-test' });
  const iam = new FakeIam();
  const { profile } = await service.addProfile(
    { name: 'prod', kind: 'access-key', accessKeyId: OLD.ak, ...(opts.userId === null ? {} : { userId: opts.userId ?? USER }) },
    { secretAccessKey: OLD.sk },
  );
  let failUpdates = 0;
  const wrapped: AkvaultService = {
    ...service,
    updateProfile: async (...args) => {
      if (failUpdates > 0) {
        failUpdates--;
        throw new AkvaultError('store.locked', 'profiles.json is being changed by another akvault process.');
      }
      return service.updateProfile(...args);
    },
  };
  const make = () =>
    createKeyRotation({ service: wrapped, iamClient: () => iam, clock: { now: () => clock.now(), setTimeout: (fn, ms) => clock.setTimeout(fn, ms), sleep: async () => undefined }, file: dataFiles(dataDir).rotations, verify: { attempts: 3, delaysMs: [1] } });
  return {
    service,
    iam,
    raw: raw as SecretStore & FlakyStore,
    profile,
    rotation: make(),
    /** A new instance on the same files: what a restart sees. */
    restart: make,
    failNextUpdate: () => void (failUpdates = 1),
    profileAk: async () => ((await service.getProfile('prod')) as { accessKeyId: string }).accessKeyId,
    profileSk: async () => (await service.getSecrets('prod')).secretAccessKey,
  };
}

const pendingAccount = (id: string) => secretAccounts.rotationSecretKey(id);

describe('key rotation', () => {
  it('runs to old-deactivated, signing with the old key before the switch and the new key after', async () => {
    const t = await setup();
    const view = await t.rotation.start('prod');
    expect(view).toMatchObject({ stage: 'old-deactivated', oldAccessKeyId: OLD.ak, oldKeyStatus: 'inactive', actions: ['confirm-delete-old', 'abort'] });
    const newAk = view.newAccessKeyId!;
    expect(t.iam.signers).toEqual([
      ['list', OLD.ak],
      ['create', OLD.ak],
      ['verify', newAk],
      ['status', newAk],
    ]);
    expect(await t.profileAk()).toBe(newAk);
    expect(await t.profileSk()).toBe(t.iam.skOf(newAk));
    expect(await t.raw.get(pendingAccount(t.profile.id))).toBeNull();
    const done = await t.rotation.resume('prod', { confirmDeleteOld: true });
    expect(done).toMatchObject({ stage: 'done', oldKeyStatus: 'deleted', actions: [] });
    expect([...t.iam.keys.keys()]).toEqual([newAk]);
    expect(await t.rotation.status('prod')).toBeNull();
    expect(JSON.stringify([view, done])).not.toContain(t.iam.skOf(newAk));
  });

  it('created-not-stored: the new SK could not be kept; the profile is untouched; continue replaces the useless key', async () => {
    const t = await setup();
    t.raw.refuse = pendingAccount(t.profile.id);
    const stopped = await t.rotation.start('prod');
    expect(stopped).toMatchObject({ stage: 'created-not-stored', error: { code: 'keychain.failed' }, actions: ['continue', 'abort'] });
    const lost = stopped.newAccessKeyId!;
    expect(await t.profileAk()).toBe(OLD.ak);
    expect(await t.profileSk()).toBe(OLD.sk);
    const resumed = await t.rotation.resume('prod', { confirmDeleteOld: false });
    expect(resumed.stage).toBe('old-deactivated');
    expect(resumed.newAccessKeyId).not.toBe(lost);
    expect(t.iam.keys.has(lost)).toBe(false);
  });

  it('stored-not-verified: a few spaced attempts, then it stops with the old key in place; continue verifies again', async () => {
    const t = await setup();
    t.iam.fail('verify', new AkvaultError('iam.bad-key', 'The access key is not known (yet).'), 3);
    const stopped = await t.rotation.start('prod');
    expect(stopped).toMatchObject({ stage: 'stored-not-verified', error: { code: 'iam.bad-key' } });
    expect(t.iam.attempts.verify).toBe(3);
    expect(await t.profileAk()).toBe(OLD.ak);
    expect(await t.profileSk()).toBe(OLD.sk);
    expect(t.iam.keys.get(OLD.ak)!.status).toBe('active');
    expect(await t.raw.get(pendingAccount(t.profile.id))).toBe(t.iam.skOf(stopped.newAccessKeyId!));
    expect((await t.rotation.resume('prod', { confirmDeleteOld: false })).stage).toBe('old-deactivated');
  });

  it('stops verifying at once on a failure waiting cannot fix (a lock-out)', async () => {
    const t = await setup();
    t.iam.fail('verify', new AkvaultError('iam.ak-locked', 'locked'), 10);
    const stopped = await t.rotation.start('prod');
    expect(stopped).toMatchObject({ stage: 'stored-not-verified', error: { code: 'iam.ak-locked' } });
    expect(t.iam.attempts.verify).toBe(1);
  });

  it('verified-not-switched: the profile could not be saved; a restart resumes the switch', async () => {
    const t = await setup();
    t.failNextUpdate();
    const stopped = await t.rotation.start('prod');
    expect(stopped).toMatchObject({ stage: 'verified-not-switched', error: { code: 'store.locked' } });
    expect(await t.profileAk()).toBe(OLD.ak);
    const after = t.restart();
    expect(await after.status('prod')).toMatchObject({ stage: 'verified-not-switched', error: { code: 'store.locked' } });
    const resumed = await after.resume('prod', { confirmDeleteOld: true });
    expect(resumed).toMatchObject({ stage: 'done', oldKeyStatus: 'deleted' });
    expect(await t.profileAk()).toBe(resumed.newAccessKeyId);
  });

  it('switched-old-active: deactivation failed after the switch; continue deactivates', async () => {
    const t = await setup();
    t.iam.fail('status', new AkvaultError('iam.server', 'IAM failed.'));
    const stopped = await t.rotation.start('prod');
    expect(stopped).toMatchObject({ stage: 'switched-old-active', oldKeyStatus: 'active', error: { code: 'iam.server' } });
    expect(await t.profileAk()).toBe(stopped.newAccessKeyId);
    expect((await t.rotation.resume('prod', { confirmDeleteOld: false })).stage).toBe('old-deactivated');
  });

  it('an old key deleted elsewhere ends the rotation as done', async () => {
    const t = await setup();
    t.iam.fail('status', new AkvaultError('iam.server', 'IAM failed.'));
    await t.rotation.start('prod');
    t.iam.keys.delete(OLD.ak);
    expect(await t.rotation.resume('prod', { confirmDeleteOld: false })).toMatchObject({ stage: 'done', oldKeyStatus: 'deleted' });
  });

  it('abort before the switch deletes the new key; after it, ends leaving the keys as they are', async () => {
    const t = await setup();
    t.iam.fail('verify', new AkvaultError('iam.server', 'down'), 3);
    const stopped = await t.rotation.start('prod');
    const rolledBack = await t.rotation.abort('prod');
    expect(rolledBack).toMatchObject({ stage: 'rolled-back', actions: [] });
    expect([...t.iam.keys.keys()]).toEqual([OLD.ak]);
    expect(await t.raw.get(pendingAccount(t.profile.id))).toBeNull();
    expect(t.iam.keys.has(stopped.newAccessKeyId!)).toBe(false);

    const again = await t.rotation.start('prod');
    expect(again.stage).toBe('old-deactivated');
    expect(await t.rotation.abort('prod')).toMatchObject({ stage: 'done', oldKeyStatus: 'inactive' });
    expect(t.iam.keys.get(OLD.ak)!.status).toBe('inactive');
    expect(await t.rotation.status('prod')).toBeNull();
  });

  it('one rotation at a time: a second start (a double click) is refused and creates nothing', async () => {
    const t = await setup();
    t.iam.fail('verify', new AkvaultError('iam.server', 'down'), 3);
    // Which of the two wins is not promised (each reads the profile before queueing); that exactly one does is.
    const results = await Promise.allSettled([t.rotation.start('prod'), t.rotation.start('prod')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toMatchObject({ code: 'validation', message: expect.stringContaining('already under way') });
    expect(t.iam.signers.filter(([op]) => op === 'create')).toHaveLength(1);
  });

  it('refuses other kinds, a missing user ID, and continuing or aborting nothing', async () => {
    const t = await setup({ userId: null });
    await expect(t.rotation.start('prod')).rejects.toMatchObject({ code: 'validation', params: { field: 'userId' } });
    await t.service.addProfile({ name: 'tmp', kind: 'temporary-key', accessKeyId: 'TMPKEY00000000000001', expiresAt: '2099-01-01T00:00:00Z' }, { secretAccessKey: 'x'.repeat(40), securityToken: 'tok' });
    await expect(t.rotation.start('tmp')).rejects.toMatchObject({ code: 'profile.unsupported-kind' });
    await expect(t.rotation.resume('prod', { confirmDeleteOld: true })).rejects.toMatchObject({ code: 'validation' });
    await expect(t.rotation.abort('prod')).rejects.toMatchObject({ code: 'validation' });
    expect(t.iam.signers).toEqual([]);
  });

  it('refuses at two keys, naming the inactive key first', async () => {
    const t = await setup();
    t.iam.keys.set('OTHERKEY000000000001', { sk: 'o'.repeat(40), status: 'inactive' });
    await expect(t.rotation.start('prod')).rejects.toMatchObject({ code: 'iam.key-limit', params: { deleteAccessKeyId: 'OTHERKEY000000000001', deleteKeyStatus: 'inactive' } });
    expect(t.iam.signers).toEqual([['list', OLD.ak]]);
  });
});
