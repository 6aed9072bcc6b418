/**
 * Session tokens for the emulated ECS metadata service (`PUT /meta-data/latest/api/token`). Kept as
 * digests with an expiry read from the injected clock; expired ones are pruned lazily, and the number
 * alive at once is capped so a looping client cannot grow the map without bound.
 */
import type { Clock } from '../clock';
import { digestToken, newToken } from './helper-token';

/** The ECS metadata service accepts TTLs of 1 s to 6 h. */
export const MAX_METADATA_TOKEN_TTL_SECONDS = 21_600;

export class MetadataTokenStore {
  /** digest (hex) → expiry in ms; Map order is issue order, so the first entry is the oldest. */
  private readonly live = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly maxLive = 1024,
  ) {}

  issue(ttlSeconds: number): string {
    this.prune();
    while (this.live.size >= this.maxLive) {
      const oldest = this.live.keys().next().value;
      if (oldest === undefined) break;
      this.live.delete(oldest);
    }
    const token = newToken();
    this.live.set(digestToken(token).toString('hex'), this.clock.now() + ttlSeconds * 1000);
    return token;
  }

  /** Looked up by digest: timing reveals nothing about a token's text, only about its hash. */
  isValid(token: string): boolean {
    const key = digestToken(token).toString('hex');
    const expires = this.live.get(key);
    if (expires === undefined) return false;
    if (expires <= this.clock.now()) {
      this.live.delete(key);
      return false;
    }
    return true;
  }

  clear(): void {
    this.live.clear();
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [key, expires] of this.live) if (expires <= now) this.live.delete(key);
  }
}

/** Parses `X-Metadata-Token-Ttl-Seconds`; null when missing or out of range. */
export function parseTtlSeconds(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,6}$/.test(value.trim())) return null;
  const ttl = Number(value.trim());
  return ttl >= 1 && ttl <= MAX_METADATA_TOKEN_TTL_SECONDS ? ttl : null;
}
