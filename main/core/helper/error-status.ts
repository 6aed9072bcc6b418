/**
 * Which HTTP status an AkvaultError becomes when the helper cannot serve credentials.
 *
 * - 404: the profile does not exist.
 * - 400: the request itself is wrong.
 * - 409: the profile exists but its state needs a person (expired session, MFA, rejected key,
 *        missing permission, keys of a kind this endpoint cannot hand out): retrying will not help.
 * - 502/504: IAM or the metadata service failed or answered nonsense / timed out.
 * - 503: temporarily unavailable (keychain locked, IAM throttling, AK locked out, store busy): retry later.
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
  'iam.throttled': 503,
  'iam.ak-locked': 503,
  'keychain.locked': 503,
  'keychain.unavailable': 503,
  'store.locked': 503,
  'helper.unavailable': 503,
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
