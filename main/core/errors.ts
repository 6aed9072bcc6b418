/**
 * One error type for everything the core reports to a person.
 *
 * Every error carries a stable `code` and plain `params` so a front end can render it in its own
 * language (the UI translates by code; the CLI prints `message`, which is English). `message` says
 * what went wrong and `hint` what to do about it. Neither ever contains a secret value: params hold
 * names, paths, counts and HTTP statuses only.
 */
export type ErrorCode =
  // usage and validation
  | 'usage'
  | 'validation'
  | 'profile.not-found'
  | 'profile.exists'
  | 'profile.in-use'
  | 'profile.unsupported-kind'
  | 'profile.cycle'
  | 'profile.chain-too-long'
  // profile file
  | 'store.corrupt'
  | 'store.unsupported-version'
  | 'store.no-backup'
  | 'store.locked'
  | 'store.io'
  // keychain
  | 'keychain.unavailable'
  | 'keychain.locked'
  | 'keychain.failed'
  | 'keychain.missing-secret'
  | 'sealed.corrupt'
  // the encrypted vault file (secrets backend without an OS keychain)
  | 'vault.locked'
  | 'vault.passphrase'
  | 'vault.no-passphrase'
  | 'vault.corrupt'
  | 'vault.exists'
  | 'vault.missing'
  | 'secrets.backend'
  // import
  | 'import.unreadable'
  | 'import.no-keys'
  // IAM
  | 'iam.bad-key'
  | 'iam.clock-skew'
  | 'iam.ak-locked'
  | 'iam.agency-not-found'
  | 'iam.forbidden'
  | 'iam.mfa-required'
  | 'iam.mfa-wrong'
  | 'iam.bad-password'
  | 'iam.token-expired'
  | 'iam.key-limit'
  | 'iam.throttled'
  | 'iam.server'
  | 'iam.unreachable'
  | 'iam.tls'
  | 'iam.timeout'
  | 'iam.bad-response'
  | 'iam.bad-request'
  | 'iam.not-found'
  // sessions and handoff
  | 'session.expired'
  | 'session.mfa-cancelled'
  | 'metadata.no-agency'
  | 'metadata.unreachable'
  | 'helper.unavailable'
  // tool configuration files akvault edits on the user's behalf
  | 'handoff.file-refused'
  | 'handoff.io'
  | 'internal';

export type ErrorParams = Record<string, string | number | boolean | null>;

export class AkvaultError extends Error {
  override readonly name = 'AkvaultError';
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, opts: { params?: ErrorParams; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.params = opts.params ?? {};
    this.hint = opts.hint;
  }

  /** The message and hint as one line for a terminal or a log. */
  describe(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }

  /** A plain object safe to send over IPC or HTTP (no stack, no cause). */
  toJSON(): { code: ErrorCode; message: string; hint?: string; params: ErrorParams } {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}), params: this.params };
  }
}

export function isAkvaultError(e: unknown): e is AkvaultError {
  return e instanceof AkvaultError;
}

/** Wraps anything thrown into an AkvaultError without copying its message (which may hold data we do not control). */
export function asAkvaultError(e: unknown, fallback: ErrorCode = 'internal'): AkvaultError {
  if (e instanceof AkvaultError) return e;
  const kind = e instanceof Error ? e.name : typeof e;
  return new AkvaultError(fallback, `Unexpected ${kind}.`, { cause: e });
}
