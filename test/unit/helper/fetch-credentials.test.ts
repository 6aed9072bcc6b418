import { describe, expect, it } from 'vitest';
import { AkvaultError } from '../../../main/core/errors';
import { fetchCredentials } from '../../../main/core/helper/fetch-credentials';
import type { CredentialProvider, SessionCredentials } from '../../../main/core/sessions/types';
import { ManualClock } from '../../support/manual-clock';

function provider(creds: SessionCredentials, defaultProfile: string | null = 'main'): CredentialProvider & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    listProfiles: async () => [],
    getDefaultProfile: async () => defaultProfile,
    getCredentials: async (profile) => {
      asked.push(profile);
      return creds;
    },
  };
}

const consumer = { kind: 'helper', client: 'test' } as const;

describe('fetchCredentials', () => {
  const clock = new ManualClock();
  const future = new Date(clock.now() + 60_000).toISOString();

  it('resolves null to the default profile', async () => {
    const p = provider({ accessKeyId: 'AK', secretAccessKey: 'SK' });
    const r = await fetchCredentials(p, clock, { profile: null, consumer, requireTemporary: false });
    expect(r.profile).toBe('main');
    expect(p.asked).toEqual(['main']);
  });

  it('reports a missing default as profile.not-found', async () => {
    const p = provider({ accessKeyId: 'AK', secretAccessKey: 'SK' }, null);
    await expect(fetchCredentials(p, clock, { profile: null, consumer, requireTemporary: false })).rejects.toMatchObject({
      code: 'profile.not-found',
    });
  });

  it('refuses keys that are already expired by the clock', async () => {
    const p = provider({ accessKeyId: 'AK', secretAccessKey: 'SK', securityToken: 'ST', expiresAt: new Date(clock.now()).toISOString() });
    const err = await fetchCredentials(p, clock, { profile: 'x', consumer, requireTemporary: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AkvaultError);
    expect((err as AkvaultError).code).toBe('session.expired');
    expect((err as AkvaultError).message).not.toContain('SK');
  });

  it('requires a token and an expiry when asked to', async () => {
    const perm = provider({ accessKeyId: 'AK', secretAccessKey: 'SK' });
    await expect(fetchCredentials(perm, clock, { profile: 'x', consumer, requireTemporary: true })).rejects.toMatchObject({
      code: 'profile.unsupported-kind',
    });
    const temp = provider({ accessKeyId: 'AK', secretAccessKey: 'SK', securityToken: 'ST', expiresAt: future });
    await expect(fetchCredentials(temp, clock, { profile: 'x', consumer, requireTemporary: true })).resolves.toMatchObject({
      profile: 'x',
    });
  });

  it('refuses an unreadable expiry', async () => {
    const p = provider({ accessKeyId: 'AK', secretAccessKey: 'SK', expiresAt: 'soon' });
    await expect(fetchCredentials(p, clock, { profile: 'x', consumer, requireTemporary: false })).rejects.toMatchObject({
      code: 'internal',
    });
  });
});
