/**
 * The tray menu as plain data, from the snapshot: a pure function, so every state (idle, a session
 * running, alarms, many profiles, either language) is tested without Electron. tray-template.ts turns
 * it into Electron's menu template; tray.ts renders it again on every change and every minute.
 *
 * Sections, top to bottom, separated by lines:
 * 1. problems: a keychain problem and the alarms (click opens the window);
 * 2. the default profile — stated as the one the CLI (`akvault env` without a name) and the local
 *    helper use — and its actions, one click each;
 * 3. the profiles by account, each entry a submenu with its own state and actions
 *    (tray-profile-list.ts, tray-profile-entry.ts);
 * 4. app-level items (appItems below: manage profiles, the local helper — and whatever else concerns
 *    the app rather than a profile, e.g. a vault lock);
 * 5. Show/Hide and Quit, always present (a tray click is not reliable on every desktop).
 */
import type { CopyWhat, Snapshot } from '../../preload/contract';
import type { Translator } from '../../i18n';
import { actionItems, entryContext, entryLabel, factsOf, item, reasonText, separator, type EntryContext } from './tray-profile-entry';
import { profileListItems } from './tray-profile-list';

export { accountOf, MAX_INLINE_PROFILES, MAX_SHORTLIST, MAX_BROWSE_ACCOUNTS, MAX_BROWSE_PER_ACCOUNT } from './tray-profile-list';
export const MAX_ALARM_ITEMS = 3;

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
  /** 'header': a section title (an account); rendered per platform by tray-template.ts. */
  type: 'normal' | 'separator' | 'radio' | 'checkbox' | 'submenu' | 'header';
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
  /** Profiles recently used from the tray, most recent first: they stay on the short list past MAX_INLINE_PROFILES. */
  recent?: readonly string[];
}

export function buildTrayMenu(state: TrayMenuState, t: Translator, now: number): MenuModel {
  const s = state.snapshot;
  const sections: MenuItemModel[][] = [];
  if (s) {
    const ctx = entryContext(s, t, now);
    sections.push(problemItems(ctx), defaultSection(ctx), profileListItems(ctx, state.recent ?? []), appItems(s, t));
  }
  sections.push([state.windowVisible ? item('window', t.t('tray.hide'), { type: 'hide-window' }) : item('window', t.t('tray.show'), { type: 'show-window' }), item('quit', t.t('tray.quit'), { type: 'quit' })]);
  const menu: MenuModel = [];
  for (const section of sections.filter((x) => x.length > 0)) {
    if (menu.length) menu.push(separator(section[0]!.id));
    menu.push(...section);
  }
  return menu;
}

function problemItems(ctx: EntryContext): MenuItemModel[] {
  const { s, t } = ctx;
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
    out.push(item(`alarm:${a.profile}`, t.t(key, { profile: a.profile, message: reasonText(t, a.code, a.message) }), { type: 'show-alarms' }));
  }
  const more = s.alarms.length - MAX_ALARM_ITEMS;
  if (more > 0) out.push(item('alarm:more', t.t('tray.alarm.more', { count: more }), { type: 'show-alarms' }));
  return out;
}

/** The default profile, named as what the CLI and the helper use, with its actions one click away. */
function defaultSection(ctx: EntryContext): MenuItemModel[] {
  const { s, t } = ctx;
  const name = s.defaultProfile;
  const p = name ? s.profiles.find((x) => x.name === name) : undefined;
  if (!p) return [item('default', t.t('tray.default.noneFor'), undefined, false)];
  const f = factsOf(ctx, p);
  const out = [item('default', t.t('tray.default.for', { profile: entryLabel(ctx, f, false) }), undefined, false)];
  // An alarm already says why at the top; a pasted key that simply ran out has no alarm, so say it here.
  if (f.problem && !ctx.alarms.has(p.name)) out.push(item('default:reason', f.problem.line, undefined, false));
  out.push(...actionItems(ctx, f, ''));
  return out;
}

/** App-level items: not about one profile. New ones (e.g. locking the vault) belong here. */
function appItems(s: Snapshot, t: Translator): MenuItemModel[] {
  const out = [item('manage-profiles', t.t('tray.manageProfiles'), { type: 'manage-profiles' }), helperItem(s, t)];
  // The vault file (no OS keychain) locks on request; a locked or absent vault shows among the problems.
  if (s.vault?.state === 'unlocked') out.push(item('vault:lock', t.t('tray.vault.lock'), { type: 'lock-vault' }));
  return out;
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
