import { describe, expect, it } from 'vitest';
import type { ProfileView, SessionView } from '../../../preload/contract';
import { accountOf, buildRows, displayState, expiryOf, filterProfiles, indexSnapshot, matchesText } from '../../../renderer/src/lib/profiles';

const T = '2026-01-01T00:00:00.000Z';
const p = (name: string, extra: Partial<ProfileView> = {}): ProfileView => ({ id: `id-${name}`, name, kind: 'access-key', createdAt: T, updatedAt: T, ...extra });
const NOW = Date.parse('2026-06-01T12:00:00Z');
const later = (min: number) => new Date(NOW + min * 60_000).toISOString();

describe('profile list helpers', () => {
  const profiles = [
    p('prod-admin', { domainName: 'acme-prod', accessKeyId: 'QTWAOYTTINDUT2QVKYUC', region: 'cn-north-4' }),
    p('dev-temp', { kind: 'temporary-key', domainName: 'acme-dev', expiresAt: later(-5) }),
    p('ops', { kind: 'agency', domainName: 'acme-prod', agencyDomainName: 'acme-ops', agencyName: 'readonly', sourceId: 'id-prod-admin' }),
    p('Zeta-ci', { kind: 'token', expiresAt: later(30) }),
    p('alpha', { domainId: 'd123' }),
  ];
  const sessions: SessionView[] = [{ profile: 'prod-admin', kind: 'access-key', state: 'active', expiresAt: later(40) }];
  const index = indexSnapshot(profiles, sessions, [{ profile: 'ops', kind: 'refresh-failed', code: 'iam.unreachable', message: 'x', firstFailureAt: T, lastFailureAt: T, failures: 1 }]);

  it('derives the state a row shows: the session, else expiry of pasted keys, else idle', () => {
    expect(displayState(profiles[0]!, sessions[0], NOW)).toBe('active');
    expect(displayState(profiles[1]!, undefined, NOW)).toBe('expired');
    expect(displayState(profiles[3]!, undefined, NOW)).toBe('idle');
    expect(expiryOf(profiles[0]!, sessions[0])).toBe(later(40));
    expect(expiryOf(profiles[3]!, undefined)).toBe(later(30));
    expect(expiryOf(profiles[4]!, undefined)).toBeUndefined();
  });

  it("groups an agency under its delegating account, others under their own", () => {
    expect(accountOf(profiles[2]!)).toBe('acme-ops');
    expect(accountOf(profiles[0]!)).toBe('acme-prod');
    expect(accountOf(profiles[4]!)).toBe('d123');
    expect(accountOf(profiles[3]!)).toBeUndefined();
  });

  it('searches every label, all words must match, case-insensitively', () => {
    expect(matchesText(profiles[0]!, 'QTWAOY')).toBe(true);
    expect(matchesText(profiles[0]!, 'prod north')).toBe(true);
    expect(matchesText(profiles[0]!, 'prod south')).toBe(false);
    expect(matchesText(profiles[2]!, 'READONLY')).toBe(true);
    expect(matchesText(profiles[2]!, '')).toBe(true);
  });

  it('filters by text, kind, state and alarm', () => {
    const names = (f: Parameters<typeof filterProfiles>[1]) => filterProfiles(profiles, f, index, NOW).map((x) => x.name);
    expect(names({ text: 'acme', kind: 'all', state: 'all' })).toEqual(['prod-admin', 'dev-temp', 'ops']);
    expect(names({ text: '', kind: 'token', state: 'all' })).toEqual(['Zeta-ci']);
    expect(names({ text: '', kind: 'all', state: 'active' })).toEqual(['prod-admin']);
    expect(names({ text: '', kind: 'all', state: 'expired' })).toEqual(['dev-temp']);
    expect(names({ text: '', kind: 'all', state: 'alarm' })).toEqual(['ops']);
    expect(names({ text: '', kind: 'all', state: 'idle' })).toEqual(['ops', 'Zeta-ci', 'alpha']);
  });

  it('builds rows by name, or grouped by account with headers and the account-less last', () => {
    expect(buildRows(profiles, false).map((r) => (r.type === 'profile' ? r.profile.name : r.account))).toEqual(['alpha', 'dev-temp', 'ops', 'prod-admin', 'Zeta-ci']);
    const grouped = buildRows(profiles, true).map((r) => (r.type === 'group' ? `[${r.account ?? '-'} ${r.count}]` : r.profile.name));
    expect(grouped).toEqual(['[acme-dev 1]', 'dev-temp', '[acme-ops 1]', 'ops', '[acme-prod 1]', 'prod-admin', '[d123 1]', 'alpha', '[- 1]', 'Zeta-ci']);
    const keys = buildRows(profiles, true).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stays fast with 5,000 profiles', () => {
    const many = Array.from({ length: 5000 }, (_, i) => p(`profile-${i}`, { domainName: `account-${i % 40}` }));
    const idx = indexSnapshot(many, [], []);
    const t0 = performance.now();
    const rows = buildRows(filterProfiles(many, { text: 'profile-1', kind: 'all', state: 'all' }, idx, NOW), true);
    expect(rows.length).toBeGreaterThan(1000);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
