/**
 * Reads a profile's stored secrets for the broker, and keeps permanent ones in memory after the first
 * read (one keychain read per unlock, not one per request — the keychain prompts and D-Bus round trips
 * users of other tools complain about). A profile edit changes `updatedAt`, which invalidates the copy.
 */
import { AkvaultError } from '../errors';
import type { Profile } from '../profiles/schema';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';

type Which = 'secretKey' | 'securityToken' | 'password' | 'authToken';

export class ProfileSecrets {
  private memo = new Map<string, { updatedAt: string; value: string }>();

  constructor(private readonly store: SecretStore) {}

  async read(profile: Profile, which: Which): Promise<string> {
    const key = `${profile.id}/${which}`;
    const hit = this.memo.get(key);
    if (hit && hit.updatedAt === profile.updatedAt) return hit.value;
    const value = await this.store.get(secretAccounts[which](profile.id));
    if (value === null) {
      throw new AkvaultError('keychain.missing-secret', `The keychain has no ${label[which]} for profile "${profile.name}".`, {
        params: { name: profile.name, secret: which },
        hint: `Add the profile again (akvault profile remove ${profile.name}, then akvault profile add …) to store it.`,
      });
    }
    this.memo.set(key, { updatedAt: profile.updatedAt, value });
    return value;
  }

  /** Drops every copy (the vault file was locked: nothing read from it may outlive the lock). */
  forgetAll(): void {
    this.memo.clear();
  }

  forget(profileId: string): void {
    for (const k of [...this.memo.keys()]) if (k.startsWith(`${profileId}/`)) this.memo.delete(k);
  }
}

const label: Record<Which, string> = {
  secretKey: 'secret access key',
  securityToken: 'security token',
  password: 'password',
  authToken: 'IAM token',
};
