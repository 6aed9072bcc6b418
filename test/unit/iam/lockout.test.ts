import { describe, expect, it } from 'vitest';
import { AuthFailureGuard } from '../../../main/core/iam/lockout';

const T0 = Date.UTC(2026, 0, 1);
const AK = 'QTWAOYTTINDUT2QVKYUC';

describe('AuthFailureGuard (local AK lock-out)', () => {
  it('allows four failures, locks on the fifth for five minutes', () => {
    const guard = new AuthFailureGuard();
    for (let i = 1; i <= 4; i++) {
      expect(guard.recordFailure(AK, T0)).toBe(false);
      expect(() => guard.assertAllowed(AK, T0)).not.toThrow();
    }
    expect(guard.recordFailure(AK, T0)).toBe(true);
    expect(() => guard.assertAllowed(AK, T0 + 1)).toThrowError(expect.objectContaining({ code: 'iam.ak-locked' }));
    expect(() => guard.assertAllowed(AK, T0 + 5 * 60_000 - 1)).toThrow();
    expect(() => guard.assertAllowed(AK, T0 + 5 * 60_000)).not.toThrow();
    expect(guard.consecutiveFailures(AK)).toBe(0);
  });

  it('says how long is left and which key, in params', () => {
    const guard = new AuthFailureGuard();
    guard.lock(AK, T0);
    try {
      guard.assertAllowed(AK, T0 + 60_000);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'iam.ak-locked', params: { accessKeyId: AK, retryAfterSeconds: 240, local: true } });
      expect((e as Error).message).toContain('4 min');
    }
  });

  it('counts consecutive failures only: a success resets the count', () => {
    const guard = new AuthFailureGuard();
    for (let i = 0; i < 4; i++) guard.recordFailure(AK, T0);
    guard.recordSuccess(AK);
    for (let i = 0; i < 4; i++) guard.recordFailure(AK, T0);
    expect(() => guard.assertAllowed(AK, T0)).not.toThrow();
  });

  it('keeps keys apart', () => {
    const guard = new AuthFailureGuard();
    for (let i = 0; i < 5; i++) guard.recordFailure(AK, T0);
    expect(() => guard.assertAllowed('OTHERKEY000000000000', T0)).not.toThrow();
  });
});
