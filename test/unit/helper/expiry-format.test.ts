import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMicrosecondExpiry } from '../../../main/core/helper/expiry-format';

const MICRO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe('expiry format for SDKs', () => {
  it.each([
    ['2026-11-22T10:00:00.123Z', '2026-11-22T10:00:00.123000Z'],
    ['2026-11-22T10:00:00Z', '2026-11-22T10:00:00.000000Z'],
    ['2020-01-08T02:56:19.587123Z', '2020-01-08T02:56:19.587123Z'],
    ['2020-01-08T02:56:19.5871234Z', '2020-01-08T02:56:19.587123Z'],
    ['2026-11-22T18:00:00.5+08:00', '2026-11-22T10:00:00.500000Z'],
  ])('%s → %s', (input, output) => {
    expect(formatMicrosecondExpiry(input)).toBe(output);
  });

  it('always writes six fractional digits and keeps the instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const out = formatMicrosecondExpiry(d.toISOString());
        expect(out).toMatch(MICRO);
        expect(Date.parse(out)).toBe(d.getTime());
      }),
    );
  });

  it('refuses an unreadable value', () => {
    expect(() => formatMicrosecondExpiry('tomorrow')).toThrow(expect.objectContaining({ code: 'internal' }));
    expect(() => formatMicrosecondExpiry('2026-13-45T99:00:00Z')).toThrow();
  });
});
