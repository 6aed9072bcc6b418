import { dataFiles } from '../paths';
import { chooseBackend, recordBackend, type BackendChoice, type SecretBackend } from './backend-choice';
import { DEFAULT_KEYCHAIN_SERVICE, KeytarSecretStore } from './keytar-store';
import { SealedSecretStore } from './sealed-store';
import type { BackendStatus, SecretStore } from './secret-store';
import { VaultFileSecretStore, type PassphraseSource } from './vault-file-store';
import { MAX_SCRYPT_LOG_N, MIN_SCRYPT_LOG_N } from './vault-format';

/**
 * The secret store for this machine: the OS keychain through keytar (large values sealed into
 * `<dataDir>/sealed/`), or the encrypted vault file (`<dataDir>/vault/`) — chosen as backend-choice.ts
 * says, on the first call (construction touches nothing, so `profile list` and `--help` stay cheap).
 *
 * `AKVAULT_KEYCHAIN_SERVICE` picks another keychain service name (a separate vault, or a test run that
 * must not see the user's items); the default is `akvault`.
 */
export interface DefaultStoreOptions {
  /** How the vault asks for its passphrase when locked (CLI); hosts without one unlock it explicitly. */
  passphrase?: PassphraseSource;
  /** Idle lock of the vault (long-running hosts). */
  idleLockMs?: number;
}

export interface ResolvedBackend {
  backend: SecretBackend;
  reason: BackendChoice['reason'];
  store: SecretStore;
  /** The vault, when the backend is `file`. */
  vault: VaultFileSecretStore | null;
}

export class DefaultSecretStore implements SecretStore {
  /** Large values are handled below (sealed for the keychain, native in the vault): createService must not seal again. */
  readonly holdsLargeValues = true;
  readonly namespace: string;
  readonly dataDir: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly opts: DefaultStoreOptions;
  private resolved: Promise<ResolvedBackend> | undefined;
  private needsRecord = false;

  constructor(dataDir: string, env: NodeJS.ProcessEnv = process.env, opts: DefaultStoreOptions = {}) {
    this.dataDir = dataDir;
    this.env = env;
    this.opts = opts;
    this.namespace = env.AKVAULT_KEYCHAIN_SERVICE?.trim() || DEFAULT_KEYCHAIN_SERVICE;
  }

  /** The backend in use (decided on the first call). */
  backend(): Promise<ResolvedBackend> {
    this.resolved ??= this.resolve().catch((e: unknown) => {
      this.resolved = undefined; // e.g. a damaged secret-backend.json: let a later call try again
      throw e;
    });
    return this.resolved;
  }

  async get(account: string): Promise<string | null> {
    return (await this.backend()).store.get(account);
  }

  async set(account: string, value: string): Promise<void> {
    const { store, backend } = await this.backend();
    await store.set(account, value);
    if (this.needsRecord) {
      this.needsRecord = false;
      await recordBackend(this.dataDir, backend);
    }
  }

  async delete(account: string): Promise<boolean> {
    return (await this.backend()).store.delete(account);
  }

  async list(): Promise<string[]> {
    return (await this.backend()).store.list();
  }

  async status(): Promise<BackendStatus> {
    return (await this.backend()).store.status();
  }

  private async resolve(): Promise<ResolvedBackend> {
    const keychain = keychainStore(this.dataDir, this.namespace);
    const choice = await chooseBackend(this.dataDir, this.env, () => keychain.status());
    this.needsRecord = choice.record;
    if (choice.backend === 'keychain') return { backend: 'keychain', reason: choice.reason, store: keychain, vault: null };
    const vault = vaultStore(this.dataDir, this.env, this.opts);
    return { backend: 'file', reason: choice.reason, store: vault, vault };
  }
}

export function keychainStore(dataDir: string, service: string): SealedSecretStore {
  return new SealedSecretStore(new KeytarSecretStore({ service }), { sealedDir: dataFiles(dataDir).sealedDir, namespace: service });
}

export function vaultStore(dataDir: string, env: NodeJS.ProcessEnv, opts: DefaultStoreOptions = {}): VaultFileSecretStore {
  const files = dataFiles(dataDir);
  const logN = Number(env.AKVAULT_VAULT_SCRYPT_LOG_N);
  return new VaultFileSecretStore({
    dir: files.vaultDir,
    lockFile: files.profiles,
    ...(opts.passphrase ? { passphrase: opts.passphrase } : {}),
    ...(opts.idleLockMs ? { idleLockMs: opts.idleLockMs } : {}),
    // For automation that creates throwaway vaults; the default (18) is the `age` tool's.
    ...(Number.isInteger(logN) && logN >= MIN_SCRYPT_LOG_N && logN <= MAX_SCRYPT_LOG_N ? { scryptLogN: logN } : {}),
  });
}

export function createDefaultSecretStore(dataDir: string, env: NodeJS.ProcessEnv = process.env, opts: DefaultStoreOptions = {}): DefaultSecretStore {
  return new DefaultSecretStore(dataDir, env, opts);
}
