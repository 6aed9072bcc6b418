import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { AkvaultError, type ErrorCode } from '../errors';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import { prepareProfile, type ProfileInput, type ProfileSecrets } from './profile-input';
import type { Profile, ProfilesFile } from './schema';
import type { ProfileStore, RestoreResult } from './store';
import type { Advisory } from './validation';

/**
 * Profiles and their secrets, kept consistent with each other.
 *
 * Ordering rule, so a failure never leaves a profile that points at no secret:
 * - add: secrets into the keychain first, then the profile into the file; if the file update fails,
 *   the secrets just written are removed again;
 * - remove: the profile out of the file first, then its secrets out of the keychain (a leftover secret
 *   under an opaque account is harmless; a profile without its secret is broken).
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
      await this.writeSecret(secretAccounts.secretKey(profile.id), prepared.secrets.secretAccessKey, written);
      if (prepared.secrets.securityToken !== undefined) {
        await this.writeSecret(secretAccounts.securityToken(profile.id), prepared.secrets.securityToken, written);
      }
      const keyCount = await this.deps.store.update((draft) => {
        checkAddable(draft, profile, opts);
        draft.profiles.push(profile);
        return keyCountAdvisory(draft.profiles, profile);
      });
      return { profile, warnings: keyCount ? [...prepared.warnings, keyCount] : prepared.warnings };
    } catch (e) {
      await this.forget(written);
      throw e;
    }
  }

  async removeProfile(name: string): Promise<RemoveResult> {
    // Refuse up front when the keychain cannot be reached, so we do not drop the profile and strand its secrets.
    await this.requireKeychain();
    const profile = await this.deps.store.update((draft) => {
      const found = findProfile(draft, name);
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

  /** The secrets of a profile, from the keychain. For the handoff commands of later issues and for import. */
  async getSecrets(name: string): Promise<ProfileSecrets> {
    const profile = await this.getProfile(name);
    const secretAccessKey = await this.readSecret(profile, secretAccounts.secretKey(profile.id), 'secret key');
    if (profile.kind === 'temporary-key') {
      const securityToken = await this.readSecret(profile, secretAccounts.securityToken(profile.id), 'security token');
      return { secretAccessKey, securityToken };
    }
    return { secretAccessKey };
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
  const other = file.profiles.find((p) => p.name.toLowerCase() === name.toLowerCase());
  throw new AkvaultError('profile.not-found', `There is no profile named "${name}".`, {
    params: { name },
    hint: other ? `Did you mean "${other.name}"?` : 'List profiles with `akvault profile list`.',
  });
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
