/**
 * The pod-identity clients the helper currently serves: one random endpoint id and one random token per
 * child process (or per session), each bound to one profile. Only the token's digest is kept.
 */
import { randomBytes } from 'node:crypto';
import { type TokenDigest, digestToken, newToken } from './helper-token';

export interface PodIdentityEntry {
  id: string;
  profile: string;
  /** Who the client is, for the audit log and the tray (e.g. the command a session runs). */
  label: string;
  tokenDigest: TokenDigest;
  createdAt: number;
  lastServedAt?: number;
}

/** What the tray may show about a client: no token, no digest. */
export interface PodIdentityClientInfo {
  id: string;
  profile: string;
  label: string;
  createdAt: string;
  lastServedAt?: string;
}

export class PodIdentityRegistry {
  private readonly entries = new Map<string, PodIdentityEntry>();

  /** Registers a client; returns its endpoint id and the token only this caller ever sees. */
  add(profile: string, label: string, now: number): { id: string; token: string } {
    const id = randomBytes(16).toString('base64url');
    const token = newToken();
    this.entries.set(id, { id, profile, label, tokenDigest: digestToken(token), createdAt: now });
    return { id, token };
  }

  get(id: string): PodIdentityEntry | undefined {
    return this.entries.get(id);
  }

  revoke(id: string): boolean {
    return this.entries.delete(id);
  }

  list(): PodIdentityClientInfo[] {
    return [...this.entries.values()].map((e) => ({
      id: e.id,
      profile: e.profile,
      label: e.label,
      createdAt: new Date(e.createdAt).toISOString(),
      ...(e.lastServedAt !== undefined ? { lastServedAt: new Date(e.lastServedAt).toISOString() } : {}),
    }));
  }

  clear(): void {
    this.entries.clear();
  }
}
