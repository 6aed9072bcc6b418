import { describe, expect, it } from 'vitest';
import { AkvaultError } from '../../../main/core/errors';
import {
  type AttemptResult,
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  retryClassForNetwork,
  retryClassForStatus,
  runWithRetries,
} from '../../../main/core/iam/retry';
import { ManualClock } from '../../support/manual-clock';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, deadlineMs: 10_000 };
const half = () => 0.5;

describe('what is retryable', () => {
  it('statuses: 429 always, 5xx when idempotent, nothing else', () => {
    expect(retryClassForStatus(429)).toBe('safe');
    for (const s of [500, 502, 503, 504]) expect(retryClassForStatus(s)).toBe('if-idempotent');
    for (const s of [400, 401, 403, 404, 409]) expect(retryClassForStatus(s)).toBe('never');
  });
  it('network: not-sent is safe, TLS never, reset and timeout only when idempotent', () => {
    expect(retryClassForNetwork({ tls: false, notSent: true }, false)).toBe('safe');
    expect(retryClassForNetwork({ tls: false, notSent: false }, false)).toBe('if-idempotent');
    expect(retryClassForNetwork({ tls: true, notSent: false }, false)).toBe('never');
    expect(retryClassForNetwork({ tls: false, notSent: true }, true)).toBe('if-idempotent');
  });
});

describe('decideRetry', () => {
  const ctx = { attempt: 1, elapsedMs: 0, idempotent: true };
  it('never retries an authentication or signature failure', () => {
    expect(decideRetry({ retryClass: retryClassForStatus(401) }, ctx, policy, half)).toEqual({ retry: false, reason: 'not-retryable' });
  });
  it('does not repeat a non-idempotent call after an ambiguous failure, but does after 429', () => {
    expect(decideRetry({ retryClass: 'if-idempotent' }, { ...ctx, idempotent: false }, policy, half)).toEqual({ retry: false, reason: 'not-retryable' });
    expect(decideRetry({ retryClass: 'safe' }, { ...ctx, idempotent: false }, policy, half).retry).toBe(true);
  });
  it('stops after maxAttempts', () => {
    expect(decideRetry({ retryClass: 'safe' }, { ...ctx, attempt: 3 }, policy, half).retry).toBe(true);
    expect(decideRetry({ retryClass: 'safe' }, { ...ctx, attempt: 4 }, policy, half)).toEqual({ retry: false, reason: 'attempts-exhausted' });
  });
  it('honours Retry-After when longer than the backoff', () => {
    expect(decideRetry({ retryClass: 'safe', retryAfterMs: 3_000 }, ctx, policy, half)).toEqual({ retry: true, delayMs: 3_000 });
    expect(decideRetry({ retryClass: 'safe', retryAfterMs: 10 }, ctx, policy, half)).toEqual({ retry: true, delayMs: 75 });
  });
  it('gives up instead of waiting past the deadline', () => {
    expect(decideRetry({ retryClass: 'safe', retryAfterMs: 60_000 }, ctx, policy, half)).toEqual({ retry: false, reason: 'deadline' });
    expect(decideRetry({ retryClass: 'safe' }, { ...ctx, elapsedMs: 9_990 }, policy, half)).toEqual({ retry: false, reason: 'deadline' });
  });
});

describe('backoff', () => {
  it('doubles per attempt, capped, jittered to 50–100 %', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(3, policy, half)).toBe(300);
  });
  it('defaults: four attempts', () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(4);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 0, 0, 0);
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('runWithRetries', () => {
  const fail = (retryClass: 'safe' | 'if-idempotent' | 'never', retryAfterMs?: number): AttemptResult<string> => ({
    ok: false,
    failure: { error: new AkvaultError('iam.server', 'x'), retryClass, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
  });

  it('sleeps on the injected clock between attempts and returns the success', async () => {
    const clock = new ManualClock();
    const started = clock.now();
    const seen: number[] = [];
    const results = [fail('if-idempotent'), fail('if-idempotent'), fail('safe', 2_000)];
    const promise = runWithRetries(
      async (n) => {
        seen.push(clock.now() - started);
        return results[n - 1] ?? { ok: true, value: 'done' };
      },
      { policy, clock, random: half, idempotent: true },
    );
    await clock.advance(5_000);
    await expect(promise).resolves.toBe('done');
    expect(seen).toEqual([0, 75, 225, 2_225]);
  });

  it('throws the last error when it stops', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const promise = runWithRetries(
      async () => {
        calls++;
        return fail('never');
      },
      { policy, clock, random: half, idempotent: true },
    );
    await expect(promise).rejects.toMatchObject({ code: 'iam.server' });
    expect(calls).toBe(1);
  });

  it('passes each attempt the time left before the deadline', async () => {
    const clock = new ManualClock();
    const remaining: number[] = [];
    const promise = runWithRetries(
      async (n, left) => {
        remaining.push(left);
        return n < 2 ? fail('safe') : { ok: true, value: 'done' };
      },
      { policy, clock, random: half, idempotent: true },
    );
    await clock.advance(1_000);
    await promise;
    expect(remaining).toEqual([10_000, 9_925]);
  });
});
