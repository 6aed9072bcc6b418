/**
 * The profiles part of the tray menu, grouped by account under a header per account.
 *
 * Up to MAX_INLINE_PROFILES every profile is listed. Past that the menu stays bounded whatever the
 * number of profiles: inline only a shortlist (the default, running sessions, failing or expired
 * profiles, then those recently used from the tray; at most MAX_SHORTLIST), then "All profiles ▸" with
 * a submenu per account (at most MAX_BROWSE_ACCOUNTS accounts of at most MAX_BROWSE_PER_ACCOUNT
 * profiles, each with a "N more — search…" line), and "Search profiles…" for the rest.
 */
import type { ProfileView } from '../../preload/contract';
import { item, profileEntry, separator, type EntryContext } from './tray-profile-entry';
import type { MenuItemModel } from './tray-menu-model';

export const MAX_INLINE_PROFILES = 15;
export const MAX_SHORTLIST = 10;
export const MAX_BROWSE_ACCOUNTS = 12;
export const MAX_BROWSE_PER_ACCOUNT = 20;

/** The account a profile acts in: for an agency, the delegating account. */
export function accountOf(p: ProfileView): string | undefined {
  if (p.kind === 'agency') return p.agencyDomainName ?? p.agencyDomainId ?? p.domainName ?? p.domainId;
  return p.domainName ?? p.domainId;
}

// One collator for every comparison: String#localeCompare builds one per call, which dominates
// building the menu for thousands of profiles.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

type Group = [account: string | undefined, profiles: ProfileView[]];

/** Profiles by account, accounts sorted (no account last); with `sortFirst`, only that many groups get their profiles sorted. */
export function groupByAccount(profiles: readonly ProfileView[], sortFirst = Infinity): Group[] {
  const groups = new Map<string | undefined, ProfileView[]>();
  for (const p of profiles) {
    const key = accountOf(p);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  // Named accounts alphabetically; profiles without an account last.
  const sorted = [...groups].sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : collator.compare(a, b)));
  for (const [, list] of sorted.slice(0, sortFirst)) list.sort((a, b) => collator.compare(a.name, b.name));
  return sorted;
}

/**
 * An account header. Type 'header' becomes a real section header on macOS 14+ and a greyed
 * "── acme-dev ──" line elsewhere (tray-template.ts), so it never reads like a greyed action.
 */
const accountHeader = (ctx: EntryContext, account: string | undefined, idBase = ''): MenuItemModel => ({
  id: `${idBase}account:${account ?? ''}`,
  type: 'header',
  label: account ?? ctx.t.t('tray.account.none'),
  enabled: false,
});

function grouped(ctx: EntryContext, profiles: readonly ProfileView[]): MenuItemModel[] {
  const out: MenuItemModel[] = [];
  for (const [account, list] of groupByAccount(profiles)) {
    out.push(accountHeader(ctx, account));
    for (const p of list) out.push(profileEntry(ctx, p));
  }
  return out;
}

/** Names the user most likely wants, most important first: default, running, in trouble, recently used. */
function shortlist(ctx: EntryContext, byName: Map<string, ProfileView>, recent: readonly string[]): ProfileView[] {
  const { s } = ctx;
  const picked = new Map<string, ProfileView>();
  const add = (name: string | null | undefined) => {
    if (!name || picked.size >= MAX_SHORTLIST || picked.has(name)) return;
    const p = byName.get(name);
    if (p) picked.set(name, p);
  };
  add(s.defaultProfile);
  for (const x of s.sessions) add(x.profile);
  for (const a of s.alarms) add(a.profile);
  for (const name of recent) add(name);
  return [...picked.values()];
}

function browse(ctx: EntryContext, all: readonly ProfileView[]): MenuItemModel {
  const { t } = ctx;
  // Only the accounts shown need their profiles in order: sorting all of them dominates at thousands.
  const groups = groupByAccount(all, MAX_BROWSE_ACCOUNTS);
  const search = (id: string, label: string) => item(id, label, { type: 'search-profiles' });
  const accounts = groups.slice(0, MAX_BROWSE_ACCOUNTS).map(([account, list]): MenuItemModel => {
    const id = `all:account:${account ?? ''}`;
    const submenu = list.slice(0, MAX_BROWSE_PER_ACCOUNT).map((p) => profileEntry(ctx, p, 'all:'));
    const more = list.length - MAX_BROWSE_PER_ACCOUNT;
    if (more > 0) submenu.push(search(`${id}:more`, t.t('tray.moreInAccount', { count: more })));
    return { id, type: 'submenu', label: `${account ?? t.t('tray.account.none')} (${list.length})`, enabled: true, submenu };
  });
  const moreAccounts = groups.length - MAX_BROWSE_ACCOUNTS;
  if (moreAccounts > 0) accounts.push(search('all:more-accounts', t.t('tray.moreAccounts', { count: moreAccounts })));
  return { id: 'all-profiles', type: 'submenu', label: t.t('tray.allProfiles', { count: all.length }), enabled: true, submenu: accounts };
}

export function profileListItems(ctx: EntryContext, recent: readonly string[]): MenuItemModel[] {
  const { s, t } = ctx;
  if (s.profiles.length === 0) return [item('profiles', t.t('tray.noProfiles'), undefined, false)];
  if (s.profiles.length <= MAX_INLINE_PROFILES) return grouped(ctx, s.profiles);
  const byName = new Map(s.profiles.map((p) => [p.name, p]));
  const short = grouped(ctx, shortlist(ctx, byName, recent));
  // A line under the short list, so "All profiles" does not read as part of its last account.
  if (short.length) short.push(separator('all-profiles'));
  return [...short, browse(ctx, s.profiles), item('search-profiles', t.t('tray.searchProfiles'), { type: 'search-profiles' })];
}
