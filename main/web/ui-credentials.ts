/**
 * The UI's two credentials. The helper token never goes near a browser; instead:
 * - a login ticket: random, single use, short-lived, printed by `akvault serve --ui` in the one-time
 *   URL; redeeming it (or letting it expire) ends it;
 * - a session: the random value of the `akvault_ui` cookie (HttpOnly, SameSite=Strict, Path=/ui) that
 *   the redeemed ticket is exchanged for.
 * Both are kept as SHA-256 digests only, so the process never holds a usable copy after handing it out.
 * Lookups go by digest in a Map: timing can reveal at most a digest prefix, which helps no one guess a
 * 256-bit value.
 */
import { createHash } from 'node:crypto';
import { newToken } from '../core/helper/helper-token';

export const SESSION_COOKIE = 'akvault_ui';
export const DEFAULT_TICKET_TTL_MS = 2 * 60_000;
/** Browsers the user signed in with; the oldest session goes when one more signs in. */
const MAX_SESSIONS = 16;
const MAX_TICKETS = 16;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

export class LoginTickets {
  private readonly live = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(): string {
    const ticket = newToken();
    this.live.set(digest(ticket), this.now() + this.ttlMs);
    while (this.live.size > MAX_TICKETS) this.live.delete(this.live.keys().next().value!);
    return ticket;
  }

  /** True once per issued ticket, within its lifetime. */
  redeem(ticket: string | null): boolean {
    if (!ticket) return false;
    const key = digest(ticket);
    const expiresAt = this.live.get(key);
    this.live.delete(key);
    return expiresAt !== undefined && this.now() < expiresAt;
  }

  clear(): void {
    this.live.clear();
  }
}

export class UiSessions {
  private readonly live = new Set<string>();

  /** A new session; the value goes into the cookie and nowhere else. */
  create(): string {
    const value = newToken();
    this.live.add(digest(value));
    while (this.live.size > MAX_SESSIONS) this.live.delete(this.live.values().next().value!);
    return value;
  }

  /** True when the Cookie header carries a live session (any of several `akvault_ui` values). */
  admits(cookieHeader: string | undefined): boolean {
    return cookieValues(cookieHeader, SESSION_COOKIE).some((v) => this.live.has(digest(v)));
  }

  clear(): void {
    this.live.clear();
  }
}

/** Exactly the flags the UI relies on: no script access, never sent cross-site, only under /ui. */
export function sessionCookie(value: string): string {
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/ui`;
}

export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}
