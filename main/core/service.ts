import { systemClock, type Clock } from './clock';
import { dataFiles } from './paths';
import { importCredentialsCsv, type ImportOptions, type ImportReport } from './profiles/import';
import type { ChainWalk } from './profiles/chain-rules';
import type { ProfileInput, ProfileSecrets } from './profiles/profile-input';
import type { ProfilePatch } from './profiles/profile-patch';
import type { Profile } from './profiles/schema';
import { ProfileStore, type RestoreResult } from './profiles/store';
import { ProfileVault, type AddResult, type RemoveResult, type UpdateResult } from './profiles/vault';
import { DEFAULT_KEYCHAIN_SERVICE, KeytarSecretStore } from './secrets/keytar-store';
import { SealedSecretStore } from './secrets/sealed-store';
import type { BackendStatus, SecretStore } from './secrets/secret-store';

/**
 * The one facade every front end uses (CLI today; tray, window and browser UI later). Front ends parse
 * input and print results; every rule lives behind this.
 *
 * Pass the raw keychain store (or createDefaultSecretStore's, which is already sealed): large values are
 * sealed here exactly once.
 */
export interface ServiceOptions {
  dataDir: string;
  /** The raw keychain (or a memory store in tests). Large values are sealed on top of it here. */
  secretStore: SecretStore;
  clock?: Clock;
  /** The keychain service name `secretStore` uses; names sealed files and appears in hints. */
  keychainService?: string;
  /** Values above this many UTF-8 bytes are sealed (default 1000). */
  sealThresholdBytes?: number;
}

export interface AkvaultService {
  readonly dataDir: string;
  /** The profiles file (for a watcher that notices edits by other processes). */
  readonly profilesFile: string;
  /**
   * The sealed keychain store this service reads and writes profile secrets through. The session
   * broker reads secrets and keeps its session cache through this same store, so large values are
   * sealed once and every component sees the same items.
   */
  readonly secrets: SecretStore;
  /** Non-secret definitions only. */
  listProfiles(): Promise<Profile[]>;
  getProfile(name: string): Promise<Profile>;
  /** The agency chain of a profile, top first (`top ← middle ← base`); a single link for other kinds. */
  getChain(name: string): Promise<ChainWalk>;
  addProfile(input: ProfileInput, secrets: ProfileSecrets): Promise<AddResult>;
  /** Edits non-secret fields and, when `secrets` is given, replaces the kind's secrets; renames follow the default pointer. */
  updateProfile(name: string, patch: ProfilePatch, secrets?: ProfileSecrets): Promise<UpdateResult>;
  /** Refused with profile.in-use while an agency uses it as its source. */
  removeProfile(name: string): Promise<RemoveResult>;
  importCsv(text: string, opts?: ImportOptions): Promise<ImportReport>;
  getSecrets(name: string): Promise<ProfileSecrets>;
  /** The default profile's name (the file guarantees it exists), or null. */
  getDefaultProfile(): Promise<string | null>;
  /** `null` clears it; an unknown name is profile.not-found. */
  setDefaultProfile(name: string | null): Promise<void>;
  restoreBackup(): Promise<RestoreResult>;
  keychainStatus(): Promise<BackendStatus>;
}

export function createService(opts: ServiceOptions): AkvaultService {
  const clock = opts.clock ?? systemClock;
  const keychainService = opts.keychainService ?? keychainServiceOf(opts.secretStore);
  // Wrap once: sealing a sealed store would seal its markers again into the same files.
  const secrets =
    opts.secretStore instanceof SealedSecretStore || (opts.secretStore as { holdsLargeValues?: boolean }).holdsLargeValues === true
      ? opts.secretStore
      : new SealedSecretStore(opts.secretStore, {
          sealedDir: dataFiles(opts.dataDir).sealedDir,
          namespace: keychainService,
          ...(opts.sealThresholdBytes === undefined ? {} : { thresholdBytes: opts.sealThresholdBytes }),
        });
  const store = new ProfileStore({ dataDir: opts.dataDir, clock });
  const vault = new ProfileVault({ store, secrets, clock, keychainService });

  return {
    dataDir: opts.dataDir,
    profilesFile: store.files.profiles,
    secrets,
    listProfiles: () => vault.listProfiles(),
    getProfile: (name) => vault.getProfile(name),
    getChain: (name) => vault.getChain(name),
    addProfile: (input, s) => vault.addProfile(input, s),
    updateProfile: (name, patch, s) => vault.updateProfile(name, patch, s),
    removeProfile: (name) => vault.removeProfile(name),
    importCsv: (text, o) => importCredentialsCsv(vault, text, o),
    getSecrets: (name) => vault.getSecrets(name),
    getDefaultProfile: () => vault.getDefaultProfile(),
    setDefaultProfile: (name) => vault.setDefaultProfile(name),
    restoreBackup: () => vault.restoreBackup(),
    keychainStatus: () => secrets.status(),
  };
}

function keychainServiceOf(store: SecretStore): string {
  if (store instanceof SealedSecretStore) return store.namespace;
  if (store instanceof KeytarSecretStore) return store.service;
  const named = (store as { namespace?: unknown }).namespace;
  if (typeof named === 'string') return named;
  return DEFAULT_KEYCHAIN_SERVICE;
}
