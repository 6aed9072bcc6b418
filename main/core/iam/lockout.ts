import { AkvaultError } from '../errors';

/**
 * The gateway locks an AK for 5 minutes after 5 authentication failures in a row. This guard keeps
 * the same count on our side and, once it is reached, refuses to send anything signed with that AK
 * until the 5 minutes are over: each further attempt would only extend the server's lock.
 *
 * One guard should serve the whole process (the server's count is per AK, whoever sends); the client
 * uses `sharedAuthFailureGuard` unless given another. The time comes from the caller's clock.
 */
export class AuthFailureGuard {
  private readonly entries = new Map<string, { failures: number; lockedUntil?: number }>();

  constructor(private readonly opts: { threshold: number; lockMs: number } = { threshold: 5, lockMs: 5 * 60_000 }) {}

  /** Throws `iam.ak-locked` while the AK is locked; forgets an expired lock. */
  assertAllowed(accessKeyId: string, now: number): void {
    const e = this.entries.get(accessKeyId);
    if (e?.lockedUntil === undefined) return;
    if (now >= e.lockedUntil) {
      this.entries.delete(accessKeyId);
      return;
    }
    const seconds = Math.ceil((e.lockedUntil - now) / 1000);
    throw new AkvaultError(
      'iam.ak-locked',
      `Access key ${accessKeyId} was refused ${this.opts.threshold} times in a row, so akvault is not using it for another ${formatWait(seconds)}: the server locks it too.`,
      {
        params: { accessKeyId, retryAfterSeconds: seconds, lockedUntil: new Date(e.lockedUntil).toISOString(), local: true },
        hint: 'Check the secret key and the system clock in the meantime.',
      },
    );
  }

  /** A refused signature. Returns true when this failure locked the AK. */
  recordFailure(accessKeyId: string, now: number): boolean {
    const e = this.entries.get(accessKeyId) ?? { failures: 0 };
    e.failures += 1;
    if (e.failures >= this.opts.threshold) e.lockedUntil = now + this.opts.lockMs;
    this.entries.set(accessKeyId, e);
    return e.lockedUntil !== undefined;
  }

  /** Any answer that got past authentication resets the count. */
  recordSuccess(accessKeyId: string): void {
    this.entries.delete(accessKeyId);
  }

  /** The server said the AK is locked: believe it. */
  lock(accessKeyId: string, now: number): void {
    this.entries.set(accessKeyId, { failures: this.opts.threshold, lockedUntil: now + this.opts.lockMs });
  }

  consecutiveFailures(accessKeyId: string): number {
    return this.entries.get(accessKeyId)?.failures ?? 0;
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

export const sharedAuthFailureGuard = new AuthFailureGuard();
