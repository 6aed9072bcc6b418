/**
 * The live countdown to a session's expiry, computed locally from `expiresAt` (main does not push
 * every second): what to show, how urgent it is, and when the text next changes, so each countdown
 * wakes up exactly when it must — every second in the last ten minutes, on the minute before.
 */

/** Below this the countdown shows seconds and ticks every second. */
export const SECONDS_BELOW_MS = 10 * 60_000;
/** Below this a countdown is critical (and a screen reader hears about it once). */
export const CRITICAL_BELOW_MS = 5 * 60_000;

export type Urgency = 'ok' | 'soon' | 'critical' | 'expired';

export type CountdownParts = { kind: 'expired' } | { kind: 'hm'; h: number; m: number } | { kind: 'm'; m: number } | { kind: 'ms'; m: number; s: number };

export function remainingMs(expiresAt: string | undefined, now: number): number | undefined {
  if (!expiresAt) return undefined;
  const at = Date.parse(expiresAt);
  return Number.isNaN(at) ? undefined : at - now;
}

/** Splits a remaining duration into what the countdown says: "1 h 5 min", "42 min", "4:09". */
export function countdownParts(ms: number): CountdownParts {
  if (ms <= 0) return { kind: 'expired' };
  if (ms < SECONDS_BELOW_MS) {
    const total = Math.ceil(ms / 1000);
    return { kind: 'ms', m: Math.floor(total / 60), s: total % 60 };
  }
  // Whole minutes, rounded up: "10 min" until it really is under ten.
  const minutes = Math.ceil(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? { kind: 'hm', h, m } : { kind: 'm', m };
}

/** `soonBelowMs`: the refresh margin (or notification lead) under which expiry counts as near. */
export function urgency(ms: number, soonBelowMs = 15 * 60_000): Urgency {
  if (ms <= 0) return 'expired';
  if (ms < CRITICAL_BELOW_MS) return 'critical';
  if (ms < Math.max(soonBelowMs, CRITICAL_BELOW_MS)) return 'soon';
  return 'ok';
}

/** Milliseconds until the displayed text changes (at least 50 ms, so a timer never spins). */
export function nextChangeIn(ms: number): number {
  if (ms <= 0) return 60_000;
  if (ms < SECONDS_BELOW_MS) {
    const rest = ms % 1000;
    return Math.max(50, rest === 0 ? 1000 : rest);
  }
  const rest = ms % 60_000;
  // The text rounds minutes up, so it changes when a whole minute has passed; below the seconds
  // threshold it switches format.
  const untilSeconds = ms - SECONDS_BELOW_MS + 1;
  return Math.max(50, Math.min(rest === 0 ? 60_000 : rest, untilSeconds));
}
