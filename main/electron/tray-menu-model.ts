/**
 * The tray menu as plain data, from the snapshot: a pure function, so every state (idle, a session
 * running, alarms, many profiles, either language) is tested without Electron. tray-template.ts turns
 * it into Electron's menu template; tray.ts renders it again on every change and every minute.
 *
 * Layout, top to bottom: alarms (and a keychain problem), the default profile with its time left and
 * what can be done with it, the profiles grouped by account (a radio marks the default; past
 * MAX_INLINE_PROFILES one submenu per account and "Search profiles…"), then the app's own items.
 */
import type { CopyWhat, ProfileView, Snapshot } from '../../preload/contract';
import type { Translator } from '../../renderer/i18n';
import { expiryOf } from './tray-state';

export const MAX_INLINE_PROFILES = 15;
export const MAX_ALARM_ITEMS = 3;
const MAX_MESSAGE_CHARS = 80;

export type TrayAction =
  | { type: 'show-window' }
  | { type: 'hide-window' }
  | { type: 'search-profiles' }
  | { type: 'manage-profiles' }
  | { type: 'show-alarms' }
  | { type: 'set-default'; profile: string }
  | { type: 'start-session'; profile: string }
  | { type: 'stop-session'; profile: string }
  | { type: 'refresh-now'; profile: string }
  | { type: 'copy'; profile: string; what: CopyWhat }
  | { type: 'open-console'; profile: string }
  | { type: 'set-helper'; enabled: boolean }
  | { type: 'lock-vault' }
  | { type: 'quit' };

export interface MenuItemModel {
  /** Stable across renders (tests and the test hook find items by it). */
  id: string;
  type: 'normal' | 'separator' | 'radio' | 'checkbox' | 'submenu';
  label?: string;
  enabled: boolean;
  checked?: boolean;
  submenu?: MenuItemModel[];
  action?: TrayAction;
}
export type MenuModel = MenuItemModel[];

export interface TrayMenuState {
  snapshot: Snapshot | null;
  windowVisible: boolean;
}

/** Kinds whose keys akvault mints and can therefore renew on demand. */
const MINTED = new Set<ProfileView['kind']>(['token', 'account', 'ecs-agency', 'agency']);

const item = (id: string, label: string, action?: TrayAction, enabled = true): MenuItemModel => ({ id, type: 'normal', label, enabled, ...(action ? { action } : {}) });
const separator = (id: string): MenuItemModel => ({ id: `sep:${id}`, type: 'separator', enabled: true });

export function buildTrayMenu(state: TrayMenuState, t: Translator, now: number): MenuModel {
  const s = state.snapshot;
  const menu: MenuModel = [];
  if (s) {
    const top = [...problemItems(s, t)];
    if (top.length) menu.push(...top, separator('alarms'));
    menu.push(...defaultProfileItems(s, t, now), separator('default'));
    menu.push(...profileItems(s, t, now), separator('profiles'));
    menu.push(item('manage-profiles', t.t('tray.manageProfiles'), { type: 'manage-profiles' }));
    menu.push(helperItem(s, t));
    if (s.vault?.state === 'unlocked') menu.push(item('vault:lock', t.t('tray.vault.lock'), { type: 'lock-vault' }));
    menu.push(separator('app'));
  }
  menu.push(
    state.windowVisible ? item('window', t.t('tray.hide'), { type: 'hide-window' }) : item('window', t.t('tray.show'), { type: 'show-window' }),
    item('quit', t.t('tray.quit'), { type: 'quit' }),
  );
  return menu;
}

function problemItems(s: Snapshot, t: Translator): MenuItemModel[] {
  const out: MenuItemModel[] = [];
  const vault = s.vault?.state;
  if (vault === 'locked' || vault === 'absent') {
    // The vault file (no OS keychain): it is unlocked or created in the window.
    out.push(item('vault', t.t(vault === 'locked' ? 'tray.vault.locked' : 'tray.vault.absent'), { type: 'show-window' }));
  } else if (s.keychain.state !== 'available') {
    out.push(item('keychain', t.t(s.keychain.state === 'locked' ? 'tray.keychain.locked' : 'tray.keychain.unavailable'), { type: 'show-window' }));
  }
  for (const a of s.alarms.slice(0, MAX_ALARM_ITEMS)) {
    const key = a.kind === 'expired' ? 'tray.alarm.expired' : 'tray.alarm.refreshFailed';
    out.push(item(`alarm:${a.profile}`, t.t(key, { profile: a.profile, message: shorten(a.message) }), { type: 'show-alarms' }));
  }
  const more = s.alarms.length - MAX_ALARM_ITEMS;
  if (more > 0) out.push(item('alarm:more', t.t('tray.alarm.more', { count: more }), { type: 'show-alarms' }));
  return out;
}

function defaultProfileItems(s: Snapshot, t: Translator, now: number): MenuItemModel[] {
  const name = s.defaultProfile;
  const p = name ? s.profiles.find((x) => x.name === name) : undefined;
  if (!name || !p) return [item('default', t.t('tray.default.none'), undefined, false)];
  const expiry = expiryOf(s, name);
  const header =
    expiry === undefined
      ? t.t('tray.default.header', { profile: name })
      : expiry <= now
        ? t.t('tray.default.headerExpired', { profile: name })
        : t.t('tray.default.headerWithTime', { profile: name, time: t.duration(expiry - now) });
  const running = s.sessions.some((x) => x.profile === name);
  const copy = (what: CopyWhat): TrayAction => ({ type: 'copy', profile: name, what });
  const out: MenuItemModel[] = [
    item('default', header, undefined, false),
    running ? item('session:stop', t.t('tray.session.stop'), { type: 'stop-session', profile: name }) : item('session:start', t.t('tray.session.start'), { type: 'start-session', profile: name }),
    {
      id: 'copy:export',
      type: 'submenu',
      label: t.t('tray.copyExport'),
      enabled: true,
      submenu: [
        item('copy:export-bash', t.t('tray.copyExport.bash'), copy('export-bash')),
        item('copy:export-fish', t.t('tray.copyExport.fish'), copy('export-fish')),
        item('copy:export-powershell', t.t('tray.copyExport.powershell'), copy('export-powershell')),
      ],
    },
    item('copy:koocli', t.t('tray.copyKoocli'), copy('koocli')),
    item('copy:ak', t.t('tray.copyAk'), copy('ak')),
    item('copy:sk', t.t('tray.copySk'), copy('sk')),
  ];
  // Only temporary keys have a security token; permanent AK/SK have none to copy.
  if (p.kind !== 'access-key') out.push(item('copy:token', t.t('tray.copyToken'), copy('token')));
  if (MINTED.has(p.kind)) out.push(item('refresh-now', t.t('tray.refreshNow'), { type: 'refresh-now', profile: name }));
  out.push(item('open-console', t.t('tray.openConsole'), { type: 'open-console', profile: name }));
  return out;
}

/** The account a profile acts in: for an agency, the delegating account. */
export function accountOf(p: ProfileView): string | undefined {
  if (p.kind === 'agency') return p.agencyDomainName ?? p.agencyDomainId ?? p.domainName ?? p.domainId;
  return p.domainName ?? p.domainId;
}

// One collator for every comparison: String#localeCompare builds one per call, which dominates
// building the menu for thousands of profiles.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function groupByAccount(profiles: readonly ProfileView[]): Array<[string | undefined, ProfileView[]]> {
  const groups = new Map<string | undefined, ProfileView[]>();
  for (const p of profiles) {
    const key = accountOf(p);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  for (const list of groups.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  // Named accounts alphabetically; profiles without an account last.
  return [...groups].sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : collator.compare(a, b)));
}

/** Sessions and alarms by profile name, built once per menu so each row is a lookup, not a scan. */
interface SnapshotIndex {
  sessions: Map<string, Snapshot['sessions'][number]>;
  alarmed: Set<string>;
}

function indexSnapshot(s: Snapshot): SnapshotIndex {
  return { sessions: new Map(s.sessions.map((x) => [x.profile, x])), alarmed: new Set(s.alarms.map((a) => a.profile)) };
}

function profileLabel(ix: SnapshotIndex, p: ProfileView, t: Translator, now: number): string {
  const profile = p.name;
  if (ix.alarmed.has(profile)) return t.t('tray.profile.alarm', { profile });
  const session = ix.sessions.get(profile);
  // Same rule as expiryOf(): the running session's expiry, else a pasted credential's own.
  const expiry = session?.expiresAt ? Date.parse(session.expiresAt) : hasOwnExpiry(p) && p.expiresAt ? Date.parse(p.expiresAt) : undefined;
  if (expiry !== undefined && (session || hasOwnExpiry(p))) {
    return expiry <= now ? t.t('tray.profile.expired', { profile }) : t.t('tray.profile.withTime', { profile, time: t.duration(expiry - now) });
  }
  return session ? t.t('tray.profile.active', { profile }) : profile;
}

const hasOwnExpiry = (p: ProfileView) => p.kind === 'temporary-key' || p.kind === 'token';

function profileRadio(s: Snapshot, ix: SnapshotIndex, p: ProfileView, t: Translator, now: number): MenuItemModel {
  return { id: `profile:${p.name}`, type: 'radio', label: profileLabel(ix, p, t, now), enabled: true, checked: p.name === s.defaultProfile, action: { type: 'set-default', profile: p.name } };
}

function profileItems(s: Snapshot, t: Translator, now: number): MenuItemModel[] {
  if (s.profiles.length === 0) return [item('profiles', t.t('tray.noProfiles'), undefined, false)];
  const groups = groupByAccount(s.profiles);
  const ix = indexSnapshot(s);
  const accountLabel = (a: string | undefined) => a ?? t.t('tray.account.none');
  if (s.profiles.length <= MAX_INLINE_PROFILES) {
    const out: MenuItemModel[] = [item('profiles', t.t('tray.profiles'), undefined, false)];
    for (const [account, list] of groups) {
      out.push(item(`account:${account ?? ''}`, accountLabel(account), undefined, false));
      out.push(...list.map((p) => profileRadio(s, ix, p, t, now)));
    }
    return out;
  }
  return [
    item('profiles', t.t('tray.profiles'), undefined, false),
    ...groups.map(([account, list]): MenuItemModel => ({
      id: `account:${account ?? ''}`,
      type: 'submenu',
      label: `${accountLabel(account)} (${list.length})`,
      enabled: true,
      submenu: list.map((p) => profileRadio(s, ix, p, t, now)),
    })),
    item('search-profiles', t.t('tray.searchProfiles'), { type: 'search-profiles' }),
  ];
}

function helperItem(s: Snapshot, t: Translator): MenuItemModel {
  const h = s.helper;
  const on = h.state === 'running' || h.state === 'starting';
  const label =
    h.state === 'running'
      ? t.t('tray.helper.on', { address: h.url ? new URL(h.url).host : '127.0.0.1' })
      : h.state === 'starting'
        ? t.t('tray.helper.starting')
        : h.state === 'failed'
          ? t.t('tray.helper.failed')
          : t.t('tray.helper.off');
  return { id: 'helper', type: 'checkbox', label, enabled: true, checked: on, action: { type: 'set-helper', enabled: !on } };
}

function shorten(message: string): string {
  const one = message.replace(/\s+/g, ' ').trim();
  return one.length <= MAX_MESSAGE_CHARS ? one : `${one.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
}
