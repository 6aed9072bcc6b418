import { describe, expect, it } from 'vitest';
import { buildTrayMenu, MAX_BROWSE_ACCOUNTS, MAX_BROWSE_PER_ACCOUNT, MAX_INLINE_PROFILES, MAX_SHORTLIST, type MenuItemModel, type MenuModel } from '../../../main/electron/tray-menu-model';
import { findMenuItem } from '../../../main/electron/test-hooks';
import { createTranslator } from '../../../i18n';
import type { Snapshot } from '../../../preload/contract';
import { menuText } from './support/menu-text';
import { alarm, inMinutes, NOW, profile, session, snapshot, teamProfiles } from './support/snapshots';
import { realisticTrayState } from './support/tray-realistic';

const en = createTranslator('en');
const zh = createTranslator('zh-CN');
const build = (s: Snapshot | null, tr = en, extra: { recent?: string[]; windowVisible?: boolean } = {}) =>
  buildTrayMenu({ snapshot: s, windowVisible: extra.windowVisible ?? false, ...(extra.recent ? { recent: extra.recent } : {}) }, tr, NOW);
const get = (menu: MenuModel, id: string) => {
  const found = findMenuItem(menu, id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
};
const ids = (items: readonly MenuItemModel[] | undefined) => (items ?? []).map((m) => m.id);
const countItems = (menu: readonly MenuItemModel[]): number => menu.reduce((n, m) => n + 1 + (m.submenu ? countItems(m.submenu) : 0), 0);

describe('tray menu: the reviewed text tree of a realistic state', () => {
  // Three accounts, eight profiles of every kind, the default's session running, one failing, one expired,
  // helper on. These files were read line by line as a user reads the menu; a change to what users see
  // shows up as a diff in them (update with `vitest -u` and review the diff).
  it('en', async () => {
    await expect(menuText(build(realisticTrayState(), en))).toMatchFileSnapshot('./tray-menu-snapshots/realistic.en.txt');
  });

  it('zh-CN', async () => {
    await expect(menuText(build(realisticTrayState(), zh))).toMatchFileSnapshot('./tray-menu-snapshots/realistic.zh-CN.txt');
  });
});

describe('tray menu: the default profile', () => {
  it('states that it is what the CLI and the helper use, in both languages', () => {
    expect(get(build(realisticTrayState(), en), 'default')).toMatchObject({ label: 'Default for CLI and helper: prod-admin — 42 min left', enabled: false });
    expect(get(build(realisticTrayState(), zh), 'default').label).toBe('CLI 和助手的默认配置：prod-admin — 剩余 42 分钟');
    expect(get(build(snapshot({ profiles: teamProfiles() })), 'default').label).toBe('No default for CLI and helper — choose one below');
    expect(get(build(snapshot({ profiles: teamProfiles() }), zh), 'default').label).toBe('CLI 和助手尚无默认配置 — 请在下方选择');
  });

  it('its actions sit at the top, one click each, and match its own submenu', () => {
    const menu = build(realisticTrayState());
    const entry = get(menu, 'profile:prod-admin');
    const top = menu.slice(menu.findIndex((m) => m.id === 'default') + 1, menu.findIndex((m) => m.id === 'sep:account:acme-audit'));
    const inner = entry.submenu!.slice(entry.submenu!.findIndex((m) => m.type === 'separator') + 1);
    expect(top.map((m) => [m.label, m.action])).toEqual(inner.map((m) => [m.label, m.action]));
    expect(ids(top)).toEqual(['session:stop', 'copy:export', 'copy:koocli', 'copy:ak', 'copy:sk', 'copy:token', 'refresh-now', 'open-console']);
    expect(get(menu, 'copy:export-fish').action).toEqual({ type: 'copy', profile: 'prod-admin', what: 'export-fish' });
  });

  it('one click on the check inside another profile makes it the default; the default\'s own check is greyed', () => {
    const menu = build(realisticTrayState());
    expect(get(menu, 'profile:ops-alice:default')).toMatchObject({ type: 'checkbox', checked: false, enabled: true, label: 'Default for CLI and helper', action: { type: 'set-default', profile: 'ops-alice' } });
    const own = get(menu, 'profile:prod-admin:default');
    expect(own).toMatchObject({ checked: true, enabled: false });
    expect(own.action).toBeUndefined();
    expect(get(build(realisticTrayState(), zh), 'profile:ops-alice:default').label).toBe('用作 CLI 和助手的默认配置');
  });

  it('an expired pasted default says why under its name and offers only pasting new keys', () => {
    const s = snapshot({ profiles: [profile('old', { kind: 'temporary-key', expiresAt: inMinutes(-5) })], defaultProfile: 'old' });
    const menu = build(s);
    expect(menuText(menu).split('\n').slice(0, 3)).toEqual([
      'Default for CLI and helper: ✕ old — expired {disabled}',
      '✕ Expired 5 min. ago — pasted keys cannot be renewed {disabled}',
      'Paste new keys in akvault…',
    ]);
    expect(get(menu, 'paste-new-keys').action).toEqual({ type: 'manage-profiles' });
    expect(findMenuItem(menu, 'copy:sk')).toBeUndefined();
  });
});

describe('tray menu: every profile has its own actions', () => {
  it('copying from a profile that is not the default copies that profile', () => {
    const menu = build(realisticTrayState());
    expect(get(menu, 'profile:prod-readonly:copy:sk').action).toEqual({ type: 'copy', profile: 'prod-readonly', what: 'sk' });
    expect(get(menu, 'profile:prod-readonly:copy:export-powershell').action).toEqual({ type: 'copy', profile: 'prod-readonly', what: 'export-powershell' });
    expect(get(menu, 'profile:prod-readonly:session:start').action).toEqual({ type: 'start-session', profile: 'prod-readonly' });
    expect(get(menu, 'profile:audit-viewer:session:stop').action).toEqual({ type: 'stop-session', profile: 'audit-viewer' });
    expect(get(menu, 'profile:audit-viewer:refresh-now').action).toEqual({ type: 'refresh-now', profile: 'audit-viewer' });
    expect(get(menu, 'profile:bob-dev:open-console').action).toEqual({ type: 'open-console', profile: 'bob-dev' });
  });

  it('permanent access keys have no session wording, no security token and nothing to refresh', () => {
    const menu = build(realisticTrayState());
    const entry = get(menu, 'profile:bob-dev');
    expect(entry.label).toBe('bob-dev');
    expect(ids(entry.submenu).filter((id) => /session|token|refresh/.test(id))).toEqual([]);
    expect(menuText(entry.submenu!)).not.toMatch(/Start session|Stop session|\(session\)|session running/);
    expect(get(menu, 'profile:bob-dev:status').label).toBe('Access key — no expiry, no session needed');
    expect(get(build(realisticTrayState(), zh), 'profile:bob-dev:status').label).toBe('访问密钥 — 不会过期，无需会话');
    // Even made the default, a permanent key offers no session at the top either.
    const asDefault = build({ ...realisticTrayState(), defaultProfile: 'bob-dev' });
    expect(ids(asDefault.slice(0, 8))).toEqual(['alarm:audit-viewer', 'sep:default', 'default', 'copy:export', 'copy:koocli', 'copy:ak', 'copy:sk', 'open-console']);
  });

  it('for keys akvault does not mint, a session is named for what it does: tool files, and only when there are some', () => {
    const keys = profile('keys', { domainName: 'acme', toolFiles: { koocli: true, sdkCredentials: false } });
    const bare = profile('bare', { domainName: 'acme', toolFiles: { koocli: false } });
    const idle = build(snapshot({ profiles: [keys, bare] }));
    expect(get(idle, 'profile:keys:session:start')).toMatchObject({ label: 'Write keys to tool files', action: { type: 'start-session', profile: 'keys' } });
    expect(findMenuItem(idle, 'profile:bare:session:start')).toBeUndefined();
    // Running (started here or in the window): the way back out, and a tag that says where the keys are.
    const running = build(snapshot({ profiles: [keys, bare], sessions: [session('keys', { kind: 'access-key' }), session('bare', { kind: 'access-key' })] }));
    expect(get(running, 'profile:keys:session:stop')).toMatchObject({ label: 'Remove keys from tool files', action: { type: 'stop-session', profile: 'keys' } });
    expect(get(running, 'profile:keys').label).toBe('keys — in tool files');
    expect(get(running, 'profile:bare').label).toBe('bare');
    expect(get(build(snapshot({ profiles: [keys] }), zh), 'profile:keys:session:start').label).toBe('将密钥写入工具配置文件');
  });

  it('pasted temporary keys count down but cannot be started or refreshed', () => {
    const s = snapshot({ profiles: teamProfiles(), defaultProfile: 'ops-alice' });
    const entry = get(build(s), 'profile:dev-temp');
    expect(entry.label).toBe('dev-temp — 1 h 30 min left');
    expect(ids(entry.submenu)).toEqual([
      'profile:dev-temp:status',
      'profile:dev-temp:default',
      'sep:profile:dev-temp:actions',
      'profile:dev-temp:copy:export',
      'profile:dev-temp:copy:koocli',
      'profile:dev-temp:copy:ak',
      'profile:dev-temp:copy:sk',
      'profile:dev-temp:copy:token',
      'profile:dev-temp:open-console',
    ]);
    expect(entry.submenu![0]!.label).toBe('Temporary access key — 1 h 30 min left');
  });

  it('a failing profile shows ⚠ on its entry and the localised reason in a greyed line', () => {
    const entryEn = get(build(realisticTrayState()), 'profile:audit-viewer');
    expect(entryEn.label).toBe('⚠ audit-viewer — refresh failing');
    expect(entryEn.submenu![1]).toMatchObject({ id: 'profile:audit-viewer:reason', label: '⚠ Refresh failed: IAM cannot be reached.', enabled: false });
    const entryZh = get(build(realisticTrayState(), zh), 'profile:audit-viewer');
    expect(entryZh.label).toBe('⚠ audit-viewer — 刷新失败');
    expect(entryZh.submenu![1]!.label).toBe('⚠ 刷新失败：无法连接 IAM。');
  });

  it('an expired profile shows ✕ on its entry and why; an alarm code the catalogue lacks keeps its own message', () => {
    const s = snapshot({
      profiles: [profile('gone', { kind: 'agency', accessKeyId: undefined, agencyDomainName: 'acme', agencyName: 'x' })],
      sessions: [session('gone', { state: 'expired', expiresAt: inMinutes(-1) })],
      alarms: [alarm('gone', { kind: 'expired', code: 'session.expired', message: 'The session of "gone" expired.' })],
    });
    expect(get(build(s), 'profile:gone').label).toBe('✕ gone — expired');
    expect(get(build(s), 'profile:gone:reason').label).toBe('✕ Expired: The session has expired.');
    expect(get(build(s, zh), 'profile:gone:reason').label).toBe('✕ 已过期：会话已过期。');
    const odd = { ...s, alarms: [alarm('gone', { code: 'vendor.weird', message: 'Something odd happened upstream.' })] };
    expect(get(build(odd, zh), 'profile:gone:reason').label).toBe('⚠ 刷新失败：Something odd happened upstream.');
  });

  it('a session failing or expired without an alarm still marks its entry', () => {
    const agency = (name: string) => profile(name, { kind: 'agency', accessKeyId: undefined, agencyDomainName: 'acme', agencyName: name });
    const s = snapshot({ profiles: [agency('a'), agency('b')], sessions: [session('a', { state: 'failing', expiresAt: inMinutes(5) }), session('b', { expiresAt: inMinutes(-2) })] });
    expect(get(build(s), 'profile:a').label).toBe('⚠ a — refresh failing');
    expect(get(build(s), 'profile:a:reason').label).toBe('⚠ Refresh failing — akvault keeps retrying');
    expect(get(build(s, zh), 'profile:a:reason').label).toBe('⚠ 刷新失败 — akvault 会继续重试');
    expect(get(build(s), 'profile:b').label).toBe('✕ b — expired');
    expect(get(build(s), 'profile:b:status').label).toBe('Agency');
  });

  it('profile entries are submenus with unique ids', () => {
    const menu = build(realisticTrayState());
    const all: string[] = [];
    const walk = (items: readonly MenuItemModel[]) => items.forEach((m) => (all.push(m.id), m.submenu && walk(m.submenu)));
    walk(menu);
    expect(new Set(all).size).toBe(all.length);
    expect(menu.filter((m) => m.id.startsWith('profile:')).every((m) => m.type === 'submenu')).toBe(true);
  });
});

describe('tray menu: account headers', () => {
  it('are headers (not greyed actions), named after the account, unnamed ones last', () => {
    const menu = build(snapshot({ profiles: teamProfiles(), defaultProfile: 'ops-alice' }));
    const headers = menu.filter((m) => m.type === 'header');
    expect(headers.map((m) => m.label)).toEqual(['acme-dev', 'acme-ops', 'acme-prod', 'No account']);
    expect(build(snapshot({ profiles: teamProfiles() }), zh).filter((m) => m.type === 'header').at(-1)!.label).toBe('未指定账号');
    expect(menuText(menu)).toContain('── acme-ops ──\nops-alice — default ▸');
  });
});

describe('tray menu: alarms stay on top', () => {
  it('en and zh-CN, localised by code', () => {
    expect(build(realisticTrayState())[0]).toMatchObject({ id: 'alarm:audit-viewer', label: '⚠ audit-viewer: refresh failed — IAM cannot be reached.', action: { type: 'show-alarms' } });
    expect(build(realisticTrayState(), zh)[0]!.label).toBe('⚠ audit-viewer：刷新失败 — 无法连接 IAM。');
  });

  it('shows three alarms, then a count, and shortens long messages', () => {
    const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const s = snapshot({ profiles: names.map((n) => profile(n)), alarms: names.map((n) => alarm(n, { code: 'vendor.x', message: 'x'.repeat(300) })) });
    const menu = build(s);
    const top = menu.slice(0, 4);
    expect(top.map((m) => m.id)).toEqual(['alarm:a1', 'alarm:a2', 'alarm:a3', 'alarm:more']);
    expect(top[3]!.label).toBe('2 more alarms…');
    expect(top[0]!.label!.length).toBeLessThan(120);
    expect(build(s, zh)[3]!.label).toBe('另有 2 个告警…');
  });

  it('puts a locked keychain on top', () => {
    const s = snapshot({ keychain: { state: 'locked', backend: 'Secret Service', message: 'locked' } });
    expect(build(s)[0]).toMatchObject({ id: 'keychain', label: 'Keychain locked — unlock it to use your keys' });
    expect(build(s, zh)[0]!.label).toBe('系统钥匙串已锁定，解锁后才能使用密钥');
  });
});

describe('tray menu: many profiles', () => {
  const many = (n: number, accounts: number) =>
    Array.from({ length: n }, (_, i) => profile(`p-${String(i).padStart(5, '0')}`, { domainName: `acct-${String(i % accounts).padStart(3, '0')}` }));

  it(`lists up to ${MAX_INLINE_PROFILES} profiles inline, grouped by account, without search`, () => {
    const profiles = Array.from({ length: MAX_INLINE_PROFILES }, (_, i) => profile(`q-${i}`, { domainName: i < 5 ? 'acme-a' : 'acme-b' }));
    const menu = build(snapshot({ profiles }));
    expect(menu.filter((m) => m.id.startsWith('profile:'))).toHaveLength(MAX_INLINE_PROFILES);
    expect(findMenuItem(menu, 'search-profiles')).toBeUndefined();
    expect(menu.filter((m) => m.type === 'header').map((m) => m.label)).toEqual(['acme-a', 'acme-b']);
  });

  it('past that: the default, running, failing and recently used profiles inline; the rest by account and behind search', () => {
    const profiles = many(MAX_INLINE_PROFILES + 25, 3);
    const s = snapshot({ profiles, defaultProfile: 'p-00030', sessions: [session('p-00002')], alarms: [alarm('p-00017')] });
    const menu = build(s, en, { recent: ['p-00009', 'p-00030', 'missing'] });
    expect(menu.filter((m) => m.id.startsWith('profile:')).map((m) => m.id)).toEqual(['profile:p-00009', 'profile:p-00030', 'profile:p-00002', 'profile:p-00017']);
    expect(menu.filter((m) => m.type === 'header').map((m) => m.label)).toEqual(['acct-000', 'acct-002']);
    expect(ids(menu.slice(menu.findIndex((m) => m.id === 'profile:p-00017') + 1).slice(0, 3))).toEqual(['sep:all-profiles', 'all-profiles', 'search-profiles']);
    const all = get(menu, 'all-profiles');
    expect(all.label).toBe('All profiles (40)');
    expect(all.submenu!.map((m) => m.label)).toEqual(['acct-000 (14)', 'acct-001 (13)', 'acct-002 (13)']);
    expect(get(menu, 'all:profile:p-00004:copy:ak').action).toEqual({ type: 'copy', profile: 'p-00004', what: 'ak' });
    expect(get(menu, 'search-profiles')).toMatchObject({ label: 'Search profiles…', action: { type: 'search-profiles' } });
    expect(get(build(s, zh), 'all-profiles').label).toBe('全部配置（40）');
    expect(get(build(s, zh), 'search-profiles').label).toBe('搜索配置…');
  });

  it(`keeps the short list to ${MAX_SHORTLIST}`, () => {
    const profiles = many(100, 5);
    const sessions = profiles.slice(0, 30).map((p) => session(p.name));
    const menu = build(snapshot({ profiles, sessions, defaultProfile: 'p-00099' }));
    const inline = menu.filter((m) => m.id.startsWith('profile:'));
    expect(inline).toHaveLength(MAX_SHORTLIST);
    expect(inline.some((m) => m.id === 'profile:p-00099')).toBe(true);
  });

  it('stays bounded at 5,000 profiles, with "more" lines that lead to search', () => {
    const profiles = many(5000, 200);
    const menu = build(snapshot({ profiles, defaultProfile: 'p-00000' }));
    const all = get(menu, 'all-profiles');
    expect(all.submenu).toHaveLength(MAX_BROWSE_ACCOUNTS + 1);
    expect(all.submenu!.at(-1)).toMatchObject({ label: `${200 - MAX_BROWSE_ACCOUNTS} more accounts — search…`, action: { type: 'search-profiles' } });
    const first = all.submenu![0]!;
    expect(first.submenu).toHaveLength(MAX_BROWSE_PER_ACCOUNT + 1);
    expect(first.submenu!.at(-1)).toMatchObject({ label: `${25 - MAX_BROWSE_PER_ACCOUNT} more — search…`, action: { type: 'search-profiles' } });
    expect(countItems(menu)).toBeLessThan(4000);
    expect(countItems(build(snapshot({ profiles: many(50_000, 2000), defaultProfile: 'p-00000' })))).toBe(countItems(menu));
    expect(get(build(snapshot({ profiles, defaultProfile: 'p-00000' }), zh), 'all:more-accounts').label).toBe(`另有 ${200 - MAX_BROWSE_ACCOUNTS} 个账号 — 搜索…`);
  });
});

describe('tray menu: edges', () => {
  it('before the first snapshot: only Show and Quit', () => {
    expect(menuText(build(null))).toBe('Show akvault\nQuit akvault');
    expect(menuText(build(null, zh, { windowVisible: true }))).toBe('隐藏 akvault\n退出 akvault');
  });

  it('without profiles or a default', () => {
    const text = menuText(build(snapshot({ helper: { state: 'off' } })));
    expect(text).toContain('No default for CLI and helper — choose one below {disabled}');
    expect(text).toContain('No profiles yet {disabled}');
    expect(text).toContain('[ ] Local helper: off');
  });

  it('the helper item toggles', () => {
    const on = get(build(snapshot({ profiles: teamProfiles() })), 'helper');
    expect(on).toMatchObject({ type: 'checkbox', checked: true, label: 'Local helper: on (127.0.0.1:47123)', action: { type: 'set-helper', enabled: false } });
    const off = get(build(snapshot({ helper: { state: 'off' } }), zh), 'helper');
    expect(off).toMatchObject({ checked: false, label: '本地助手：已关闭', action: { type: 'set-helper', enabled: true } });
  });

  it('app-level items form their own section, before Show/Hide and Quit', () => {
    const menu = build(realisticTrayState());
    expect(ids(menu.slice(-6))).toEqual(['sep:manage-profiles', 'manage-profiles', 'helper', 'sep:window', 'window', 'quit']);
  });
});
