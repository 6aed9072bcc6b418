import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { AkvaultError, type ErrorCode } from '../errors';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import { checkChainRules, checkRemovable, walkChain, type ChainWalk } from './chain-rules';
import { prepareProfile, prepareProfileFields, type PreparedProfile, type ProfileInput, type ProfileSecrets } from './profile-input';
import { applyPatch, type ProfilePatch } from './profile-patch';
import type { Profile, ProfilesFile } from './schema';
import { SECRET_SLOTS } from './secret-fields';
import type { ProfileStore, RestoreResult } from './store';
import type { Advisory } from './validation';

/**
 * Profiles and their secrets, kept consistent with each other.
 *
 * Ordering rule, so a failure never leaves a profile that points at no secret:
 * - add: secrets into the keychain first, then the profile into the file; if the file update fails,
 *   the secrets just written are removed again;
 * - remove: the profile out of the file first, then its secrets out of the keychain (a leftover secret
 *   under an opaque account is harmless; a profile without its secret is broken);
 * - update with new secrets: the old values are read, the new ones written, then the file; if the file
 *   update fails the old values are put back.
 * Rules that span profiles (agency sources, loops, chain length, in-use) are checked inside the locked
 * file update, on the file as it is at that moment.
 */
export interface VaultDeps {
  store: ProfileStore;
  secrets: SecretStore;
  clock: Clock;
  /** The keychain service name, for hints that tell a person where leftover items are. */
  keychainService: string;
  newId?: () => string;
}

export interface AddResult {
  profile: Profile;
  warnings: Advisory[];
}

export interface RemoveResult {
  profile: Profile;
  /** How many keychain items were deleted. */
  removedSecrets: number;
}

export interface UpdateResult {
  profile: Profile;
  /** The profile as it was before the edit. */
  previous: Profile;
  warnings: Advisory[];
  /** True when new secrets were stored. */
  secretsReplaced: boolean;
}

export interface AddOptions {
  /** Refuse (with `profile.exists`, params.reason = 'access-key') when a profile already has this AK. Used by import. */
  rejectDuplicateAccessKey?: boolean;
}

export class ProfileVault {
  private readonly deps: VaultDeps;
  private readonly newId: () => string;

  constructor(deps: VaultDeps) {
    this.deps = deps;
    this.newId = deps.newId ?? randomUUID;
  }

  async listProfiles(): Promise<Profile[]> {
    return (await this.deps.store.read()).profiles;
  }

  async getProfile(name: string): Promise<Profile> {
    return findProfile(await this.deps.store.read(), name);
  }

  async addProfile(input: ProfileInput, secrets: ProfileSecrets, opts: AddOptions = {}): Promise<AddResult> {
    const prepared = prepareProfile(input, secrets, { id: this.newId(), now: this.deps.clock.now() });
    const { profile } = prepared;
    // Cheap early check so an obvious duplicate never touches the keychain; re-checked under the lock below.
    checkAddable(await this.deps.store.read(), profile, opts);

    const written: string[] = [];
    try {
      for (const [account, value] of secretEntries(prepared)) await this.writeSecret(account, value, written);
      const more = await this.deps.store.update((draft) => {
        checkAddable(draft, profile, opts);
        draft.profiles.push(profile);
        const chain = checkChainRules(draft, profile.id);
        const keyCount = keyCountAdvisory(draft.profiles, profile);
        return keyCount ? [...chain, keyCount] : chain;
      });
      return { profile, warnings: [...prepared.warnings, ...more] };
    } catch (e) {
      await this.forget(written);
      throw e;
    }
  }

  /**
   * Edits a profile: non-secret fields from `patch`, and the secrets when `secrets` is given (all of
   * the kind's secrets, checked like on add). Keeps id and createdAt, bumps updatedAt, runs every check
   * again; a rename keeps names unique and takes the default-profile pointer along.
   */
  async updateProfile(name: string, patch: ProfilePatch, secrets?: ProfileSecrets): Promise<UpdateResult> {
    const now = this.deps.clock.now();
    const prepare = (current: Profile) => {
      const input = applyPatch(current, patch);
      const ctx = { id: current.id, now, createdAt: current.createdAt };
      return secrets ? prepareProfile(input, secrets, ctx) : { ...prepareProfileFields(input, ctx), secrets: undefined };
    };
    // Everything that can be checked without the lock is, before the keychain is touched.
    const before = await this.deps.store.read();
    const existing = findProfile(before, name);
    const early = prepare(existing);
    checkRenamable(before, existing, early.profile);

    const restore = early.secrets && secretEntries(early as PreparedProfile).length > 0 ? await this.replaceSecrets(early as PreparedProfile) : null;
    try {
      const result = await this.deps.store.update((draft) => {
        // By id: another process may have renamed it since; the edit then applies to the renamed profile.
        const index = draft.profiles.findIndex((p) => p.id === existing.id);
        if (index < 0) throw notFound(name, draft);
        const current = draft.profiles[index]!;
        const next = prepare(current);
        checkRenamable(draft, current, next.profile);
        draft.profiles[index] = next.profile;
        if (draft.defaultProfile === current.name) draft.defaultProfile = next.profile.name;
        const chain = checkChainRules(draft, current.id);
        return { profile: next.profile, previous: current, warnings: [...next.warnings, ...chain], secretsReplaced: restore !== null };
      });
      return result;
    } catch (e) {
      if (restore) await restore();
      throw e;
    }
  }

  /** The chain of sources of a profile, top first (just the profile itself unless it is an agency). */
  async getChain(name: string): Promise<ChainWalk> {
    const file = await this.deps.store.read();
    return walkChain(file.profiles, findProfile(file, name));
  }

  async removeProfile(name: string): Promise<RemoveResult> {
    // An agency still using it is the more useful answer than a locked keychain; re-checked under the lock.
    const before = await this.deps.store.read();
    checkRemovable(before, findProfile(before, name));
    // Refuse up front when the keychain cannot be reached, so we do not drop the profile and strand its secrets.
    await this.requireKeychain();
    const profile = await this.deps.store.update((draft) => {
      const found = findProfile(draft, name);
      checkRemovable(draft, found);
      draft.profiles = draft.profiles.filter((p) => p.id !== found.id);
      if (draft.defaultProfile === found.name) draft.defaultProfile = null;
      return found;
    });
    let removedSecrets = 0;
    let failure: AkvaultError | undefined;
    for (const account of secretAccounts.ofProfile(profile.id)) {
      try {
        if (await this.deps.secrets.delete(account)) removedSecrets++;
      } catch (e) {
        failure ??= e instanceof AkvaultError ? e : new AkvaultError('keychain.failed', 'The keychain failed to delete a secret.', { cause: e });
      }
    }
    if (failure) {
      const service = this.deps.keychainService;
      throw new AkvaultError(failure.code, `Profile "${profile.name}" was removed, but some of its secrets could not be deleted from the keychain: ${failure.message}`, {
        params: { ...failure.params, profile: profile.name, profileId: profile.id },
        hint: `The leftovers are keychain items of service "${service}" whose account starts with "profile:${profile.id}:"; delete them with your keychain tool (e.g. \`secret-tool clear service ${service} account profile:${profile.id}:sk\`).`,
        cause: failure,
      });
    }
    return { profile, removedSecrets };
  }

  /** The secrets of a profile, from the keychain (none for ecs-agency and agency). For import and the front ends' checks. */
  async getSecrets(name: string): Promise<ProfileSecrets> {
    const profile = await this.getProfile(name);
    const out: Record<string, string> = {};
    for (const slot of SECRET_SLOTS[profile.kind]) out[slot.field] = await this.readSecret(profile, slot.account(profile.id), slot.label);
    return out as ProfileSecrets;
  }

  /** The default profile's name, or null. */
  async getDefaultProfile(): Promise<string | null> {
    return (await this.deps.store.read()).defaultProfile;
  }

  /** `null` clears the default. */
  async setDefaultProfile(name: string | null): Promise<void> {
    await this.deps.store.update((draft) => {
      draft.defaultProfile = name === null ? null : findProfile(draft, name).name;
    });
  }

  restoreBackup(): Promise<RestoreResult> {
    return this.deps.store.restoreBackup();
  }

  async requireKeychain(): Promise<void> {
    const status = await this.deps.secrets.status();
    if (status.state === 'available') return;
    const code: ErrorCode = status.state === 'locked' ? 'keychain.locked' : 'keychain.unavailable';
    throw new AkvaultError(code, status.message, { params: { backend: status.backend } });
  }

  /**
   * Stores new secrets and returns how to put the old ones back. Each old value is read before its
   * account is overwritten, so an undo restores exactly what was there (or removes what was not).
   */
  private async replaceSecrets(prepared: PreparedProfile): Promise<() => Promise<void>> {
    const previous: Array<[string, string | null]> = [];
    const undo = async () => {
      for (const [account, value] of previous.reverse()) {
        try {
          if (value === null) await this.deps.secrets.delete(account);
          else await this.deps.secrets.set(account, value);
        } catch {
          // Best effort, like forget(): the error that made us undo is the one to report.
        }
      }
    };
    try {
      for (const [account, value] of secretEntries(prepared)) {
        previous.push([account, await this.deps.secrets.get(account)]);
        await this.deps.secrets.set(account, value);
      }
    } catch (e) {
      await undo();
      throw e;
    }
    return undo;
  }

  private async writeSecret(account: string, value: string, written: string[]): Promise<void> {
    // Recorded before the call: a store that fails halfway may still have left something to clean up.
    written.push(account);
    await this.deps.secrets.set(account, value);
  }

  /** Best effort: removing what we just wrote must not hide the error that made us undo. */
  private async forget(accounts: string[]): Promise<void> {
    for (const account of accounts) {
      try {
        await this.deps.secrets.delete(account);
      } catch {
        // The keychain failing again here is expected (it is often why we are undoing).
      }
    }
  }

  private async readSecret(profile: Profile, account: string, what: string): Promise<string> {
    const value = await this.deps.secrets.get(account);
    if (value !== null) return value;
    throw new AkvaultError('keychain.missing-secret', `The ${what} of profile "${profile.name}" is not in the keychain.`, {
      params: { profile: profile.name, account },
      hint: 'If your keyring is locked, unlock it and retry. Otherwise it was deleted outside akvault: remove the profile and add it again.',
    });
  }
}

export function findProfile(file: ProfilesFile, name: string): Profile {
  const found = file.profiles.find((p) => p.name === name);
  if (found) return found;
  throw notFound(name, file);
}

function notFound(name: string, file: ProfilesFile): AkvaultError {
  const other = file.profiles.find((p) => p.name.toLowerCase() === name.toLowerCase());
  return new AkvaultError('profile.not-found', `There is no profile named "${name}".`, {
    params: { name },
    hint: other ? `Did you mean "${other.name}"?` : 'List profiles with `akvault profile list`.',
  });
}

/** The keychain accounts and values a prepared profile's secrets go to. */
function secretEntries(prepared: PreparedProfile): Array<[string, string]> {
  const { profile, secrets } = prepared;
  return SECRET_SLOTS[profile.kind].flatMap((slot) => {
    const value = secrets[slot.field];
    return value === undefined ? [] : [[slot.account(profile.id), value] as [string, string]];
  });
}

/** A new name must be free (case-insensitively) among the other profiles; changing only its case is fine. */
function checkRenamable(file: ProfilesFile, current: Profile, next: Profile): void {
  if (next.name === current.name) return;
  const clash = file.profiles.find((p) => p.id !== current.id && p.name.toLowerCase() === next.name.toLowerCase());
  if (clash) {
    throw new AkvaultError('profile.exists', `A profile named "${clash.name}" already exists.`, {
      params: { name: clash.name, reason: 'name' },
      hint: 'Choose another name. Nothing was changed.',
    });
  }
}

function checkAddable(file: ProfilesFile, profile: Profile, opts: AddOptions): void {
  const clash = file.profiles.find((p) => p.name.toLowerCase() === profile.name.toLowerCase());
  if (clash) {
    throw new AkvaultError('profile.exists', `A profile named "${clash.name}" already exists.`, {
      params: { name: clash.name, reason: 'name' },
      hint: 'Choose another name, or remove the existing profile first. Nothing was changed.',
    });
  }
  if (opts.rejectDuplicateAccessKey && 'accessKeyId' in profile) {
    const same = file.profiles.find((p) => 'accessKeyId' in p && p.accessKeyId === profile.accessKeyId);
    if (same) {
      throw new AkvaultError('profile.exists', `Access key ${profile.accessKeyId} is already stored as profile "${same.name}".`, {
        params: { name: same.name, reason: 'access-key' },
      });
    }
  }
}

/**
 * The console allows two access keys per IAM user. Say so when a user's second key arrives, and warn
 * when a third is stored: the console would refuse to create it, so one stored key is probably stale.
 */
export function keyCountAdvisory(profiles: readonly Profile[], added: Profile): Advisory | undefined {
  if (added.kind !== 'access-key') return undefined;
  const who = userKey(added);
  if (!who) return undefined;
  const count = profiles.filter((p) => p.kind === 'access-key' && userKey(p) === who).length;
  const user = added.userName ?? added.userId;
  if (count === 2) {
    return {
      level: 'notice',
      code: 'second-key',
      message: `This is the second access key stored for user "${user}"; the console allows two access keys per user.`,
    };
  }
  if (count > 2) {
    return {
      level: 'warning',
      code: 'key-limit',
      message: `User "${user}" now has ${count} access keys stored here, but the console allows only two per user and refuses a third: one of the stored keys is probably deleted or belongs to another account. Check in the console and remove the stale profile.`,
    };
  }
  return undefined;
}

function userKey(p: Profile): string | undefined {
  const account = (p.domainId ?? p.domainName ?? '').toLowerCase();
  if (p.userId) return `id:${account}:${p.userId}`;
  if (p.userName) return `name:${account}:${p.userName.toLowerCase()}`;
  return undefined;
}
