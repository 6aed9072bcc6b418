/**
 * Snapshots for renderer-only browser tests: a small realistic set of profiles of every kind (with
 * an agency chain, a running session, an alarm), and a generator for thousands.
 */
import type { AlarmView, AuditEntryView, DiagnosticsView, ProfileView, Snapshot } from '../../../preload/contract';

const T0 = '2026-11-01T00:00:00.000Z';
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

export const ids = {
  prod: '0b9f7a52-9a4d-4c1e-8d7b-1f0a7f1c0001',
  devTemp: '0b9f7a52-9a4d-4c1e-8d7b-1f0a7f1c0002',
  ops: '0b9f7a52-9a4d-4c1e-8d7b-1f0a7f1c0003',
  audit: '0b9f7a52-9a4d-4c1e-8d7b-1f0a7f1c0004',
  token: '0b9f7a52-9a4d-4c1e-8d7b-1f0a7f1c0005',
  console: '0b9f7a52-9a4d-4c1e-8d7b-1f0a7f1c0006',
  ecs: '0b9f7a52-9a4d-4c1e-8d7b-1f0a7f1c0007',
};

export function profiles(): ProfileView[] {
  return [
    { id: ids.prod, name: 'prod-admin', kind: 'access-key', accessKeyId: 'QTWAOYTTINDUT2QVKYUC', domainName: 'acme-prod', userName: 'alice', userId: '0a1b2c3d4e5f', region: 'cn-north-4', description: 'Production admin keys', createdAt: T0, updatedAt: T0 },
    { id: ids.devTemp, name: 'dev-temp', kind: 'temporary-key', accessKeyId: 'P0HEQUQ4XBWXY5WD69X0', domainName: 'acme-dev', region: 'cn-east-3', expiresAt: inMinutes(42), createdAt: T0, updatedAt: T0 },
    { id: ids.ops, name: 'ops-readonly', kind: 'agency', sourceId: ids.prod, sourceProfile: 'prod-admin', agencyDomainName: 'acme-ops', agencyName: 'readonly_agency', durationSeconds: 3600, region: 'cn-north-4', createdAt: T0, updatedAt: T0 },
    { id: ids.audit, name: 'audit-chain', kind: 'agency', sourceId: ids.ops, sourceProfile: 'ops-readonly', agencyDomainId: '9f8e7d6c5b4a', agencyName: 'auditor', durationSeconds: 3600, createdAt: T0, updatedAt: T0 },
    { id: ids.token, name: 'ci-token', kind: 'token', domainName: 'acme-dev', expiresAt: inMinutes(300), durationSeconds: 3600, createdAt: T0, updatedAt: T0 },
    { id: ids.console, name: 'console-bob', kind: 'account', domainName: 'acme-prod', userName: 'bob', mfaUserId: '5c6d7e8f9a0b', createdAt: T0, updatedAt: T0 },
    { id: ids.ecs, name: 'ecs-worker', kind: 'ecs-agency', createdAt: T0, updatedAt: T0 },
  ];
}

export const alarm = (): AlarmView => ({
  profile: 'ops-readonly',
  kind: 'refresh-failed',
  code: 'iam.unreachable',
  message: 'IAM cannot be reached.',
  firstFailureAt: ago(12),
  lastFailureAt: ago(1),
  failures: 4,
});

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    version: 1,
    defaultProfile: 'prod-admin',
    keychain: { state: 'available', backend: 'Secret Service' },
    sessions: [
      { profile: 'dev-temp', kind: 'temporary-key', state: 'active', expiresAt: inMinutes(42), lastRefreshAt: ago(3) },
      { profile: 'prod-admin', kind: 'access-key', state: 'active', expiresAt: inMinutes(4), lastRefreshAt: ago(56), nextRefreshAt: inMinutes(1) },
      { profile: 'ops-readonly', kind: 'agency', state: 'failing', expiresAt: inMinutes(17), lastRefreshAt: ago(43) },
    ],
    alarms: [alarm()],
    settings: {
      refreshMarginSeconds: 600,
      clipboardClearSeconds: 45,
      defaultDurationSeconds: 3600,
      helperEnabled: true,
      helperPort: 0,
      launchAtLogin: false,
      theme: 'light',
      language: 'en',
      notifyBeforeExpiryMinutes: 5,
    },
    helper: { state: 'running', url: 'http://127.0.0.1:47123', port: 47123 },
    locale: 'en',
    toolFileProblems: [],
    profiles: profiles(),
    ...overrides,
  };
}

/** `n` profiles over 40 accounts, every kind, with a few sessions. */
export function manyProfiles(n: number): ProfileView[] {
  const kinds = ['access-key', 'temporary-key', 'token', 'account', 'agency'] as const;
  const out: ProfileView[] = [];
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length]!;
    const account = `account-${String(i % 40).padStart(2, '0')}`;
    const p: ProfileView = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `profile-${String(i).padStart(5, '0')}`,
      kind,
      domainName: account,
      region: i % 2 ? 'cn-north-4' : 'ap-southeast-1',
      createdAt: T0,
      updatedAt: T0,
    };
    if (kind === 'access-key' || kind === 'temporary-key') p.accessKeyId = `AK${String(i).padStart(18, '0')}`;
    if (kind === 'temporary-key' || kind === 'token') p.expiresAt = inMinutes(30 + (i % 600));
    if (kind === 'account') p.userName = `user${i}`;
    if (kind === 'agency') Object.assign(p, { sourceId: out[i - 5]?.id ?? out[0]!.id, sourceProfile: out[i - 5]?.name ?? out[0]!.name, agencyDomainName: account, agencyName: 'admin' });
    out.push(p);
  }
  return out;
}

/** A report as `akvault doctor` gives it on a GNOME desktop with a stale helper.json and a skewed clock. */
export function diagnosticsReport(): DiagnosticsView {
  return {
    ok: false,
    generatedAt: ago(0),
    host: 'app',
    checks: [
      { id: 'secrets', status: 'ok', summary: 'keytar:linux is available.', details: { backend: 'keytar:linux', state: 'available' } },
      { id: 'data-dir', status: 'ok', summary: '/home/alice/.config/akvault is private to you.', details: { path: '/home/alice/.config/akvault', mode: '0700' } },
      { id: 'profiles', status: 'ok', summary: '7 profile(s) read; a backup exists.', details: { profiles: 7 } },
      {
        id: 'helper',
        status: 'fail',
        summary: '/home/alice/.config/akvault/helper.json is stale: process 48211 is not running.',
        fix: "Remove it (rm '/home/alice/.config/akvault/helper.json'), or start the akvault app or `akvault serve` again (either replaces it).",
        details: { pid: 48211 },
      },
      {
        id: 'clock',
        status: 'fail',
        summary: "This machine's clock is 1200 s behind IAM (iam.myhuaweicloud.com).",
        fix: 'Turn on automatic time (NTP): `timedatectl set-ntp true` on Linux, Date & Time settings on macOS and Windows.',
        details: { skewSeconds: -1200 },
      },
      { id: 'proxy', status: 'ok', summary: "The app uses the operating system's proxy settings and certificate store (Electron's network stack).", details: {} },
      { id: 'tool-files', status: 'ok', summary: 'akvault holds keys in: koocli (prod-admin).', details: {} },
      {
        id: 'tray',
        status: 'warn',
        summary: 'Nothing on this desktop shows tray icons (no StatusNotifierWatcher).',
        fix: 'Enable a system tray / status notifier area in your desktop or panel.',
        details: {},
      },
      { id: 'versions', status: 'info', summary: 'akvault 0.1.0, Node 22.20.0, Electron 45.4.1, linux', details: {} },
    ],
  };
}

export function auditEntries(): AuditEntryView[] {
  return [
    { at: ago(2), event: 'served', profile: 'prod-admin', to: { kind: 'cli', command: 'akvault exec -- hcloud ecs list' } },
    { at: ago(3), event: 'issued', profile: 'dev-temp', accessKeyId: 'P0HEQUQ4XBWXY5WD69X0', expiresAt: inMinutes(42), to: { kind: 'broker' } },
    { at: ago(9), event: 'served', profile: 'ops-readonly', to: { kind: 'helper', client: 'terraform' } },
    { at: ago(12), event: 'alarm-raised', profile: 'ops-readonly', code: 'iam.unreachable' },
    { at: ago(30), event: 'session-started', profile: 'dev-temp', to: { kind: 'tray' } },
    { at: ago(61), event: 'served', profile: 'prod-admin', to: { kind: 'ui', action: 'copy-export-bash' } },
  ];
}

export function alarmHistory(): AlarmView[] {
  return [alarm(), { profile: 'dev-temp', kind: 'expired', code: 'session.expired', message: 'The session has expired.', firstFailureAt: ago(600), lastFailureAt: ago(590), failures: 1, clearedAt: ago(580) }];
}
