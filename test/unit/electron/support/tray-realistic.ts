/**
 * A realistic tray state for the reviewed text-tree snapshots: three accounts, eight profiles of every
 * kind, the default's agency session running, one profile failing to refresh (alarm raised), one with
 * pasted temporary keys that have expired, one permanent key kept in the KooCLI configuration, and the
 * local helper on.
 */
import type { Snapshot } from '../../../../preload/contract';
import { alarm, inMinutes, profile, session, snapshot } from './snapshots';

export function realisticTrayState(): Snapshot {
  const bob = profile('bob-dev', { domainName: 'acme-dev', userName: 'bob', region: 'cn-north-4' });
  const alice = profile('ops-alice', { domainName: 'acme-prod', userName: 'alice', region: 'cn-north-4', toolFiles: { koocli: true } });
  const agency = (name: string, account: string, source: typeof bob) =>
    profile(name, { kind: 'agency', accessKeyId: undefined, sourceId: source.id, sourceProfile: source.name, agencyDomainName: account, agencyName: name, durationSeconds: 3600, region: 'cn-north-4' });
  const profiles = [
    bob,
    profile('dev-temp', { kind: 'temporary-key', domainName: 'acme-dev', expiresAt: inMinutes(-20) }),
    profile('dev-token', { kind: 'token', accessKeyId: undefined, domainName: 'acme-dev', expiresAt: inMinutes(300) }),
    alice,
    agency('prod-admin', 'acme-prod', alice),
    agency('prod-readonly', 'acme-prod', alice),
    agency('audit-viewer', 'acme-audit', bob),
    profile('audit-signin', { kind: 'account', accessKeyId: undefined, domainName: 'acme-audit', userName: 'carol' }),
  ].map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as typeof p);
  return snapshot({
    profiles,
    defaultProfile: 'prod-admin',
    sessions: [
      session('prod-admin', { expiresAt: inMinutes(42), lastRefreshAt: inMinutes(-18), nextRefreshAt: inMinutes(32) }),
      session('audit-viewer', { state: 'failing', expiresAt: inMinutes(9), lastRefreshAt: inMinutes(-51) }),
    ],
    alarms: [alarm('audit-viewer', { code: 'iam.unreachable' })],
  });
}
