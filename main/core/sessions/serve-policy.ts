/**
 * How fresh served temporary keys must be, and when cached ones are good enough (pure functions, so
 * the rules are tested on their own and the broker only asks them).
 *
 * - Consumers that cannot refresh (a child's environment, `akvault env`, tool files, a copy) keep the
 *   keys they get until they end. The SDKs' own refreshing providers (pod identity, ECS metadata) ask
 *   again whenever fewer than 40 minutes remain (huawei-iam.md §10.2). So served keys keep at least
 *   SERVED_MINIMUM_MS (45 minutes) whenever the duration allows; a cache holding less is re-minted
 *   before it is handed out.
 * - A duration too short for that (e.g. 15 minutes) cannot keep 45 minutes: those keys are served with
 *   at least their life minus REUSE_WINDOW_MS left (10 of 15 minutes), so each set is reused for five
 *   minutes at most.
 * - Clients that ask again on their own (pod identity, metadata, the helper's credential route) get
 *   still-valid cached keys at once while new ones are minted in the background: only a cache that is
 *   expired, or about to be (STALE_FLOOR_MS), makes them wait for IAM.
 */

/** Keys handed to a consumer that cannot refresh keep at least this much life when the duration allows. */
export const SERVED_MINIMUM_MS = 45 * 60_000;
/** The least time a set of keys is reused before a new set is minted (short durations). */
export const REUSE_WINDOW_MS = 5 * 60_000;
/** Cached keys with less than this left are not served from the cache even to refreshing clients. */
export const STALE_FLOOR_MS = 60_000;
/** After a failed background refresh, the next one waits this long (IAM down must not mean one call per request). */
export const BACKGROUND_RETRY_MS = 30_000;

/**
 * `handoff` (the default): for consumers that cannot refresh; keys below the served minimum are
 * re-minted before they are served. `refreshing`: for clients that ask again on their own; still-valid
 * cached keys are answered at once and renewed in the background.
 */
export type Freshness = 'handoff' | 'refreshing';

export interface ServeOptions {
  freshness?: Freshness;
}

export interface CachedLife {
  /** Epoch ms. */
  expiresAt: number;
  issuedAt: number;
}

/** The life left that served keys must have, for keys that were minted with `lifeMs` of life. */
export function servedMinimumMs(lifeMs: number): number {
  return Math.max(0, Math.min(SERVED_MINIMUM_MS, lifeMs - REUSE_WINDOW_MS));
}

/** How long before expiry cached keys stop being reused: the refresh margin or the served minimum, whichever is earlier. */
export function renewLeadMs(e: CachedLife, marginMs: number): number {
  const life = e.expiresAt - e.issuedAt;
  return Math.max(Math.min(marginMs, life / 2), servedMinimumMs(life));
}

/** Good enough to sign the next link of a chain: only the refresh margin applies (nothing is handed out). */
export function fitToSign(e: CachedLife, now: number, marginMs: number): boolean {
  return e.expiresAt - now > Math.min(marginMs, (e.expiresAt - e.issuedAt) / 2);
}

/** Good enough to hand to a consumer that cannot refresh. */
export function fitToHandOut(e: CachedLife, now: number, marginMs: number): boolean {
  return e.expiresAt - now > renewLeadMs(e, marginMs);
}

/** Good enough to answer a refreshing client at once (a background refresh renews it). */
export function fitToServeStale(e: CachedLife, now: number): boolean {
  return e.expiresAt - now > STALE_FLOOR_MS;
}
