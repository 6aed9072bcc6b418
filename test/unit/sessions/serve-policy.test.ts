import { describe, expect, it } from 'vitest';
import { describeEndpoint, resolveEndpoints } from '../../../main/core/profiles/endpoints';
import type { Profile } from '../../../main/core/profiles/schema';
import { fitToHandOut, fitToServeStale, fitToSign, renewLeadMs, servedMinimumMs } from '../../../main/core/sessions/serve-policy';

const MIN = 60_000;
const at = (issuedMin: number, lifeMin: number) => ({ issuedAt: issuedMin * MIN, expiresAt: (issuedMin + lifeMin) * MIN });

describe('served minimum', () => {
  it('keeps 45 minutes when the duration allows, else the life minus five minutes', () => {
    expect(servedMinimumMs(60 * MIN)).toBe(45 * MIN);
    expect(servedMinimumMs(12 * 60 * MIN)).toBe(45 * MIN);
    expect(servedMinimumMs(50 * MIN)).toBe(45 * MIN);
    expect(servedMinimumMs(45 * MIN)).toBe(40 * MIN);
    expect(servedMinimumMs(15 * MIN)).toBe(10 * MIN);
    expect(servedMinimumMs(3 * MIN)).toBe(0);
  });

  it('one-hour keys are handed out for their first 15 minutes, then re-minted', () => {
    const keys = at(0, 60);
    expect(fitToHandOut(keys, 14 * MIN, 10 * MIN)).toBe(true);
    expect(fitToHandOut(keys, 15 * MIN, 10 * MIN)).toBe(false);
    // Still good to sign the next link of a chain, and to answer a refreshing client from the cache.
    expect(fitToSign(keys, 40 * MIN, 10 * MIN)).toBe(true);
    expect(fitToServeStale(keys, 58 * MIN)).toBe(true);
    expect(fitToServeStale(keys, 59 * MIN + 1)).toBe(false);
  });

  it('a larger refresh margin renews earlier than the served minimum', () => {
    expect(renewLeadMs(at(0, 12 * 60), 2 * 60 * MIN)).toBe(2 * 60 * MIN);
    expect(renewLeadMs(at(0, 60), 10 * MIN)).toBe(45 * MIN);
    expect(renewLeadMs(at(0, 15), 10 * MIN)).toBe(10 * MIN);
  });
});

describe('endpoint resolution', () => {
  const base = { createdAt: '2001-01-01T00:00:00Z', updatedAt: '2001-01-01T00:00:00Z' };
  const ops = { ...base, id: 'a', name: 'ops', kind: 'access-key', accessKeyId: 'AK', iamEndpoint: 'https://iam.partner.example' } as Profile;
  const mid = { ...base, id: 'b', name: 'mid', kind: 'agency', sourceId: 'a', agencyDomainName: 'd', agencyName: 'n', durationSeconds: 3600, stsEndpoint: 'https://sts.partner.example' } as Profile;
  const top = { ...base, id: 'c', name: 'top', kind: 'agency', sourceId: 'b', agencyDomainName: 'd', agencyName: 'n', durationSeconds: 3600 } as Profile;
  const all = [ops, mid, top];
  const lookup = (id: string) => all.find((p) => p.id === id);

  it('walks the chain for each endpoint separately and says where each came from', async () => {
    const e = await resolveEndpoints(top, lookup);
    expect(e.iam).toEqual({ url: 'https://iam.partner.example', from: 'source', sourceName: 'ops' });
    expect(e.sts).toEqual({ url: 'https://sts.partner.example', from: 'source', sourceName: 'mid' });
    expect(describeEndpoint(e.iam, 'https://iam.myhuaweicloud.com')).toBe('https://iam.partner.example (inherited from source "ops")');
    expect((await resolveEndpoints(ops, lookup)).iam).toEqual({ url: 'https://iam.partner.example', from: 'profile' });
  });

  it('falls back to the default, also for a dangling source or a loop left by a hand edit', async () => {
    const lone = { ...top, sourceId: 'missing' } as Profile;
    expect((await resolveEndpoints(lone, lookup)).iam).toEqual({ url: undefined, from: 'default' });
    const x = { ...top, id: 'x', sourceId: 'y' } as Profile;
    const y = { ...top, id: 'y', sourceId: 'x' } as Profile;
    expect((await resolveEndpoints(x, (id) => [x, y].find((p) => p.id === id))).iam.from).toBe('default');
    expect(describeEndpoint({ url: undefined, from: 'default' }, 'https://iam.myhuaweicloud.com')).toMatch(/^https:\/\/iam\.myhuaweicloud\.com \(default/);
  });
});
