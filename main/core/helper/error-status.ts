/**
 * Which HTTP status an AkvaultError becomes when the helper cannot serve credentials.
 *
 * The SDKs turn any error status into an exception that shows only the status line ("423 Client
 * Error: Locked (akvault: keychain.locked) for url: …", the Python SDK's pod-identity provider) and
 * drop the body, so both the status and the reason phrase carry the meaning; the JSON body keeps the
 * message and hint for akvault's own clients.
 *
 * - 404: the profile does not exist.
 * - 400: the request itself is wrong.
 * - 401: a person must sign in again in akvault (MFA code, password, expired session or token).
 * - 403: IAM refused akvault's key or the permission (missing Agent Operator, agency not trusted).
 * - 409: the profile's setup needs a person (keys of a kind this endpoint cannot hand out, a missing
 *        secret, clock skew, the two-key limit): retrying will not help.
 * - 423: locked: the keychain, akvault's store, or the AK after failed signatures; unlock, then retry.
 * - 429: IAM is throttling; retry later.
 * - 502/504: IAM or the metadata service failed or answered nonsense / timed out.
 * - 503: temporarily unavailable (keychain service down, helper busy): retry later.
 * - 500: anything else.
 * Codes not listed fall back by family, so a code added later still gets a sensible status.
 */
import type { ErrorCode } from '../errors';

const EXACT: Partial<Record<ErrorCode, number>> = {
  'profile.not-found': 404,
  usage: 400,
  validation: 400,
  'iam.timeout': 504,
  'iam.unreachable': 502,
  'iam.tls': 502,
  'iam.server': 502,
  'iam.bad-response': 502,
  'iam.bad-request': 502,
  'iam.not-found': 502,
  'metadata.unreachable': 502,
  'iam.throttled': 429,
  'iam.ak-locked': 423,
  'keychain.locked': 423,
  'store.locked': 423,
  'keychain.unavailable': 503,
  'helper.unavailable': 503,
  'session.expired': 401,
  'session.mfa-cancelled': 401,
  'iam.mfa-required': 401,
  'iam.mfa-wrong': 401,
  'iam.bad-password': 401,
  'iam.token-expired': 401,
  'iam.bad-key': 403,
  'iam.forbidden': 403,
  'iam.agency-not-found': 403,
  'keychain.missing-secret': 409,
  'metadata.no-agency': 409,
  'keychain.failed': 500,
  'sealed.corrupt': 500,
  internal: 500,
};

const BY_FAMILY: Array<[prefix: string, status: number]> = [
  // The remaining iam.* codes (bad-key, forbidden, agency-not-found, mfa-*, clock-skew, …) need a person.
  ['iam.', 409],
  ['session.', 409],
  ['profile.', 409],
  ['keychain.', 503],
  ['store.', 500],
  // A locked vault file: unlock it and retry.
  ['vault.', 503],
];

export function statusForError(code: ErrorCode): number {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  for (const [prefix, status] of BY_FAMILY) if (code.startsWith(prefix)) return status;
  return 500;
}

/** The reason phrase of an error answer: the standard text plus akvault's code, which SDK exceptions show. */
export function reasonPhrase(status: number, code: ErrorCode): string {
  const standard = STATUS_TEXT[status] ?? 'Error';
  // Codes are fixed ASCII identifiers; anything else is dropped rather than risk an invalid status line.
  return /^[a-z0-9.-]{1,64}$/.test(code) ? `${standard} (akvault: ${code})` : standard;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
