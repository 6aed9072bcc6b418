/**
 * Where issued temporary credentials (and account sign-in tokens) are kept between uses: in memory,
 * and in the keychain so a restart of the app, or a CLI run, reuses them instead of asking IAM again.
 *
 * Each entry carries a fingerprint of the profile settings that produced it (agency, account,
 * duration, endpoint, source…), so an edited profile never gets credentials minted for its old
 * settings. Entries are never returned once expired; the caller decides what "fresh enough" means.
 */
import { createHash } from 'node:crypto';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';

export type CacheSlot = 'credentials' | 'iam-token';

export interface CacheEntry<T> {
  value: T;
  /** Epoch ms. */
  expiresAt: number;
  issuedAt: number;
  fingerprint: string;
}

function accountFor(profileId: string, slot: CacheSlot): string {
  return slot === 'credentials' ? secretAccounts.sessionCache(profileId) : secretAccounts.sessionToken(profileId);
}

export function fingerprintOf(settings: unknown): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('base64url').slice(0, 22);
}

export class SessionCache {
  private memory = new Map<string, CacheEntry<unknown>>();
  /** Keychain reads already done (hit or miss), so a miss costs one keychain call, not one per request. */
  private loaded = new Set<string>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly now: () => number,
  ) {}

  /** The entry if present, unexpired and minted for these settings. Reads the keychain once per slot. */
  async get<T>(profileId: string, slot: CacheSlot, fingerprint: string): Promise<CacheEntry<T> | null> {
    const key = `${profileId}/${slot}`;
    let entry = this.memory.get(key) as CacheEntry<T> | undefined;
    if (!entry && !this.loaded.has(key)) {
      this.loaded.add(key);
      entry = (await this.readKeychain<T>(accountFor(profileId, slot))) ?? undefined;
      if (entry) this.memory.set(key, entry);
    }
    if (!entry) return null;
    if (entry.fingerprint !== fingerprint || entry.expiresAt <= this.now()) return null;
    return entry;
  }

  /** Synchronous peek at memory only (the hot path of a cached credential fetch). */
  peek<T>(profileId: string, slot: CacheSlot, fingerprint: string): CacheEntry<T> | null {
    const entry = this.memory.get(`${profileId}/${slot}`) as CacheEntry<T> | undefined;
    if (!entry || entry.fingerprint !== fingerprint || entry.expiresAt <= this.now()) return null;
    return entry;
  }

  async set<T>(profileId: string, slot: CacheSlot, entry: CacheEntry<T>): Promise<void> {
    const key = `${profileId}/${slot}`;
    this.memory.set(key, entry);
    this.loaded.add(key);
    await this.secrets.set(accountFor(profileId, slot), JSON.stringify({ v: 1, ...entry }));
  }

  /** Forgets a profile's cached credentials and tokens, in memory and in the keychain. */
  async wipe(profileId: string): Promise<void> {
    for (const slot of ['credentials', 'iam-token'] as const) {
      const key = `${profileId}/${slot}`;
      this.memory.delete(key);
      this.loaded.add(key);
      await this.secrets.delete(accountFor(profileId, slot));
    }
  }

  private async readKeychain<T>(account: string): Promise<CacheEntry<T> | null> {
    let raw: string | null;
    try {
      raw = await this.secrets.get(account);
    } catch (e) {
      // A damaged sealed cache entry only costs a new mint; a keychain that is down is a real problem.
      if ((e as { code?: string }).code === 'sealed.corrupt') return null;
      throw e;
    }
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as { v?: number } & CacheEntry<T>;
      if (parsed.v !== 1 || typeof parsed.expiresAt !== 'number' || typeof parsed.fingerprint !== 'string') return null;
      return { value: parsed.value, expiresAt: parsed.expiresAt, issuedAt: parsed.issuedAt, fingerprint: parsed.fingerprint };
    } catch {
      // A damaged cache entry is only a cache miss: the broker fetches new credentials.
      return null;
    }
  }
}
