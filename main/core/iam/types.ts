/** Shapes the IAM client takes and returns. Secrets travel in these objects and nowhere else. */

/** Temporary keys: a key is temporary exactly when it has a security token. */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  securityToken: string;
  /** ISO-8601 UTC with millisecond precision, e.g. `2026-11-22T10:00:00.000Z`. */
  expiresAt: string;
}

/** Access keys that sign a request: permanent (no token) or temporary (with one). */
export interface KeySource {
  type: 'keys';
  accessKeyId: string;
  secretAccessKey: string;
  securityToken?: string;
  /** The caller's account (domain) ID; sent as X-Domain-Id when known. */
  domainId?: string;
}

/** An IAM token, sent as X-Auth-Token. */
export interface TokenSource {
  type: 'token';
  token: string;
}

/** Who is calling: keys (signed) or a token. */
export type IamSource = KeySource | TokenSource;

export function keySourceFrom(creds: TemporaryCredentials, domainId?: string): KeySource {
  return {
    type: 'keys',
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    securityToken: creds.securityToken,
    ...(domainId ? { domainId } : {}),
  };
}

/** An IAM session policy (`Version` "1.1"), passed through as given. */
export interface SessionPolicy {
  Version: string;
  Statement: Array<Record<string, unknown>>;
}

export interface AssumeAgencyRequest {
  /** The delegating account, by name or ID (at least one). */
  domainName?: string;
  domainId?: string;
  agencyName: string;
  /** 900–86400; IAM's default is 900. */
  durationSeconds: number;
  /** Needed when the keys will be exchanged for a console login. */
  sessionUserName?: string;
  policy?: SessionPolicy;
}

export interface AssumeAgencyV5Request {
  /** The delegating account's ID (the URN needs the ID, not the name). */
  domainId: string;
  agencyName: string;
  sessionName: string;
  /** 900 up to the agency's maximum (3600 when chaining from temporary keys); STS's default is 3600. */
  durationSeconds?: number;
  /** STS v5 takes the policy as a JSON string. */
  policy?: string;
  externalId?: string;
  mfa?: { serialNumber: string; tokenCode: string };
}

export interface PasswordLogin {
  domainName: string;
  userName: string;
  password: string;
  /** Virtual MFA: the user's ID (not name) and the current 6-digit code. */
  totp?: { userId: string; passcode: string };
}

/** Scope of a token, as IAM writes it: a project (regional services) or the account (global ones). */
export type TokenScope = { project: { name: string } | { id: string } } | { domain: { name: string } | { id: string } };

export interface IamToken {
  token: string;
  /** ISO-8601, ms precision. */
  expiresAt: string;
  userId?: string;
  userName?: string;
  domainId?: string;
  domainName?: string;
}

export type AccessKeyStatus = 'active' | 'inactive';

export interface AccessKeyInfo {
  accessKeyId: string;
  userId: string;
  status: AccessKeyStatus;
  /** ISO-8601, ms precision, when IAM reports it. */
  createdAt?: string;
  description?: string;
}

export interface NewAccessKey extends AccessKeyInfo {
  /** Returned once, by creation only. */
  secretAccessKey: string;
}

export interface CallerIdentity {
  accountId: string;
  accountName?: string;
  principalId?: string;
  principalUrn?: string;
  /** Which API answered: STS v5 caller-identity, or the IAM v3 domains fallback. */
  via: 'sts' | 'iam';
}

export interface ConsoleLoginOptions {
  /** 600–43200, capped at the temporary keys' remaining life. */
  durationSeconds?: number;
  /** The console page to land on, e.g. `https://console.huaweicloud.com/console/`. */
  service: string;
  /** Where the browser goes if the federated login fails. */
  idpLoginUrl?: string;
  /** Federation login host; `https://auth.huaweicloud.com` by default. */
  loginHost?: string;
}

export interface ConsoleLogin {
  /** A bearer credential for about ten minutes: open it, never log it. */
  url: string;
  expiresAt: string;
}
