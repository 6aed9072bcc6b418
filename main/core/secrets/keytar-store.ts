import { classifyKeychainError, type KeychainOperation } from './keychain-errors';
import type { BackendStatus, SecretStore } from './secret-store';

/** The part of keytar we use (also what tests hand in to simulate backend failures). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'akvault';

// An account nobody writes: reading it tells us whether the backend answers without touching real items.
const PROBE_ACCOUNT = 'akvault:probe';

async function loadKeytar(): Promise<KeytarApi> {
  // Loaded on first use so commands that never touch the keychain (list, show, --help) do not pay for
  // the native module, and so a missing libsecret only fails the commands that need it.
  const mod = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return mod.default ?? mod;
}

/**
 * The OS keychain through keytar: macOS Keychain, Windows Credential Manager, Secret Service on Linux.
 *
 * Every failure becomes a keychain.* AkvaultError; nothing is ever written anywhere else instead (no
 * plaintext fallback). Large values must go through the sealed store (Windows refuses blobs over 2,560
 * bytes), which createService does.
 */
export class KeytarSecretStore implements SecretStore {
  readonly service: string;
  private readonly load: () => Promise<KeytarApi>;
  private readonly platform: NodeJS.Platform;
  private api: Promise<KeytarApi> | undefined;

  constructor(opts: { service?: string; load?: () => Promise<KeytarApi>; platform?: NodeJS.Platform } = {}) {
    this.service = opts.service ?? DEFAULT_KEYCHAIN_SERVICE;
    this.load = opts.load ?? loadKeytar;
    this.platform = opts.platform ?? process.platform;
  }

  async get(account: string): Promise<string | null> {
    return this.call('read', (k) => k.getPassword(this.service, account));
  }

  async set(account: string, value: string): Promise<void> {
    await this.call('write', (k) => k.setPassword(this.service, account, value), [value]);
  }

  async delete(account: string): Promise<boolean> {
    return this.call('delete', (k) => k.deletePassword(this.service, account));
  }

  /**
   * keytar has no "accounts only" call, so this reads every item of the service. Note: with libsecret and a
   * locked collection that cannot be unlocked, keytar 7.9's findCredentials crashes the process (it reads a
   * NULL secret); nothing on a default path calls list() for that reason.
   */
  async list(): Promise<string[]> {
    const found = await this.call('list', (k) => k.findCredentials(this.service));
    return found.map((c) => c.account);
  }

  /**
   * Reads one account nobody writes. That proves the bus, the Secret Service and the native module all
   * answer, without reading (and so prompting for) real items. A locked collection is not detected here:
   * libsecret reports a locked store only when an item is written, and that surfaces as keychain.locked.
   */
  async status(): Promise<BackendStatus> {
    const backend = `keytar:${this.platform}`;
    try {
      await this.call('probe', (k) => k.getPassword(this.service, PROBE_ACCOUNT));
      return { state: 'available', backend };
    } catch (e) {
      const err = e as { code?: string; describe?: () => string; message?: string };
      const message = typeof err.describe === 'function' ? err.describe() : String(err.message ?? 'unknown');
      if (err.code === 'keychain.locked') return { state: 'locked', backend, message };
      return { state: 'unavailable', backend, message };
    }
  }

  private async call<T>(operation: KeychainOperation, fn: (k: KeytarApi) => Promise<T>, redact: string[] = []): Promise<T> {
    let api: KeytarApi;
    try {
      this.api ??= this.load();
      api = await this.api;
    } catch (e) {
      this.api = undefined; // let a later call retry (e.g. after the user installed libsecret)
      throw classifyKeychainError(e, { operation: 'load', service: this.service, platform: this.platform });
    }
    try {
      return await fn(api);
    } catch (e) {
      throw classifyKeychainError(e, { operation, service: this.service, platform: this.platform, redact });
    }
  }
}
