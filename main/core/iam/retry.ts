import type { Clock } from '../clock';
import type { AkvaultError } from '../errors';

/**
 * When to try an IAM request again: only after network errors, 429 and 5xx, a bounded number of
 * times, with jittered exponential backoff that honours Retry-After, inside a total deadline. A
 * refused signature or login is never retried: repeating it cannot succeed and the gateway locks an
 * AK after five failures in a row.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles each time, jittered to 50–100 %. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No attempt starts, and no wait is begun, that would end after this much time since the first. */
  deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 400, maxDelayMs: 8_000, deadlineMs: 60_000 };

/**
 * - `safe`: the server did not act on the request (429, or the connection never opened): retry any operation.
 * - `if-idempotent`: it may have acted (5xx, reset, timeout): retry only operations that can be repeated
 *   harmlessly. Creating an access key cannot: a lost answer would leave a key whose secret nobody has.
 * - `never`: everything else.
 */
export type RetryClass = 'safe' | 'if-idempotent' | 'never';

export interface FailedAttempt {
  error: AkvaultError;
  retryClass: RetryClass;
  retryAfterMs?: number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: 'not-retryable' | 'attempts-exhausted' | 'deadline' };

export function retryClassForStatus(status: number): RetryClass {
  if (status === 429) return 'safe';
  if (status >= 500 && status <= 599) return 'if-idempotent';
  return 'never';
}

export function retryClassForNetwork(reason: { tls: boolean; notSent: boolean }, timedOut: boolean): RetryClass {
  if (timedOut) return 'if-idempotent';
  if (reason.tls) return 'never'; // a certificate problem does not go away in a second
  return reason.notSent ? 'safe' : 'if-idempotent';
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined; // IMF-fixdate only
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + random() / 2));
}

/**
 * The decision after a failed attempt.
 * @param attempt the 1-based number of the attempt that just failed
 */
export function decideRetry(
  failure: Pick<FailedAttempt, 'retryClass' | 'retryAfterMs'>,
  ctx: { attempt: number; elapsedMs: number; idempotent: boolean },
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (failure.retryClass === 'never' || (failure.retryClass === 'if-idempotent' && !ctx.idempotent)) return { retry: false, reason: 'not-retryable' };
  if (ctx.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  const delayMs = Math.max(backoffDelay(ctx.attempt, policy, random), failure.retryAfterMs ?? 0);
  // Waiting past the deadline would only end in a timeout: give the person the real error now.
  if (ctx.elapsedMs + delayMs >= policy.deadlineMs) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; failure: FailedAttempt };

/**
 * Runs `attempt` until it succeeds or the policy says stop; throws the last failure's error.
 * `attempt` receives the time left before the deadline, to bound its own timeout.
 */
export async function runWithRetries<T>(
  attempt: (n: number, remainingMs: number) => Promise<AttemptResult<T>>,
  opts: { policy: RetryPolicy; clock: Clock; random: () => number; idempotent: boolean; signal?: AbortSignal },
): Promise<T> {
  const started = opts.clock.now();
  for (let n = 1; ; n++) {
    const result = await attempt(n, opts.policy.deadlineMs - (opts.clock.now() - started));
    if (result.ok) return result.value;
    const decision = decideRetry(result.failure, { attempt: n, elapsedMs: opts.clock.now() - started, idempotent: opts.idempotent }, opts.policy, opts.random);
    if (!decision.retry) throw result.failure.error;
    await opts.clock.sleep(decision.delayMs, opts.signal);
  }
}
