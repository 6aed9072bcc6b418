/**
 * Random bearer tokens and their constant-time comparison.
 *
 * Tokens are kept only as SHA-256 digests: comparing two digests of equal length with
 * crypto.timingSafeEqual takes the same time whatever the presented value is (its length included),
 * so a local process cannot learn a token byte by byte from response times.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: 256 bits, the floor the helper accepts for any token. */
export const TOKEN_BYTES = 32;

/** A fresh token: 32 random bytes, base64url (43 characters, no padding). */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** True when `token` is base64url text carrying at least 32 bytes. */
export function isStrongToken(token: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return false;
  return Buffer.from(token, 'base64url').length >= TOKEN_BYTES;
}

export type TokenDigest = Buffer;

export function digestToken(token: string): TokenDigest {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Constant-time check of a presented token against a stored digest. */
export function tokenMatches(presented: string, expected: TokenDigest): boolean {
  return timingSafeEqual(digestToken(presented), expected);
}
