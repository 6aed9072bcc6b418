/**
 * The port every secret goes through. Implementations: the OS keychain through keytar
 * (keytar-store.ts), large-secret sealing on top of any store (sealed-store.ts), and an in-memory
 * store for unit tests (memory-store.ts).
 *
 * Accounts are opaque keys chosen by the core (`profile:<id>:sk`), never user-visible names, so a
 * rename never moves a secret. Values are UTF-8 strings of any size; stores that cannot hold large
 * values are wrapped by the sealed store.
 */
export type BackendStatus =
  | { state: 'available'; backend: string }
  | { state: 'locked'; backend: string; message: string }
  | { state: 'unavailable'; backend: string; message: string };

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Every account this store holds under its service (values are not read). */
  list(): Promise<string[]>;
  /** Probes the backend without touching stored items. */
  status(): Promise<BackendStatus>;
}

/** Account names, in one place. */
export const secretAccounts = {
  secretKey: (profileId: string) => `profile:${profileId}:sk`,
  securityToken: (profileId: string) => `profile:${profileId}:token`,
  password: (profileId: string) => `profile:${profileId}:password`,
  authToken: (profileId: string) => `profile:${profileId}:auth-token`,
  sessionCache: (profileId: string) => `session:${profileId}`,
  /** The IAM token an `account` profile signed in with (reused until it nears expiry). */
  sessionToken: (profileId: string) => `session:${profileId}:iam-token`,
  /** A key rotation's new SK until the profile switches to it (the profile's own `sk` stays untouched). */
  rotationSecretKey: (profileId: string) => `rotation:${profileId}:sk`,
  /** Every account that belongs to a profile (removed with it). */
  ofProfile: (profileId: string) => [
    `profile:${profileId}:sk`,
    `profile:${profileId}:token`,
    `profile:${profileId}:password`,
    `profile:${profileId}:auth-token`,
    `session:${profileId}`,
    `session:${profileId}:iam-token`,
    `rotation:${profileId}:sk`,
  ],
} as const;
