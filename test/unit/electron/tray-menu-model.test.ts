import { describe, expect, it } from 'vitest';
import { buildTrayMenu, MAX_INLINE_PROFILES, type MenuItemModel } from '../../../main/electron/tray-menu-model';
import { findMenuItem } from '../../../main/electron/test-hooks';
import { createTranslator } from '../../../i18n';
import { menuText } from './support/menu-text';
import { alarm, inMinutes, NOW, profile, session, snapshot, teamProfiles } from './support/snapshots';

const en = createTranslator('en');
const zh = createTranslator('zh-CN');

const idle = () => snapshot({ profiles: teamProfiles(), defaultProfile: 'ops-alice' });
const running = () =>
  snapshot({
    profiles: teamProfiles(),
    defaultProfile: 'prod-admin',
    sessions: [session('prod-admin', { expiresAt: inMinutes(42), lastRefreshAt: inMinutes(-18), nextRefreshAt: inMinutes(32) })],
  });
const alarmed = () =>
  snapshot({
    profiles: teamProfiles(),
    defaultProfile: 'prod-admin',
    sessions: [session('prod-admin', { state: 'failing', expiresAt: inMinutes(7) })],
    alarms: [alarm('prod-admin')],
  });

describe('tray menu model: idle', () => {
  it('en', () => {
    expect(menuText(buildTrayMenu({ snapshot: idle(), windowVisible: false }, en, NOW))).toMatchInlineSnapshot(`
      "Default: ops-alice {disabled}
      Start session
      Copy export ▸
        bash / zsh
        fish
        PowerShell
      Copy KooCLI arguments
      Copy AK
      Copy SK
      Open console
      ---
      Profiles {disabled}
      acme-dev {disabled}
      ( ) dev-temp (1 h 30 min)
      acme-ops {disabled}
      (•) ops-alice
      acme-prod {disabled}
      ( ) prod-admin
      No account {disabled}
      ( ) scratch
      ---
      Manage profiles…
      [x] Local helper: on (127.0.0.1:47123)
      ---
      Show akvault
      Quit akvault"
    `);
  });

  it('zh-CN', () => {
    expect(menuText(buildTrayMenu({ snapshot: idle(), windowVisible: false }, zh, NOW))).toMatchInlineSnapshot(`
      "默认配置：ops-alice {disabled}
      启动会话
      复制环境变量 ▸
        bash / zsh
        fish
        PowerShell
      复制 KooCLI 参数
      复制 AK
      复制 SK
      打开控制台
      ---
      配置 {disabled}
      acme-dev {disabled}
      ( ) dev-temp（1 小时 30 分钟）
      acme-ops {disabled}
      (•) ops-alice
      acme-prod {disabled}
      ( ) prod-admin
      未指定账号 {disabled}
      ( ) scratch
      ---
      管理配置…
      [x] 本地助手：已开启（127.0.0.1:47123）
      ---
      显示 akvault
      退出 akvault"
    `);
  });

  it('offers no security token and no refresh for permanent keys', () => {
    const menu = buildTrayMenu({ snapshot: idle(), windowVisible: false }, en, NOW);
    expect(findMenuItem(menu, 'copy:token')).toBeUndefined();
    expect(findMenuItem(menu, 'refresh-now')).toBeUndefined();
    expect(findMenuItem(menu, 'session:start')?.action).toEqual({ type: 'start-session', profile: 'ops-alice' });
  });

  it('switching the default profile is one click on a radio item', () => {
    const menu = buildTrayMenu({ snapshot: idle(), windowVisible: false }, en, NOW);
    const item = findMenuItem(menu, 'profile:prod-admin')!;
    expect(item).toMatchObject({ type: 'radio', checked: false, action: { type: 'set-default', profile: 'prod-admin' } });
    expect(findMenuItem(menu, 'profile:ops-alice')?.checked).toBe(true);
  });
});

describe('tray menu model: a session running', () => {
  it('en', () => {
    expect(menuText(buildTrayMenu({ snapshot: running(), windowVisible: true }, en, NOW))).toMatchInlineSnapshot(`
      "Default: prod-admin — 42 min left {disabled}
      Stop session
      Copy export ▸
        bash / zsh
        fish
        PowerShell
      Copy KooCLI arguments
      Copy AK
      Copy SK
      Copy security token
      Refresh now
      Open console
      ---
      Profiles {disabled}
      acme-dev {disabled}
      ( ) dev-temp (1 h 30 min)
      acme-ops {disabled}
      ( ) ops-alice
      acme-prod {disabled}
      (•) prod-admin (42 min)
      No account {disabled}
      ( ) scratch
      ---
      Manage profiles…
      [x] Local helper: on (127.0.0.1:47123)
      ---
      Hide akvault
      Quit akvault"
    `);
  });

  it('zh-CN', () => {
    expect(menuText(buildTrayMenu({ snapshot: running(), windowVisible: true }, zh, NOW))).toMatchInlineSnapshot(`
      "默认配置：prod-admin（剩余 42 分钟） {disabled}
      停止会话
      复制环境变量 ▸
        bash / zsh
        fish
        PowerShell
      复制 KooCLI 参数
      复制 AK
      复制 SK
      复制安全令牌
      立即刷新
      打开控制台
      ---
      配置 {disabled}
      acme-dev {disabled}
      ( ) dev-temp（1 小时 30 分钟）
      acme-ops {disabled}
      ( ) ops-alice
      acme-prod {disabled}
      (•) prod-admin（42 分钟）
      未指定账号 {disabled}
      ( ) scratch
      ---
      管理配置…
      [x] 本地助手：已开启（127.0.0.1:47123）
      ---
      隐藏 akvault
      退出 akvault"
    `);
  });

  it('offers the token, refresh and stop for the running temporary session', () => {
    const menu = buildTrayMenu({ snapshot: running(), windowVisible: true }, en, NOW);
    expect(findMenuItem(menu, 'copy:token')?.action).toEqual({ type: 'copy', profile: 'prod-admin', what: 'token' });
    expect(findMenuItem(menu, 'refresh-now')?.action).toEqual({ type: 'refresh-now', profile: 'prod-admin' });
    expect(findMenuItem(menu, 'session:stop')?.action).toEqual({ type: 'stop-session', profile: 'prod-admin' });
    expect(findMenuItem(menu, 'window')?.action).toEqual({ type: 'hide-window' });
  });
});

describe('tray menu model: alarms', () => {
  it('en: the alarm is on top with its message', () => {
    const text = menuText(buildTrayMenu({ snapshot: alarmed(), windowVisible: false }, en, NOW));
    expect(text).toMatchInlineSnapshot(`
      "⚠ prod-admin: refresh failed — IAM could not be reached (ECONNREFUSED). akvault retries on its own.
      ---
      Default: prod-admin — 7 min left {disabled}
      Stop session
      Copy export ▸
        bash / zsh
        fish
        PowerShell
      Copy KooCLI arguments
      Copy AK
      Copy SK
      Copy security token
      Refresh now
      Open console
      ---
      Profiles {disabled}
      acme-dev {disabled}
      ( ) dev-temp (1 h 30 min)
      acme-ops {disabled}
      ( ) ops-alice
      acme-prod {disabled}
      (•) prod-admin (alarm)
      No account {disabled}
      ( ) scratch
      ---
      Manage profiles…
      [x] Local helper: on (127.0.0.1:47123)
      ---
      Show akvault
      Quit akvault"
    `);
    expect(text.split('\n')[0]).toContain('refresh failed');
  });

  it('zh-CN', () => {
    expect(menuText(buildTrayMenu({ snapshot: alarmed(), windowVisible: false }, zh, NOW))).toMatchInlineSnapshot(`
      "⚠ prod-admin：刷新失败 — IAM could not be reached (ECONNREFUSED). akvault retries on its own.
      ---
      默认配置：prod-admin（剩余 7 分钟） {disabled}
      停止会话
      复制环境变量 ▸
        bash / zsh
        fish
        PowerShell
      复制 KooCLI 参数
      复制 AK
      复制 SK
      复制安全令牌
      立即刷新
      打开控制台
      ---
      配置 {disabled}
      acme-dev {disabled}
      ( ) dev-temp（1 小时 30 分钟）
      acme-ops {disabled}
      ( ) ops-alice
      acme-prod {disabled}
      (•) prod-admin（告警）
      未指定账号 {disabled}
      ( ) scratch
      ---
      管理配置…
      [x] 本地助手：已开启（127.0.0.1:47123）
      ---
      显示 akvault
      退出 akvault"
    `);
  });

  it('shows three alarms, then a count, and shortens long messages', () => {
    const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const s = snapshot({ profiles: names.map((n) => profile(n)), alarms: names.map((n) => alarm(n, { message: 'x'.repeat(300) })) });
    const menu = buildTrayMenu({ snapshot: s, windowVisible: false }, en, NOW);
    const top = menu.slice(0, 4);
    expect(top.map((m) => m.id)).toEqual(['alarm:a1', 'alarm:a2', 'alarm:a3', 'alarm:more']);
    expect(top[3]!.label).toBe('2 more alarms…');
    expect(top[0]!.label!.length).toBeLessThan(120);
    expect(buildTrayMenu({ snapshot: s, windowVisible: false }, zh, NOW)[3]!.label).toBe('另有 2 个告警…');
  });

  it('puts a locked keychain on top', () => {
    const s = snapshot({ keychain: { state: 'locked', backend: 'Secret Service', message: 'locked' } });
    expect(buildTrayMenu({ snapshot: s, windowVisible: false }, en, NOW)[0]).toMatchObject({ id: 'keychain', label: 'Keychain locked — unlock it to use your keys' });
    expect(buildTrayMenu({ snapshot: s, windowVisible: false }, zh, NOW)[0]!.label).toBe('系统钥匙串已锁定，解锁后才能使用密钥');
  });
});

describe('tray menu model: many profiles', () => {
  const many = () => {
    const accounts = ['acme-dev', 'acme-prod', 'acme-audit'];
    const profiles = Array.from({ length: MAX_INLINE_PROFILES + 5 }, (_, i) => profile(`p-${String(i).padStart(2, '0')}`, { domainName: accounts[i % 3]! }));
    profiles.push(profile('loose'));
    return snapshot({ profiles, defaultProfile: 'p-04' });
  };

  it('en: one submenu per account and a search item', () => {
    const menu = buildTrayMenu({ snapshot: many(), windowVisible: false }, en, NOW);
    const submenus = menu.filter((m) => m.type === 'submenu' && m.id.startsWith('account:'));
    expect(submenus.map((m) => m.label)).toEqual(['acme-audit (6)', 'acme-dev (7)', 'acme-prod (7)', 'No account (1)']);
    expect(findMenuItem(menu, 'search-profiles')).toMatchObject({ label: 'Search profiles…', action: { type: 'search-profiles' } });
    const inner = findMenuItem(menu, 'profile:p-04') as MenuItemModel;
    expect(inner).toMatchObject({ type: 'radio', checked: true });
    expect(submenus.find((m) => m.label === 'acme-prod (7)')!.submenu!.some((m) => m.id === 'profile:p-04')).toBe(true);
    // No profile is listed inline at the top level any more.
    expect(menu.some((m) => m.type === 'radio')).toBe(false);
  });

  it('zh-CN', () => {
    const menu = buildTrayMenu({ snapshot: many(), windowVisible: false }, zh, NOW);
    expect(findMenuItem(menu, 'search-profiles')?.label).toBe('搜索配置…');
    expect(menu.filter((m) => m.type === 'submenu' && m.id.startsWith('account:')).map((m) => m.label)).toContain('未指定账号 (1)');
  });

  it(`lists up to ${MAX_INLINE_PROFILES} profiles inline, grouped by account`, () => {
    const profiles = Array.from({ length: MAX_INLINE_PROFILES }, (_, i) => profile(`q-${i}`, { domainName: i < 5 ? 'acme-a' : 'acme-b' }));
    const menu = buildTrayMenu({ snapshot: snapshot({ profiles }), windowVisible: false }, en, NOW);
    expect(menu.filter((m) => m.type === 'radio')).toHaveLength(MAX_INLINE_PROFILES);
    expect(findMenuItem(menu, 'search-profiles')).toBeUndefined();
    expect(menu.filter((m) => m.id.startsWith('account:')).map((m) => m.label)).toEqual(['acme-a', 'acme-b']);
  });
});

describe('tray menu model: edges', () => {
  it('before the first snapshot: only Show and Quit', () => {
    expect(menuText(buildTrayMenu({ snapshot: null, windowVisible: false }, en, NOW))).toBe('Show akvault\nQuit akvault');
  });

  it('without profiles or a default', () => {
    const text = menuText(buildTrayMenu({ snapshot: snapshot({ helper: { state: 'off' } }), windowVisible: false }, en, NOW));
    expect(text).toContain('No default profile {disabled}');
    expect(text).toContain('No profiles yet {disabled}');
    expect(text).toContain('[ ] Local helper: off');
  });

  it('the helper item toggles', () => {
    const on = findMenuItem(buildTrayMenu({ snapshot: idle(), windowVisible: false }, en, NOW), 'helper')!;
    expect(on).toMatchObject({ type: 'checkbox', checked: true, label: 'Local helper: on (127.0.0.1:47123)', action: { type: 'set-helper', enabled: false } });
    const off = findMenuItem(buildTrayMenu({ snapshot: snapshot({ helper: { state: 'off' } }), windowVisible: false }, zh, NOW), 'helper')!;
    expect(off).toMatchObject({ checked: false, label: '本地助手：已关闭', action: { type: 'set-helper', enabled: true } });
  });

  it('marks expired pasted keys', () => {
    const s = snapshot({ profiles: [profile('old', { kind: 'temporary-key', expiresAt: inMinutes(-5) })], defaultProfile: 'old' });
    const menu = buildTrayMenu({ snapshot: s, windowVisible: false }, en, NOW);
    expect(findMenuItem(menu, 'default')?.label).toBe('Default: old — expired');
    expect(findMenuItem(menu, 'profile:old')?.label).toBe('old (expired)');
  });
});
