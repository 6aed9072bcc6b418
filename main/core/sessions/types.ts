import type { ServeOptions } from './serve-policy';

/**
 * What the broker hands out and the front ends consume. Secrets appear only in SessionCredentials,
 * which never goes into an event, a view, a log or the renderer.
 */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present exactly when the keys are temporary. */
  securityToken?: string;
  /** ISO-8601 instant; absent for permanent keys. */
  expiresAt?: string;
  region?: string;
  projectId?: string;
  domainId?: string;
  /** Where IAM lives for these keys (passed on to SDKs so their discovery calls hit the right place). */
  iamEndpoint?: string;
}

/** Who asked for credentials: recorded in the audit log. */
export type Consumer =
  | { kind: 'tray'; action: string }
  | { kind: 'cli'; command: string }
  | { kind: 'helper'; client: string }
  | { kind: 'ui'; action: string }
  | { kind: 'broker' };

/**
 * The narrow view of the broker that front ends need (the local helper, the CLI's `env`/`exec`, the
 * tray). Keeping it small lets each of them be tested against a fake.
 */
export interface CredentialProvider {
  /** Non-secret profile summaries. */
  listProfiles(): Promise<Array<{ name: string; kind: string; region?: string; expiresAt?: string }>>;
  /**
   * Working credentials for a profile (refreshed if needed); throws AkvaultError('profile.not-found') etc.
   * `freshness` (serve-policy.ts): 'handoff' (default) for consumers that cannot refresh, 'refreshing'
   * for clients that ask again on their own (answered from a valid cache at once).
   */
  getCredentials(profile: string, consumer: Consumer, opts?: ServeOptions): Promise<SessionCredentials>;
  /** The profile used when a request names none. */
  getDefaultProfile(): Promise<string | null>;
}
