/**
 * Asking the provider for a profile's credentials on behalf of one route: resolves "the default
 * profile", refuses keys that are already expired by our clock (the SDK would only fail later with a
 * signature error), and, for endpoints whose protocol requires it, refuses permanent keys.
 */
import type { Clock } from '../clock';
import { AkvaultError } from '../errors';
import type { Freshness } from '../sessions/serve-policy';
import type { Consumer, CredentialProvider, SessionCredentials } from '../sessions/types';
import { unreadableExpiry } from './expiry-format';

export interface CredentialRequest {
  /** A profile name, or null for the default profile. */
  profile: string | null;
  consumer: Consumer;
  /** Pod-identity and metadata answers must carry a security token and an expiry. */
  requireTemporary: boolean;
  /**
   * 'refreshing' for clients that ask again on their own (pod identity, metadata, the credential route):
   * valid cached keys are answered at once, never held up by a slow IAM. Default 'handoff'.
   */
  freshness?: Freshness;
}

export async function resolveProfile(provider: CredentialProvider, name: string | null): Promise<string> {
  if (name !== null) return name;
  const fallback = await provider.getDefaultProfile();
  if (fallback === null) {
    throw new AkvaultError('profile.not-found', 'No default profile is set.', {
      hint: 'Choose a default profile in akvault, or name a profile in the request.',
    });
  }
  return fallback;
}

export async function fetchCredentials(
  provider: CredentialProvider,
  clock: Clock,
  req: CredentialRequest,
): Promise<{ profile: string; credentials: SessionCredentials }> {
  const profile = await resolveProfile(provider, req.profile);
  const credentials = await (req.freshness ? provider.getCredentials(profile, req.consumer, { freshness: req.freshness }) : provider.getCredentials(profile, req.consumer));
  if (credentials.expiresAt !== undefined) {
    const expires = Date.parse(credentials.expiresAt);
    if (!Number.isFinite(expires)) throw unreadableExpiry();
    if (expires <= clock.now()) {
      throw new AkvaultError('session.expired', `The keys for profile "${profile}" have expired.`, {
        params: { profile },
        hint: 'Start the session again in akvault.',
      });
    }
  }
  if (req.requireTemporary && (!credentials.securityToken || credentials.expiresAt === undefined)) {
    throw new AkvaultError(
      'profile.unsupported-kind',
      `Profile "${profile}" holds permanent keys; this endpoint hands out temporary keys only.`,
      { params: { profile }, hint: 'Use a temporary-key or agency profile, or start a session that issues temporary keys.' },
    );
  }
  return { profile, credentials };
}
