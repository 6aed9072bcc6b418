/**
 * One profile as the tray shows it: what state it is in (time left, failing, expired — and why), its
 * entry's label, and the submenu of what can be done with it. Pure functions of the snapshot; the
 * default profile's actions at the top of the menu come from the same builder, so the two never differ.
 *
 * What each kind offers, and why:
 * - access-key (permanent AK/SK): no expiry and no IAM call, so no session wording at all — the keys are
 *   simply there to copy; no security token, nothing to refresh. What a "session" really does for them —
 *   write the keys into the profile's tool files (KooCLI, SDK credentials, obsutil) and remove them on
 *   stop — is offered under that name, and only when the profile has tool files.
 * - temporary-key (pasted): a security token and a countdown, but akvault cannot renew what it did not
 *   mint: no session, no refresh (tool files as above); once expired, only "paste new keys".
 * - token, account, ecs-agency, agency (keys akvault mints): start/stop a session that keeps them fresh,
 *   refresh now, and the security token.
 */
import type { AlarmView, CopyWhat, ProfileView, SessionView, Snapshot } from '../../preload/contract';
import { catalogues, type MessageKey, type Translator } from '../../i18n';
import type { MenuItemModel, TrayAction } from './tray-menu-model';
import { hasPastedExpiry } from './tray-state';

/** Kinds whose keys akvault mints and can therefore keep fresh in a session and renew on demand. */
const MINTED = new Set<ProfileView['kind']>(['token', 'account', 'ecs-agency', 'agency']);
const MAX_REASON_CHARS = 80;
export const FAILING_MARK = '⚠';
export const EXPIRED_MARK = '✕';
const TAG_JOIN = ' · ';

export const item = (id: string, label: string, action?: TrayAction, enabled = true): MenuItemModel => ({ id, type: 'normal', label, enabled, ...(action ? { action } : {}) });
export const separator = (id: string): MenuItemModel => ({ id: `sep:${id}`, type: 'separator', enabled: true });

const hasToolFiles = (p: ProfileView) => Object.values(p.toolFiles ?? {}).some(Boolean);

/** Strings that are the same for every profile, translated once per menu (thousands of profiles). */
export interface TrayLabels {
  copyExport: string;
  bash: string;
  fish: string;
  powershell: string;
  koocli: string;
  ak: string;
  sk: string;
  token: string;
  refresh: string;
  console: string;
  start: string;
  stop: string;
  pasteNewKeys: string;
  writeToolFiles: string;
  removeToolFiles: string;
  tagInToolFiles: string;
  useAsDefault: string;
  tagDefault: string;
  tagExpired: string;
  tagFailing: string;
  tagRunning: string;
  noExpiry: string;
  noSession: string;
  kind: Record<ProfileView['kind'], string>;
}

export function trayLabels(t: Translator): TrayLabels {
  const kind = (k: ProfileView['kind']) => t.t(`kind.${k}` as MessageKey);
  return {
    copyExport: t.t('tray.copyExport'),
    bash: t.t('tray.copyExport.bash'),
    fish: t.t('tray.copyExport.fish'),
    powershell: t.t('tray.copyExport.powershell'),
    koocli: t.t('tray.copyKoocli'),
    ak: t.t('tray.copyAk'),
    sk: t.t('tray.copySk'),
    token: t.t('tray.copyToken'),
    refresh: t.t('tray.refreshNow'),
    console: t.t('tray.openConsole'),
    start: t.t('tray.session.start'),
    stop: t.t('tray.session.stop'),
    pasteNewKeys: t.t('tray.pasteNewKeys'),
    writeToolFiles: t.t('tray.toolFiles.write'),
    removeToolFiles: t.t('tray.toolFiles.remove'),
    tagInToolFiles: t.t('tray.tag.inToolFiles'),
    useAsDefault: t.t('tray.useAsDefault'),
    tagDefault: t.t('tray.tag.default'),
    tagExpired: t.t('tray.tag.expired'),
    tagFailing: t.t('tray.tag.failing'),
    tagRunning: t.t('tray.tag.running'),
    noExpiry: t.t('tray.state.noExpiry'),
    noSession: t.t('tray.state.noSession'),
    kind: {
      'access-key': kind('access-key'),
      'temporary-key': kind('temporary-key'),
      token: kind('token'),
      account: kind('account'),
      'ecs-agency': kind('ecs-agency'),
      agency: kind('agency'),
    },
  };
}

/** Everything a menu build shares: built once, so each profile row is lookups, not scans. */
export interface EntryContext {
  s: Snapshot;
  t: Translator;
  now: number;
  labels: TrayLabels;
  sessions: Map<string, SessionView>;
  alarms: Map<string, AlarmView>;
  /** Translated lines that repeat across profiles ("Agency — no session running…"), made once per menu. */
  memo: Map<string, string>;
}

export function entryContext(s: Snapshot, t: Translator, now: number): EntryContext {
  return {
    s,
    t,
    now,
    labels: trayLabels(t),
    sessions: new Map(s.sessions.map((x) => [x.profile, x])),
    alarms: new Map(s.alarms.map((a) => [a.profile, a])),
    memo: new Map(),
  };
}

export interface Problem {
  level: 'failing' | 'expired';
  /** The disabled line in the profile's submenu that says why, in the user's language. */
  line: string;
}

export interface ProfileFacts {
  p: ProfileView;
  session: SessionView | undefined;
  /** When the keys run out: the running session's expiry, else a pasted credential's own. */
  expiry: number | undefined;
  /** A pasted credential past its expiry: nothing works until new keys are pasted. */
  pastedExpired: boolean;
  problem: Problem | undefined;
  isDefault: boolean;
}

export function factsOf(ctx: EntryContext, p: ProfileView): ProfileFacts {
  const { t, now } = ctx;
  const session = ctx.sessions.get(p.name);
  const pasted = hasPastedExpiry(p) && p.expiresAt ? Date.parse(p.expiresAt) : undefined;
  const expiry = session?.expiresAt ? Date.parse(session.expiresAt) : pasted;
  const pastedExpired = pasted !== undefined && pasted <= now;
  const alarm = ctx.alarms.get(p.name);
  let problem: Problem | undefined;
  if (alarm) {
    const reason = reasonText(t, alarm.code, alarm.message);
    problem = alarm.kind === 'expired' ? { level: 'expired', line: t.t('tray.reason.expired', { reason }) } : { level: 'failing', line: t.t('tray.reason.failing', { reason }) };
  } else if (pastedExpired) {
    problem = { level: 'expired', line: t.t('tray.reason.pastedExpired', { when: t.relative(pasted - now) }) };
  } else if (session?.state === 'expired' || (session && expiry !== undefined && expiry <= now)) {
    problem = { level: 'expired', line: t.t('tray.reason.expired', { reason: reasonText(t, 'session.expired', '') }) };
  } else if (session?.state === 'failing') {
    // Failing without an alarm (the alarm has not reached this snapshot yet): no reason to give.
    problem = { level: 'failing', line: t.t('tray.reason.failingRetry') };
  }
  return { p, session, expiry, pastedExpired, problem, isDefault: p.name === ctx.s.defaultProfile };
}

/** An alarm's reason in the user's language: the catalogue's text for its code, else main's English message. */
export function reasonText(t: Translator, code: string, message: string): string {
  const key = `errors.${code}`;
  const text = catalogues.en[key];
  // Alarms carry no params, so only messages without placeholders can be translated.
  if (text !== undefined && !text.includes('{{')) return t.t(key as MessageKey);
  return shorten(message);
}

export function shorten(message: string, max = MAX_REASON_CHARS): string {
  const one = message.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/**
 * "⚠ prod-admin — default · refresh failing", "dev-temp — 1 h 30 min left", "ops-alice": the mark says
 * something is wrong at a glance, the tags say what; a permanent key with nothing to report is just its name.
 */
export function entryLabel(ctx: EntryContext, f: ProfileFacts, withDefaultTag = true): string {
  const l = ctx.labels;
  const tags: string[] = [];
  if (withDefaultTag && f.isDefault) tags.push(l.tagDefault);
  if (f.problem) tags.push(f.problem.level === 'expired' ? l.tagExpired : l.tagFailing);
  else if (f.expiry !== undefined && f.expiry > ctx.now) tags.push(ctx.t.t('tray.tag.timeLeft', { time: ctx.t.duration(f.expiry - ctx.now) }));
  else if (f.session) {
    if (MINTED.has(f.p.kind)) tags.push(l.tagRunning);
    else if (hasToolFiles(f.p)) tags.push(l.tagInToolFiles);
  }
  const mark = f.problem ? `${f.problem.level === 'expired' ? EXPIRED_MARK : FAILING_MARK} ` : '';
  const name = `${mark}${f.p.name}`;
  return tags.length ? ctx.t.t('tray.entry', { profile: name, tags: tags.join(TAG_JOIN) }) : name;
}

/** The first line of a profile's submenu: its kind and what that means right now. */
function statusLine(ctx: EntryContext, f: ProfileFacts): string {
  const l = ctx.labels;
  const left = f.expiry !== undefined && f.expiry > ctx.now ? ctx.t.duration(f.expiry - ctx.now) : undefined;
  // Expired: the reason line below says so (and why); the status line only names the kind.
  if (f.problem?.level === 'expired') return l.kind[f.p.kind];
  let state: string;
  if (f.p.kind === 'access-key') state = l.noExpiry;
  else if (f.p.kind === 'temporary-key') state = left ? ctx.t.t('tray.tag.timeLeft', { time: left }) : l.tagExpired;
  else if (f.session) state = left ? ctx.t.t('tray.state.session', { time: left }) : l.tagRunning;
  // A pasted IAM token runs out on its own even without a session: say how long it lasts.
  else if (left) state = ctx.t.t('tray.state.pastedNoSession', { time: left });
  else state = l.noSession;
  const key = `${f.p.kind}\n${state}`;
  let line = ctx.memo.get(key);
  if (line === undefined) {
    line = ctx.t.t('tray.status', { kind: l.kind[f.p.kind], state });
    ctx.memo.set(key, line);
  }
  return line;
}

/** What can be done with this profile, in the order the default's actions always had. `prefix` keeps ids unique per menu. */
export function actionItems(ctx: EntryContext, f: ProfileFacts, prefix: string): MenuItemModel[] {
  const l = ctx.labels;
  const profile = f.p.name;
  if (f.pastedExpired) return [item(`${prefix}paste-new-keys`, l.pasteNewKeys, { type: 'manage-profiles' })];
  const copy = (what: CopyWhat): TrayAction => ({ type: 'copy', profile, what });
  const minted = MINTED.has(f.p.kind);
  const out: MenuItemModel[] = [];
  if (minted) {
    out.push(f.session ? item(`${prefix}session:stop`, l.stop, { type: 'stop-session', profile }) : item(`${prefix}session:start`, l.start, { type: 'start-session', profile }));
  } else if (hasToolFiles(f.p)) {
    // Keys akvault does not mint: a session only puts them into (and takes them out of) the tool files.
    out.push(f.session ? item(`${prefix}session:stop`, l.removeToolFiles, { type: 'stop-session', profile }) : item(`${prefix}session:start`, l.writeToolFiles, { type: 'start-session', profile }));
  }
  out.push(
    {
      id: `${prefix}copy:export`,
      type: 'submenu',
      label: l.copyExport,
      enabled: true,
      submenu: [
        item(`${prefix}copy:export-bash`, l.bash, copy('export-bash')),
        item(`${prefix}copy:export-fish`, l.fish, copy('export-fish')),
        item(`${prefix}copy:export-powershell`, l.powershell, copy('export-powershell')),
      ],
    },
    item(`${prefix}copy:koocli`, l.koocli, copy('koocli')),
    item(`${prefix}copy:ak`, l.ak, copy('ak')),
    item(`${prefix}copy:sk`, l.sk, copy('sk')),
  );
  // Permanent AK/SK have no security token to copy.
  if (f.p.kind !== 'access-key') out.push(item(`${prefix}copy:token`, l.token, copy('token')));
  if (minted) out.push(item(`${prefix}refresh-now`, l.refresh, { type: 'refresh-now', profile }));
  out.push(item(`${prefix}open-console`, l.console, { type: 'open-console', profile }));
  return out;
}

/**
 * A profile's entry: a submenu with its state, the reason when it fails, the "default for CLI and
 * helper" check (checked and greyed on the default; one click makes another profile the default), and
 * its actions. Electron cannot put a submenu on a radio item, so the check lives inside.
 */
export function profileEntry(ctx: EntryContext, p: ProfileView, idBase = ''): MenuItemModel {
  const f = factsOf(ctx, p);
  const id = `${idBase}profile:${p.name}`;
  const submenu: MenuItemModel[] = [item(`${id}:status`, statusLine(ctx, f), undefined, false)];
  if (f.problem) submenu.push(item(`${id}:reason`, f.problem.line, undefined, false));
  submenu.push(
    { id: `${id}:default`, type: 'checkbox', label: ctx.labels.useAsDefault, enabled: !f.isDefault, checked: f.isDefault, ...(f.isDefault ? {} : { action: { type: 'set-default', profile: p.name } as TrayAction }) },
    separator(`${id}:actions`),
    ...actionItems(ctx, f, `${id}:`),
  );
  return { id, type: 'submenu', label: entryLabel(ctx, f), enabled: true, submenu };
}
