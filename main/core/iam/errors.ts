import { AkvaultError, type ErrorCode, type ErrorParams } from '../errors';

/**
 * Turns whatever IAM, STS or the API gateway answered (or the network did) into an AkvaultError that
 * tells a person what to do.
 *
 * Secrets never reach a message: the server's own text is matched against, never copied, except for
 * plain validation messages, which are shortened and have anything token-like cut out first. (The
 * gateway's "verify aksk signature fail" message echoes its canonical request, security token included.)
 */

export type IamOperation =
  | 'assume-agency'
  | 'assume-agency-v5'
  | 'temporary-keys-from-token'
  | 'token-from-password'
  | 'list-access-keys'
  | 'create-access-key'
  | 'update-access-key'
  | 'delete-access-key'
  | 'caller-identity'
  | 'console-login';

/** How the failed request authenticated. */
export type AuthKind = 'keys' | 'temporary-keys' | 'token' | 'password';

export interface ResponseFailure {
  operation: IamOperation;
  status: number;
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  auth: AuthKind;
  requestId?: string;
  traceId?: string;
  accessKeyId?: string;
  /** For password logins: whether an MFA code was sent (tells "required" from "wrong"). */
  sentPasscode?: boolean;
  /** Names to put in messages (agency, account): never secrets. */
  subject?: { agencyName?: string; domain?: string };
}

export interface ErrorBody {
  code?: string;
  message?: string;
  title?: string;
  requestId?: string;
  hasEncodedAuthorization?: boolean;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/**
 * Reads every documented error shape: IAM `{error_code, error_msg}`, keystone `{error: {code,
 * message, title}}` (also its hybrid with null error_code/error_msg), the gateway's `{error_code,
 * error_msg, request_id}` and the v5/STS shape with `encoded_authorization_message`.
 */
export function parseErrorBody(body: unknown): ErrorBody {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  const inner = typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>) : undefined;
  const out: ErrorBody = {};
  const code = str(b.error_code) ?? str(inner?.error_code) ?? str(inner?.code) ?? str(b.code);
  const message = str(b.error_msg) ?? str(inner?.error_msg) ?? str(inner?.message) ?? str(b.message);
  const title = str(inner?.title);
  const requestId = str(b.request_id) ?? str(inner?.request_id);
  if (code) out.code = code;
  if (message) out.message = message;
  if (title) out.title = title;
  if (requestId) out.requestId = requestId;
  if (str(b.encoded_authorization_message) ?? str(inner?.encoded_authorization_message)) out.hasEncodedAuthorization = true;
  return out;
}

const GATEWAY_AUTH_CODE = /^(APIGW|APIG|APIC)\.0301$/i;
const THROTTLE_CODE = /^(APIGW|APIG|APIC)\.0308$/i;

/** A short, token-free version of a validation message, or undefined when it is not safe to show. */
export function redactServerMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  // Messages that quote a request (canonical requests use `|` for newlines) are never shown.
  if (/signature|canonical|aksk|\|/i.test(message)) return undefined;
  const cleaned = message.replace(/[A-Za-z0-9+/=_-]{24,}/g, '[…]').replace(/\s+/g, ' ').trim();
  return cleaned.length > 160 ? `${cleaned.slice(0, 157)}…` : cleaned;
}

function make(code: ErrorCode, message: string, hint: string, params: ErrorParams): AkvaultError {
  return new AkvaultError(code, message, { params, hint });
}

const ASSUME_OPS: ReadonlySet<IamOperation> = new Set(['assume-agency', 'assume-agency-v5']);
const KEY_OPS: ReadonlySet<IamOperation> = new Set(['list-access-keys', 'create-access-key', 'update-access-key', 'delete-access-key']);

export function errorFromResponse(f: ResponseFailure): AkvaultError {
  const parsed = parseErrorBody(f.body);
  const msg = parsed.message ?? '';
  const params: ErrorParams = { status: f.status, operation: f.operation };
  if (parsed.code) params.serverCode = parsed.code;
  const requestId = f.requestId ?? parsed.requestId;
  if (requestId) params.requestId = requestId;
  if (f.traceId) params.traceId = f.traceId;
  if (f.accessKeyId) params.accessKeyId = f.accessKeyId;
  if (f.subject?.agencyName) params.agency = f.subject.agencyName;
  if (f.subject?.domain) params.account = f.subject.domain;
  const signed = f.auth === 'keys' || f.auth === 'temporary-keys';

  // The gateway locks an AK after repeated failures; that outranks every other reading of a 401/403.
  if (/reach(ed)? the limit|(access key|\bak\b).{0,20}locked/i.test(msg) && (signed || GATEWAY_AUTH_CODE.test(parsed.code ?? ''))) {
    return make(
      'iam.ak-locked',
      'The server has locked this access key for a few minutes after repeated authentication failures.',
      'Wait 5 minutes, and fix the secret key or the system clock before trying again: every failed attempt extends the lock.',
      params,
    );
  }
  if (/signature expired|request expired/i.test(msg)) {
    return make(
      'iam.clock-skew',
      "The request signature was refused as expired: this computer's clock differs from the server's by more than 15 minutes.",
      "Turn on automatic date and time (network time) in the system settings, check the time zone, and try again.",
      params,
    );
  }
  if (/aksknumexceed|access keys? (quota|limit)|already has (two|2) /i.test(msg)) {
    return make('iam.key-limit', 'This user already has two access keys, the most IAM allows.', 'Delete an unused key first (make it inactive, check nothing uses it, then delete it).', params);
  }
  if (f.status === 429 || THROTTLE_CODE.test(parsed.code ?? '')) {
    return make('iam.throttled', 'IAM is limiting the request rate (HTTP 429).', 'Wait a minute and try again.', params);
  }
  if (f.status >= 500) {
    return make('iam.server', `IAM had a server error (HTTP ${f.status}).`, 'Try again in a few minutes. If it persists, check the Huawei Cloud service status.', params);
  }

  const mentionsMfa = /mfa|totp|passcode|verification code|virtual device/i.test(msg);
  if (f.status === 401 || GATEWAY_AUTH_CODE.test(parsed.code ?? '')) {
    if (f.auth === 'password') {
      if (mentionsMfa) return mfaError(f.sentPasscode === true, params);
      return make(
        'iam.bad-password',
        'The account name, user name or password is wrong.',
        'Use the IAM user\'s name and its account (domain) name; accounts upgraded to a HUAWEI ID cannot sign in with a password here. Repeated failures lock the user.',
        params,
      );
    }
    // Checked before the token wording: the signature-failure message quotes the signed headers.
    if (signed && /signature|secret ?key|aksk|ak.{0,10}(not exist|invalid)/i.test(msg)) return badKey(params);
    if (f.auth === 'temporary-keys' && /security.?token|token (has )?expire|token must be updated|expires_at/i.test(msg)) {
      return make('iam.token-expired', 'The temporary keys have expired or their security token was rejected.', 'Get new temporary keys (switch to the role or profile again).', params);
    }
    if (f.auth === 'token') return make('iam.token-expired', 'The IAM token is invalid or has expired.', 'Sign in again to get a new token.', params);
    return badKey(params);
  }

  if (f.status === 403) {
    if (f.auth === 'password' && mentionsMfa) return mfaError(f.sentPasscode === true, params);
    if (ASSUME_OPS.has(f.operation) && /trust/i.test(msg)) return agencyNotFound(f, params);
    if (ASSUME_OPS.has(f.operation)) {
      return make(
        'iam.forbidden',
        'IAM refused to switch to the agency: the calling user lacks the permission.',
        f.operation === 'assume-agency'
          ? 'The calling user needs the "Agent Operator" role in its own account; ask its administrator to grant it.'
          : 'The caller needs permission for sts:agencies:assume, and the agency\'s trust policy must allow it.',
        params,
      );
    }
    if (KEY_OPS.has(f.operation)) {
      return make(
        'iam.forbidden',
        'IAM refused to manage the access keys: the caller lacks the permission.',
        'A user may manage its own keys; managing another user\'s keys needs an administrator. The account may also have access key protection turned on.',
        params,
      );
    }
    return make('iam.forbidden', 'IAM refused the request: the caller lacks the permission.', 'Ask the account administrator for the needed permission.', params);
  }

  if (f.status === 404) {
    if (ASSUME_OPS.has(f.operation)) return agencyNotFound(f, params);
    if (KEY_OPS.has(f.operation)) return make('iam.not-found', 'IAM does not know this access key or user.', 'Refresh the list of keys: it may have been deleted already.', params);
    return make('iam.not-found', 'IAM answered "not found" (HTTP 404).', 'Check the IAM and STS endpoint URLs of the profile.', params);
  }

  if (f.status >= 400 && f.status < 500) {
    const safe = redactServerMessage(parsed.message);
    if (safe) params.serverMessage = safe;
    let hint = 'Check the names and values entered for this profile.';
    if (/duration/i.test(msg)) hint = "Choose a shorter duration: it must lie within the API's range and the agency's maximum session duration.";
    else if (f.operation === 'console-login' && /session_user/i.test(msg)) hint = 'Switch to the agency again with a session user name: console sign-in needs one.';
    return make('iam.bad-request', `IAM rejected the request as invalid${parsed.code ? ` (${parsed.code})` : ''}${safe ? `: ${safe}` : '.'}`, hint, params);
  }
  return make('iam.bad-response', `IAM answered with an unexpected HTTP ${f.status}.`, 'Check that the endpoint URL points at IAM.', params);
}

function badKey(params: ErrorParams): AkvaultError {
  return make(
    'iam.bad-key',
    'The access key was rejected: it is unknown or disabled, or the secret key does not match it.',
    'Check that the access key ID and the secret key were copied completely and belong together, and that the key is still active in the IAM console.',
    params,
  );
}

function mfaError(sentPasscode: boolean, params: ErrorParams): AkvaultError {
  return sentPasscode
    ? make('iam.mfa-wrong', 'The MFA code was not accepted.', "Wait for the next code and try again; check that the MFA device's clock is right.", params)
    : make('iam.mfa-required', 'This user must sign in with an MFA code.', 'Enter the 6-digit code from the virtual MFA device.', params);
}

function agencyNotFound(f: ResponseFailure, params: ErrorParams): AkvaultError {
  const agency = f.subject?.agencyName ? `"${f.subject.agencyName}"` : 'The agency';
  const account = f.subject?.domain ? ` in account "${f.subject.domain}"` : '';
  return make(
    'iam.agency-not-found',
    `Agency ${agency}${account} was not found, or it does not trust the calling account.`,
    "Check the agency name and the delegating account's name or ID; the agency's owner must list the calling account as trusted.",
    params,
  );
}

/** A failed exchange with no HTTP answer. `host` is the endpoint host (never the full URL). */
export function errorFromNetwork(e: unknown, ctx: { host: string; timedOut: boolean; timeoutMs: number; operation: IamOperation }): AkvaultError {
  const params: ErrorParams = { host: ctx.host, operation: ctx.operation };
  if (ctx.timedOut) {
    params.timeoutMs = ctx.timeoutMs;
    return new AkvaultError('iam.timeout', `${ctx.host} did not answer within ${Math.round(ctx.timeoutMs / 100) / 10} s.`, {
      params,
      hint: 'Check the network and proxy settings, or try again later.',
      cause: e,
    });
  }
  const reason = networkReason(e);
  params.reason = reason.code;
  if (reason.tls) {
    return new AkvaultError('iam.tls', `The secure connection to ${ctx.host} failed (${reason.code}).`, {
      params,
      hint: 'A proxy or security product may be intercepting HTTPS; check the endpoint URL, the system certificates and the proxy settings.',
      cause: e,
    });
  }
  return new AkvaultError('iam.unreachable', `Could not reach ${ctx.host} (${reason.code}).`, {
    params,
    hint: 'Check the network connection, the proxy settings (HTTPS_PROXY, NO_PROXY) and the endpoint URL.',
    cause: e,
  });
}

const TLS_CODES = /^(CERT_|ERR_TLS|ERR_SSL|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|HOSTNAME_MISMATCH|ERR_CERT|EPROTO)|_CERT_|CERT$/;
/** Codes meaning the request never left: safe to retry even when the operation is not idempotent. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_NAME_NOT_RESOLVED',
  'ERR_CONNECTION_REFUSED',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_PROXY_CONNECTION_FAILED',
]);

export interface NetworkReason {
  /** A stable, secret-free code such as ECONNRESET or ERR_CERT_AUTHORITY_INVALID. */
  code: string;
  tls: boolean;
  /** True when the request certainly did not reach the server. */
  notSent: boolean;
}

/** Finds the system or Chromium error code in a fetch failure (undici nests it in `cause`; Electron writes `net::ERR_…`). */
export function networkReason(e: unknown): NetworkReason {
  let code: string | undefined;
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur && !code; depth++) {
    const o = cur as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof o.code === 'string' && o.code) code = o.code;
    else if (typeof o.message === 'string') code = /net::(ERR_[A-Z_]+)/.exec(o.message)?.[1];
    if (!code && Array.isArray(o.errors) && o.errors.length > 0) cur = o.errors[0];
    else cur = o.cause;
  }
  const c = code ?? 'NETWORK_ERROR';
  return { code: c, tls: TLS_CODES.test(c), notSent: NOT_SENT_CODES.has(c) };
}

/** Errors that mean "this key's signature was refused": they count towards the local lock-out. */
export function isSignatureFailure(e: AkvaultError): boolean {
  return e.code === 'iam.bad-key' || e.code === 'iam.clock-skew';
}
