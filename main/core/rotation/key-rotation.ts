/**
 * Rotating the permanent key of an access-key profile (huawei-iam.md §6.4): create the new key, store
 * it, prove it works with a signed call, switch the profile to it, deactivate the old key, and delete
 * the old key once the user confirms.
 *
 * The rule everything here follows: a failure at any step loses nothing. The profile keeps the old key
 * (its keychain item and its access key ID) until the new key has been verified; the new SK, which IAM
 * shows exactly once, goes straight into a keychain account of its own (rotationSecretKey) and only
 * replaces the profile's SK at the switch. After every step the stage is written to rotations.json,
 * so a failure, a restart or a crash stops at a named stage that can be continued or rolled back.
 *
 * IAM calls are signed by the key the profile holds at that moment: the old one up to the switch (list,
 * create, roll back), the new one after (deactivate and delete the old key).
 */
import type { Clock } from '../clock';
import { AkvaultError, asAkvaultError } from '../errors';
import type { IamClient } from '../iam/client';
import type { KeySource } from '../iam/types';
import type { AccessKeyProfile, Profile } from '../profiles/schema';
import { secretAccounts } from '../secrets/secret-store';
import type { AkvaultService } from '../service';
import { checkRoomForNewKey } from './key-limit';
import { RotationRecords } from './record-store';
import { rotationView } from './rotation-view';
import { DEFAULT_VERIFY_POLICY, type InProgressStage, type RotationRecord, type RotationView, type StepError, type VerifyPolicy } from './types';
import { verifyNewKey } from './verify-key';

export type RotationIam = Pick<IamClient, 'listAccessKeys' | 'createAccessKey' | 'setAccessKeyStatus' | 'deleteAccessKey' | 'callerIdentity'>;

export interface KeyRotationDeps {
  /** The app core's service, so a switch reaches the broker (it forgets what it cached for the profile). */
  service: Pick<AkvaultService, 'getProfile' | 'listProfiles' | 'getSecrets' | 'updateProfile' | 'keychainStatus' | 'secrets'>;
  iamClient: (iamEndpoint: string | undefined, stsEndpoint: string | undefined) => RotationIam;
  clock: Clock;
  /** rotations.json */
  file: string;
  verify?: Partial<VerifyPolicy>;
}

export interface KeyRotation {
  /** The rotation in progress for the profile, or null. */
  status(profile: string): Promise<RotationView | null>;
  start(profile: string): Promise<RotationView>;
  /** Picks up where it stopped; `confirmDeleteOld` is the user's word to delete the old key. */
  resume(profile: string, opts: { confirmDeleteOld: boolean }): Promise<RotationView>;
  /** Before the switch, deletes the new key (rolled back); after it, ends the rotation leaving both keys as they are. */
  abort(profile: string): Promise<RotationView>;
}

/** Stages in which the profile still holds the old key, so aborting means deleting the new one. */
const BEFORE_SWITCH: ReadonlySet<InProgressStage> = new Set(['created-not-stored', 'stored-not-verified', 'verified-not-switched']);

/**
 * Where caller identity is asked: STS v5 of the profile's region on the public cloud; elsewhere (a
 * custom IAM endpoint, no region) the IAM client falls back to v3 auth/domains, which proves a key too.
 */
export function stsEndpointFor(p: Pick<Profile, 'iamEndpoint' | 'region'>): string | undefined {
  return !p.iamEndpoint && p.region ? `https://sts.${p.region}.myhuaweicloud.com` : undefined;
}

export function createKeyRotation(deps: KeyRotationDeps): KeyRotation {
  const records = new RotationRecords(deps.file);
  const policy: VerifyPolicy = { ...DEFAULT_VERIFY_POLICY, ...deps.verify };
  const secrets = deps.service.secrets;
  const now = () => new Date(deps.clock.now()).toISOString();
  const tails = new Map<string, Promise<unknown>>();

  /** One step at a time per profile: a double click must not create two keys. */
  const serial = <T>(profileId: string, work: () => Promise<T>): Promise<T> => {
    const next = (tails.get(profileId) ?? Promise.resolve()).then(work, work);
    const tail = next.catch(() => undefined);
    tails.set(profileId, tail);
    void tail.then(() => tails.get(profileId) === tail && tails.delete(profileId));
    return next;
  };

  const accessKeyProfile = async (name: string): Promise<AccessKeyProfile> => {
    const p = await deps.service.getProfile(name);
    if (p.kind !== 'access-key') {
      throw new AkvaultError('profile.unsupported-kind', `Profile "${name}" holds ${p.kind} credentials; only access-key profiles have a permanent key to rotate.`, {
        params: { profile: name, kind: p.kind },
      });
    }
    return p;
  };
  /** The profile as it is now (by id: it may have been renamed or switched since the last step). */
  const current = async (profileId: string, fallback: string): Promise<AccessKeyProfile> => {
    const p = (await deps.service.listProfiles()).find((x) => x.id === profileId);
    if (!p || p.kind !== 'access-key') throw new AkvaultError('profile.not-found', `Profile "${fallback}" no longer exists.`, { params: { name: fallback } });
    return p;
  };
  const iamFor = (p: AccessKeyProfile) => deps.iamClient(p.iamEndpoint, stsEndpointFor(p));
  const keysOf = (p: AccessKeyProfile, accessKeyId: string, secretAccessKey: string): KeySource => ({
    type: 'keys',
    accessKeyId,
    secretAccessKey,
    ...(p.domainId ? { domainId: p.domainId } : {}),
  });
  /** The key the profile holds right now, read from the keychain. */
  const profileKeys = async (p: AccessKeyProfile): Promise<KeySource> => keysOf(p, p.accessKeyId, (await deps.service.getSecrets(p.name)).secretAccessKey ?? '');
  const pendingSecret = async (p: AccessKeyProfile): Promise<string> => {
    const sk = await secrets.get(secretAccounts.rotationSecretKey(p.id));
    if (sk !== null) return sk;
    throw new AkvaultError('keychain.missing-secret', `The secret key of the new access key of profile "${p.name}" is no longer in the keychain.`, {
      params: { profile: p.name },
      hint: 'Continue deletes the new key and creates another one.',
    });
  };

  const save = async (record: RotationRecord, changes: Partial<RotationRecord>): Promise<RotationRecord> => {
    const { lastError: _dropped, ...rest } = record;
    const next: RotationRecord = { ...rest, ...changes, updatedAt: now() };
    await records.put(next);
    return next;
  };
  /** A step failed: keep the stage, remember why, and report both. */
  const stopped = async (p: AccessKeyProfile, record: RotationRecord, e: unknown): Promise<RotationView> => {
    const err = asAkvaultError(e);
    const lastError: StepError = { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}), params: err.params };
    const next: RotationRecord = { ...record, lastError, updatedAt: now() };
    try {
      await records.put(next);
    } catch {
      // The report below still says where it stopped; rotations.json catches up at the next step.
    }
    return rotationView(p.name, next, next.stage, lastError);
  };

  const deleteKey = async (iam: RotationIam, signer: KeySource, accessKeyId: string): Promise<void> => {
    try {
      await iam.deleteAccessKey(signer, accessKeyId);
    } catch (e) {
      // Already gone (deleted in the console, or an earlier attempt whose answer was lost) is what we wanted.
      if (!(e instanceof AkvaultError && e.code === 'iam.not-found')) throw e;
    }
  };
  const forgetPending = (p: AccessKeyProfile) => secrets.delete(secretAccounts.rotationSecretKey(p.id)).catch(() => false);

  const requireKeychain = async (): Promise<void> => {
    const status = await deps.service.keychainStatus();
    if (status.state === 'available') return;
    // Creating a key we could not store would only leave a key nobody has the secret of.
    throw new AkvaultError(status.state === 'locked' ? 'keychain.locked' : 'keychain.unavailable', status.message, { params: { backend: status.backend } });
  };

  /** Checks, lists, creates and stores: everything up to stored-not-verified, then runs on. */
  const begin = async (p: AccessKeyProfile): Promise<RotationView> => {
    if (!p.userId) {
      throw new AkvaultError(
        'validation',
        `Profile "${p.name}" has no IAM user ID. Rotation needs it to list and create the user's keys, and IAM v3 cannot tell it from the key alone.`,
        {
          params: { profile: p.name, field: 'userId' },
          hint: `Set the user ID (the console shows it under My Credentials), e.g. \`akvault profile update ${p.name} --user-id <ID>\`, then rotate again.`,
        },
      );
    }
    await requireKeychain();
    const iam = iamFor(p);
    const oldKeys = await profileKeys(p);
    checkRoomForNewKey(p.name, p.userId, p.accessKeyId, await iam.listAccessKeys(oldKeys, p.userId));
    const created = await iam.createAccessKey(oldKeys, { userId: p.userId, description: `akvault rotation of ${p.name}` });
    const at = now();
    let record: RotationRecord = {
      profileId: p.id,
      userId: p.userId,
      oldAccessKeyId: p.accessKeyId,
      newAccessKeyId: created.accessKeyId,
      stage: 'created-not-stored',
      oldKeyStatus: 'active',
      startedAt: at,
      updatedAt: at,
    };
    try {
      await records.put(record);
      // IAM shows this SK once: into the keychain now, under its own account, leaving the old one alone.
      await secrets.set(secretAccounts.rotationSecretKey(p.id), created.secretAccessKey);
    } catch (e) {
      return stopped(p, record, e);
    }
    try {
      record = await save(record, { stage: 'stored-not-verified' });
    } catch (e) {
      return stopped(p, { ...record, stage: 'stored-not-verified' }, e);
    }
    return run(p, record, { confirmDeleteOld: false });
  };

  /** Runs the remaining steps from the record's stage until done, a failure, or the delete needing a yes. */
  const run = async (start: AccessKeyProfile, first: RotationRecord, opts: { confirmDeleteOld: boolean }): Promise<RotationView> => {
    let record = first;
    let p = start;
    for (;;) {
      try {
        p = await current(record.profileId, p.name);
        switch (record.stage) {
          case 'created-not-stored': {
            // The new SK is lost: the key is useless. Delete it (signed by the old key) and start over.
            await deleteKey(iamFor(p), await profileKeys(p), record.newAccessKeyId);
            await forgetPending(p);
            await records.remove(p.id);
            return begin(p);
          }
          case 'stored-not-verified': {
            const sk = await pendingSecret(p).catch(async (e: unknown) => {
              record = await save(record, { stage: 'created-not-stored' });
              throw e;
            });
            await verifyNewKey(iamFor(p), keysOf(p, record.newAccessKeyId, sk), policy, deps.clock);
            record = await save(record, { stage: 'verified-not-switched' });
            break;
          }
          case 'verified-not-switched': {
            // An earlier switch may have worked with only the record update failing: do not do it twice.
            if (p.accessKeyId !== record.newAccessKeyId) {
              const sk = await pendingSecret(p).catch(async (e: unknown) => {
                record = await save(record, { stage: 'created-not-stored' });
                throw e;
              });
              // One update: the vault replaces the SK and, if the profile file cannot be written, puts the old one back.
              await deps.service.updateProfile(p.name, { accessKeyId: record.newAccessKeyId }, { secretAccessKey: sk });
            }
            await forgetPending(p);
            record = await save(record, { stage: 'switched-old-active' });
            break;
          }
          case 'switched-old-active': {
            try {
              await iamFor(p).setAccessKeyStatus(await profileKeys(p), record.oldAccessKeyId, 'inactive');
              record = await save(record, { stage: 'old-deactivated', oldKeyStatus: 'inactive' });
            } catch (e) {
              if (!(e instanceof AkvaultError && e.code === 'iam.not-found')) throw e;
              // Someone deleted it already: nothing left to deactivate or delete.
              record = { ...record, oldKeyStatus: 'deleted' };
              await records.remove(p.id);
              return rotationView(p.name, { ...record, updatedAt: now() }, 'done');
            }
            break;
          }
          case 'old-deactivated': {
            if (!opts.confirmDeleteOld) return rotationView(p.name, record);
            await deleteKey(iamFor(p), await profileKeys(p), record.oldAccessKeyId);
            await records.remove(p.id);
            return rotationView(p.name, { ...record, oldKeyStatus: 'deleted', updatedAt: now() }, 'done');
          }
        }
      } catch (e) {
        return stopped(p, record, e);
      }
    }
  };

  const recordOf = async (p: AccessKeyProfile): Promise<RotationRecord> => {
    const record = await records.get(p.id);
    if (record) return record;
    throw new AkvaultError('validation', `No key rotation of profile "${p.name}" is under way.`, { params: { profile: p.name }, hint: 'Start one first.' });
  };

  return {
    async status(name) {
      const p = await accessKeyProfile(name);
      const record = await records.get(p.id);
      return record ? rotationView(p.name, record, record.stage, record.lastError) : null;
    },
    async start(name) {
      const p = await accessKeyProfile(name);
      return serial(p.id, async () => {
        const existing = await records.get(p.id);
        if (existing) {
          throw new AkvaultError('validation', `A key rotation of profile "${p.name}" is already under way (stopped at ${existing.stage}).`, {
            params: { profile: p.name, stage: existing.stage },
            hint: 'Continue it or abort it first.',
          });
        }
        return begin(await current(p.id, name));
      });
    },
    async resume(name, opts) {
      const p = await accessKeyProfile(name);
      return serial(p.id, async () => run(p, await recordOf(p), opts));
    },
    async abort(name) {
      const p = await accessKeyProfile(name);
      return serial(p.id, async () => {
        const record = await recordOf(p);
        const fresh = await current(p.id, name);
        // Past the switch (or switched by an attempt whose record update failed): the new key is the
        // profile's now. End the rotation and leave both keys as they are.
        if (!BEFORE_SWITCH.has(record.stage) || fresh.accessKeyId === record.newAccessKeyId) {
          await records.remove(p.id);
          await forgetPending(fresh);
          return rotationView(fresh.name, { ...record, updatedAt: now() }, 'done');
        }
        try {
          await deleteKey(iamFor(fresh), await profileKeys(fresh), record.newAccessKeyId);
          await forgetPending(fresh);
          await records.remove(p.id);
        } catch (e) {
          return stopped(fresh, record, e);
        }
        return rotationView(fresh.name, { ...record, updatedAt: now() }, 'rolled-back');
      });
    },
  };
}
