import { randomBytes, randomInt } from 'node:crypto';

/** Random keys in the documented Huawei shapes (huawei-iam.md §6.5), fresh per call so tests never share values. */
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pickFrom(alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

export const fakeAccessKeyId = (): string => pickFrom(UPPER_DIGITS, 20);
export const fakeSecretKey = (): string => pickFrom(ALNUM, 40);
/** A security-token-like string of `bytes` characters (base64url, no line breaks). */
export const fakeSecurityToken = (bytes = 16 * 1024): string => randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64url').slice(0, bytes);
