import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestToken, isStrongToken, newToken, tokenMatches } from '../../../main/core/helper/helper-token';

describe('helper tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(t);
    expect(isStrongToken(t)).toBe(true);
  });

  it.each(['', 'short', 'A'.repeat(42), `${'A'.repeat(43)}=`, `${'A'.repeat(40)}+/=`, `${'A'.repeat(43)} `])(
    'rejects %j as a supplied token',
    (t) => expect(isStrongToken(t)).toBe(false),
  );

  it('matches only the exact token', () => {
    const t = newToken();
    const d = digestToken(t);
    expect(tokenMatches(t, d)).toBe(true);
    expect(tokenMatches(`${t} `, d)).toBe(false);
    expect(tokenMatches(t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase(), d)).toBe(false);
  });

  it('compares presented values of any length without throwing (equal-length digests)', () => {
    const d = digestToken(newToken());
    fc.assert(fc.property(fc.string({ maxLength: 500 }), (s) => tokenMatches(s, d) === false));
  });
});
