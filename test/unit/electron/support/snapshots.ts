/**
 * Snapshots for tray, notification and IPC tests: realistic view state built in one line per case.
 */
import type { AlarmView, ProfileView, SessionView, Snapshot } from '../../../../preload/contract';
import { DEFAULT_SETTINGS } from '../../../../main/core/settings';

export const NOW = Date.parse('2026-11-22T09:00:00.000Z');
export const inMinutes = (m: number) => new Date(NOW + m * 60_000).toISOString();

let seq = 0;
export function profile(name: string, over: Partial<ProfileView> = {}): ProfileView {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    name,
    kind: 'access-key',
    accessKeyId: `AK${String(seq).padStart(18, '0')}`,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

export function session(profileName: string, over: Partial<SessionView> = {}): SessionView {
  return { profile: profileName, kind: 'agency', state: 'active', ...over };
}

export function alarm(profileName: string, over: Partial<AlarmView> = {}): AlarmView {
  return {
    profile: profileName,
    kind: 'refresh-failed',
    code: 'iam.unreachable',
    message: 'IAM could not be reached (ECONNREFUSED). akvault retries on its own.',
    firstFailureAt: inMinutes(-3),
    lastFailureAt: inMinutes(-1),
    failures: 2,
    ...over,
  };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    version: 1,
    profiles: [],
    defaultProfile: null,
    keychain: { state: 'available', backend: 'Secret Service' },
    sessions: [],
    alarms: [],
    settings: { ...DEFAULT_SETTINGS },
    helper: { state: 'running', url: 'http://127.0.0.1:47123', port: 47123 },
    locale: 'en',
    toolFileProblems: [],
    ...over,
  };
}

/** A small team's profiles: two accounts, an agency into prod, pasted temporary keys. */
export function teamProfiles(): ProfileView[] {
  const ops = profile('ops-alice', { domainName: 'acme-ops', userName: 'alice', region: 'cn-north-4' });
  return [
    ops,
    profile('prod-admin', { kind: 'agency', accessKeyId: undefined, sourceId: ops.id, sourceProfile: 'ops-alice', agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds: 3600, region: 'cn-north-4' }),
    profile('dev-temp', { kind: 'temporary-key', domainName: 'acme-dev', expiresAt: inMinutes(90) }),
    profile('scratch'),
  ].map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as ProfileView);
}
