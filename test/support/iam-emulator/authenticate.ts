import { gatewayAuthError, keystoneError, type Reply } from './error-bodies';
import type { EmulatorState, IssuedToken, Principal, TemporaryKey } from './state';
import { type ReceivedRequest, parseAuthorization, verifySdkSignature } from './verify-signature';

/**
 * The gateway's authentication of a request: an AK/SK signature (checked with the official SDK's
 * algorithm), or an IAM token in X-Auth-Token. Like the real gateway it refuses a date more than
 * 15 minutes off, requires a valid, unexpired X-Security-Token for temporary keys, and locks an AK
 * for 5 minutes after 5 signature failures in a row.
 */

export const MAX_CLOCK_SKEW_MS = 15 * 60_000;
export const LOCK_THRESHOLD = 5;
export const LOCK_MS = 5 * 60_000;

export type Caller =
  | { via: 'aksk'; principal: Principal; accessKeyId: string; temporary?: TemporaryKey }
  | { via: 'token'; principal: Principal; token: IssuedToken };

export type AuthOutcome = { ok: true; caller: Caller } | { ok: false; reply: Reply; accessKeyId?: string };

function parseSdkDate(value: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function header(req: ReceivedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function authenticateAkSk(req: ReceivedRequest, state: EmulatorState, now: number, requestId: string): AuthOutcome {
  const auth = parseAuthorization(header(req, 'authorization'));
  if (!auth) return { ok: false, reply: gatewayAuthError('Authorization header format is incorrect', requestId) };
  const accessKeyId = auth.accessKeyId;
  const fail = (message: string): AuthOutcome => ({ ok: false, reply: gatewayAuthError(message, requestId), accessKeyId });

  const permanent = state.permanentKeys.get(accessKeyId);
  const temporary = state.temporaryKeys.get(accessKeyId);
  const secret = permanent?.secretAccessKey ?? temporary?.secretAccessKey;
  if (secret === undefined) return fail('Get secretKey failed');

  const lock = state.akFailures.get(accessKeyId);
  if (lock?.lockedUntil !== undefined) {
    if (now < lock.lockedUntil) return fail('AK access failed to reach the limit,forbidden.');
    state.akFailures.delete(accessKeyId);
  }
  const countFailure = (message: string): AuthOutcome => {
    const entry = state.akFailures.get(accessKeyId) ?? { count: 0 };
    entry.count += 1;
    if (entry.count >= LOCK_THRESHOLD) entry.lockedUntil = now + LOCK_MS;
    state.akFailures.set(accessKeyId, entry);
    return fail(message);
  };

  const date = parseSdkDate(header(req, 'x-sdk-date'));
  if (date === undefined || Math.abs(now - date) > MAX_CLOCK_SKEW_MS) return countFailure('calc ak sk signature fail:signature expired');

  const check = verifySdkSignature(req, auth, secret);
  if (!check.ok) {
    // The real gateway quotes its canonical request (newlines as `|`), secrets in signed headers included:
    // the emulator does the same so tests prove the client never copies this message.
    const quoted = check.canonicalRequest ? `, ${check.canonicalRequest.replace(/\n/g, '|')}` : ` (${check.reason})`;
    return countFailure(`verify aksk signature fail${quoted}`);
  }
  state.akFailures.delete(accessKeyId);

  if (permanent) {
    if (permanent.status !== 'active') return fail('the access key is inactive');
    const user = state.users.get(permanent.userId);
    if (!user) return fail('Get secretKey failed');
    permanent.lastUsedAt = new Date(now).toISOString();
    return { ok: true, caller: { via: 'aksk', principal: state.userPrincipal(user), accessKeyId } };
  }
  const temp = temporary as TemporaryKey;
  const signedNames = auth.signedHeaders.split(';');
  const sentToken = header(req, 'x-security-token');
  if (!sentToken || !signedNames.includes('x-security-token') || sentToken !== temp.securityToken) return fail('verify security token fail');
  if (now >= temp.expiresAt) return fail(`token expires, expires_at:${new Date(temp.expiresAt).toISOString()}`);
  return { ok: true, caller: { via: 'aksk', principal: temp.principal, accessKeyId, temporary: temp } };
}

export function authenticateToken(token: string, state: EmulatorState, now: number, requestId: string): AuthOutcome {
  const issued = state.tokens.get(token);
  if (!issued) return { ok: false, reply: gatewayAuthError('decrypt token fail', requestId) };
  if (now >= issued.expiresAt) return { ok: false, reply: keystoneError(401, 'The token must be updated.') };
  return { ok: true, caller: { via: 'token', principal: issued.principal, token: issued } };
}
