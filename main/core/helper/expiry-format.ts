/**
 * Expiry times as the Huawei SDKs parse them: `YYYY-MM-DDTHH:MM:SS.ffffffZ`. The Python SDK's
 * `%Y-%m-%dT%H:%M:%S.%fZ` fails on a value without the fraction, so it is always written, with six
 * digits.
 */
import { AkvaultError } from '../errors';

const UTC_WITH_FRACTION = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

export function formatMicrosecondExpiry(instant: string): string {
  // Already UTC: keep the digits we were given (IAM itself answers with microseconds).
  const utc = UTC_WITH_FRACTION.exec(instant);
  if (utc && Number.isFinite(Date.parse(instant))) {
    return `${utc[1]}.${(utc[2] ?? '').padEnd(6, '0').slice(0, 6)}Z`;
  }
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw unreadableExpiry();
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

export function unreadableExpiry(): AkvaultError {
  return new AkvaultError('internal', 'The credentials carry an expiry time that cannot be read.');
}
