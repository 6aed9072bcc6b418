/**
 * Pure helpers over the snapshot's profiles: the state a row shows, the account a profile acts in,
 * search and filters, and the flat row list (group headers + profiles) the virtualised list renders.
 * No DOM, no React: unit-tested in Node.
 */
import type { AlarmView, ProfileKind, ProfileView, SessionView } from '../../../preload/contract';

/** What a row says about a profile's session. `idle`: no session running. */
export type DisplayState = 'idle' | 'active' | 'refreshing' | 'failing' | 'expired';
export type StateFilter = 'all' | DisplayState | 'alarm';
export type KindFilter = 'all' | ProfileKind;

export interface ProfileFilters {
  text: string;
  kind: KindFilter;
  state: StateFilter;
}

export interface SnapshotIndex {
  byId: ReadonlyMap<string, ProfileView>;
  byName: ReadonlyMap<string, ProfileView>;
  sessionByName: ReadonlyMap<string, SessionView>;
  alarmsByName: ReadonlyMap<string, readonly AlarmView[]>;
}

export const PROFILE_KINDS: readonly ProfileKind[] = ['access-key', 'temporary-key', 'token', 'account', 'ecs-agency', 'agency'];
export const DISPLAY_STATES: readonly DisplayState[] = ['idle', 'active', 'refreshing', 'failing', 'expired'];

export function indexSnapshot(profiles: readonly ProfileView[], sessions: readonly SessionView[], alarms: readonly AlarmView[]): SnapshotIndex {
  const alarmsByName = new Map<string, AlarmView[]>();
  for (const a of alarms) {
    const list = alarmsByName.get(a.profile);
    if (list) list.push(a);
    else alarmsByName.set(a.profile, [a]);
  }
  return {
    byId: new Map(profiles.map((p) => [p.id, p])),
    byName: new Map(profiles.map((p) => [p.name, p])),
    sessionByName: new Map(sessions.map((s) => [s.profile, s])),
    alarmsByName,
  };
}

/**
 * When the keys a profile hands out expire: the running session's expiry, else (temporary keys and
 * tokens) the expiry of the pasted credential. Undefined when nothing is known.
 */
export function expiryOf(profile: ProfileView, session: SessionView | undefined): string | undefined {
  return session?.expiresAt ?? (profile.kind === 'temporary-key' || profile.kind === 'token' ? profile.expiresAt : undefined);
}

export function displayState(profile: ProfileView, session: SessionView | undefined, now: number): DisplayState {
  if (session) return session.state;
  const pasted = profile.kind === 'temporary-key' || profile.kind === 'token' ? profile.expiresAt : undefined;
  if (pasted && Date.parse(pasted) <= now) return 'expired';
  return 'idle';
}

/** The account a profile's keys act in: an agency's delegating account, else its own account. */
export function accountOf(profile: ProfileView): string | undefined {
  if (profile.kind === 'agency') return profile.agencyDomainName ?? profile.agencyDomainId ?? profile.domainName ?? profile.domainId;
  return profile.domainName ?? profile.domainId;
}

function haystack(p: ProfileView): string {
  return [p.name, p.kind, p.domainName, p.domainId, p.region, p.accessKeyId, p.userName, p.agencyName, p.agencyDomainName, p.agencyDomainId, p.sourceProfile, p.description]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

/** Search text: every whitespace-separated word must occur in one of the profile's labels. */
export function matchesText(p: ProfileView, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const h = haystack(p);
  return words.every((w) => h.includes(w));
}

export function filterProfiles(profiles: readonly ProfileView[], filters: ProfileFilters, index: SnapshotIndex, now: number): ProfileView[] {
  const out: ProfileView[] = [];
  for (const p of profiles) {
    if (filters.kind !== 'all' && p.kind !== filters.kind) continue;
    if (filters.state === 'alarm') {
      if (!index.alarmsByName.has(p.name)) continue;
    } else if (filters.state !== 'all' && displayState(p, index.sessionByName.get(p.name), now) !== filters.state) continue;
    if (!matchesText(p, filters.text)) continue;
    out.push(p);
  }
  return out;
}

export type ListRow = { type: 'group'; key: string; account: string | null; count: number } | { type: 'profile'; key: string; profile: ProfileView };

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byName = (a: ProfileView, b: ProfileView) => collator.compare(a.name, b.name);

/**
 * The rows the list renders: profiles by name, or grouped by account (accounts by name, the profiles
 * without an account last) with one header row per group.
 */
export function buildRows(profiles: readonly ProfileView[], groupByAccount: boolean): ListRow[] {
  const sorted = [...profiles].sort(byName);
  if (!groupByAccount) return sorted.map((p) => ({ type: 'profile', key: p.id, profile: p }));
  const groups = new Map<string | null, ProfileView[]>();
  for (const p of sorted) {
    const account = accountOf(p) ?? null;
    const list = groups.get(account);
    if (list) list.push(p);
    else groups.set(account, [p]);
  }
  const accounts = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : collator.compare(a, b)));
  const rows: ListRow[] = [];
  for (const account of accounts) {
    const items = groups.get(account)!;
    rows.push({ type: 'group', key: account === null ? 'group-none' : `group:${account}`, account, count: items.length });
    for (const p of items) rows.push({ type: 'profile', key: p.id, profile: p });
  }
  return rows;
}
