import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { TICK_MS, TrayController, type TrayLike } from '../../../main/electron/tray';
import type { TrayAction } from '../../../main/electron/tray-menu-model';
import { supportsNativeHeaders, toMenuTemplate } from '../../../main/electron/tray-template';
import { createTranslator } from '../../../i18n';
import { alarm, inMinutes, NOW, profile, session, snapshot, teamProfiles } from './support/snapshots';

function fakeTray() {
  const clicks: Array<() => void> = [];
  const tray = {
    images: [] as unknown[],
    tooltips: [] as string[],
    menus: [] as MenuItemConstructorOptions[][],
    popups: 0,
    destroyed: false,
    setImage: vi.fn((img: unknown) => void tray.images.push(img)),
    setToolTip: vi.fn((text: string) => void tray.tooltips.push(text)),
    setContextMenu: vi.fn((menu: unknown) => void tray.menus.push(menu as MenuItemConstructorOptions[])),
    popUpContextMenu: vi.fn(() => void tray.popups++),
    on: vi.fn((_e: 'click', l: () => void) => void clicks.push(l)),
    destroy: vi.fn(() => void (tray.destroyed = true)),
    click: () => clicks.forEach((c) => c()),
  };
  return tray;
}

function setup(platform: NodeJS.Platform = 'linux', lang: 'en' | 'zh-CN' = 'en') {
  const tray = fakeTray();
  const actions: TrayAction[] = [];
  const toggles = { n: 0 };
  const created: unknown[] = [];
  const controller = new TrayController<string, MenuItemConstructorOptions[]>({
    createTray: (image) => {
      created.push(image);
      return tray as unknown as TrayLike;
    },
    buildMenu: (template) => template,
    image: (status) => `icon:${status}`,
    platform,
    translator: () => createTranslator(lang),
    onAction: (a) => actions.push(a),
    toggleWindow: () => void toggles.n++,
    now: () => Date.now(),
  });
  return { tray, controller, actions, toggles, created };
}

const labels = (menu: MenuItemConstructorOptions[] | undefined): string[] => (menu ?? []).flatMap((m) => [m.label ?? '---', ...labels(m.submenu as MenuItemConstructorOptions[] | undefined)]);

describe('tray adapter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('creates the tray once, with the idle icon, and a menu straight away', () => {
    const { controller, tray, created } = setup();
    controller.start();
    controller.start();
    expect(created).toEqual(['icon:idle']);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);
    expect(labels(tray.menus.at(-1))).toEqual(['Show akvault', 'Quit akvault']);
  });

  it('re-sets the context menu on every state change, and the icon when the state changes', () => {
    const { controller, tray } = setup();
    controller.start();
    controller.update({ snapshot: snapshot({ profiles: teamProfiles(), defaultProfile: 'ops-alice' }) });
    controller.update({ windowVisible: true });
    expect(tray.setContextMenu).toHaveBeenCalledTimes(3);
    expect(labels(tray.menus.at(-1))).toContain('Hide akvault');
    expect(tray.setImage).not.toHaveBeenCalled();

    controller.update({ snapshot: snapshot({ profiles: teamProfiles(), sessions: [session('prod-admin')] }) });
    expect(tray.images).toEqual(['icon:active']);
    controller.update({ snapshot: snapshot({ profiles: teamProfiles(), sessions: [session('prod-admin')], alarms: [alarm('prod-admin')] }) });
    expect(tray.images).toEqual(['icon:active', 'icon:alarm']);
    expect(controller.current()?.status).toBe('alarm');
  });

  it('re-renders every minute while a session counts down, and stops ticking when nothing does', () => {
    const { controller, tray } = setup();
    controller.start();
    // No pasted temporary keys here: their entries would keep the minutes ticking.
    const profiles = teamProfiles().filter((p) => p.kind !== 'temporary-key');
    controller.update({ snapshot: snapshot({ profiles, defaultProfile: 'prod-admin', sessions: [session('prod-admin', { expiresAt: inMinutes(3) })] }) });
    expect(tray.tooltips.at(-1)).toBe('akvault — prod-admin, 3 min left');
    const before = tray.setContextMenu.mock.calls.length;

    vi.advanceTimersByTime(TICK_MS);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(before + 1);
    expect(tray.tooltips.at(-1)).toBe('akvault — prod-admin, 2 min left');
    expect(labels(tray.menus.at(-1))[0]).toBe('Default for CLI and helper: prod-admin — 2 min left');

    vi.advanceTimersByTime(TICK_MS);
    expect(tray.tooltips.at(-1)).toBe('akvault — prod-admin, 1 min left');
    vi.advanceTimersByTime(2 * TICK_MS);
    // Expired: the last tick showed it, and the ticking stopped.
    expect(tray.tooltips.at(-1)).toBe('akvault — prod-admin expired');
    const settled = tray.setContextMenu.mock.calls.length;
    vi.advanceTimersByTime(10 * TICK_MS);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(settled);
  });

  it('does not tick for permanent keys', () => {
    const { controller, tray } = setup();
    controller.start();
    controller.update({ snapshot: snapshot({ profiles: [profile('p')], defaultProfile: 'p', sessions: [session('p', { kind: 'access-key' })] }) });
    const n = tray.setContextMenu.mock.calls.length;
    vi.advanceTimersByTime(5 * TICK_MS);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(n);
  });

  it('menu clicks reach the action handler', () => {
    const { controller, tray, actions } = setup();
    controller.start();
    controller.update({ snapshot: snapshot({ profiles: teamProfiles(), defaultProfile: 'ops-alice' }) });
    const menu = tray.menus.at(-1)!;
    const click = (m: MenuItemConstructorOptions | undefined) => m!.click!({} as never, undefined, {} as never);
    const sub = (m: MenuItemConstructorOptions | undefined) => m!.submenu as MenuItemConstructorOptions[];
    const prodAdmin = sub(menu.find((m) => m.id === 'profile:prod-admin'));
    click(prodAdmin.find((m) => m.id === 'profile:prod-admin:default'));
    click(sub(prodAdmin.find((m) => m.id === 'profile:prod-admin:copy:export')).find((m) => m.id === 'profile:prod-admin:copy:export-bash'));
    click(sub(menu.find((m) => m.id === 'copy:export')).find((m) => m.id === 'copy:export-fish'));
    expect(actions).toEqual([
      { type: 'set-default', profile: 'prod-admin' },
      { type: 'copy', profile: 'prod-admin', what: 'export-bash' },
      { type: 'copy', profile: 'ops-alice', what: 'export-fish' },
    ]);
  });

  it('per OS: Windows pops the menu up on click, Linux toggles the window, macOS leaves it to the system', () => {
    const win = setup('win32');
    win.controller.start();
    win.tray.click();
    expect(win.tray.popups).toBe(1);

    const linux = setup('linux');
    linux.controller.start();
    linux.tray.click();
    expect(linux.toggles.n).toBe(1);
    expect(linux.tray.popups).toBe(0);

    const mac = setup('darwin');
    mac.controller.start();
    expect(mac.tray.on).not.toHaveBeenCalled();
  });

  it('speaks the configured language', () => {
    const { controller, tray } = setup('linux', 'zh-CN');
    controller.start();
    controller.update({ snapshot: snapshot({ profiles: teamProfiles(), defaultProfile: 'dev-temp' }) });
    expect(tray.tooltips.at(-1)).toBe('akvault — dev-temp，剩余 1 小时 30 分钟');
    expect(labels(tray.menus.at(-1))).toContain('退出 akvault');
  });

  it('account headers: a native section header on macOS 14+, a ruled greyed line elsewhere', () => {
    const withHeaders = (native: boolean) => {
      const tray = fakeTray();
      const controller = new TrayController<string, MenuItemConstructorOptions[]>({
        createTray: () => tray as unknown as TrayLike,
        buildMenu: (template) => template,
        image: (status) => `icon:${status}`,
        platform: native ? 'darwin' : 'linux',
        translator: () => createTranslator('en'),
        onAction: () => undefined,
        toggleWindow: () => undefined,
        nativeMenuHeaders: native,
      });
      controller.start();
      controller.update({ snapshot: snapshot({ profiles: teamProfiles(), defaultProfile: 'ops-alice' }) });
      return tray.menus.at(-1)!.find((m) => m.id === 'account:acme-ops');
    };
    expect(withHeaders(true)).toEqual({ id: 'account:acme-ops', type: 'header', label: 'acme-ops' });
    expect(withHeaders(false)).toEqual({ id: 'account:acme-ops', type: 'normal', label: '── acme-ops ──', enabled: false });
  });

  it('keeps profiles used from the tray on the short list of a long menu', () => {
    const { controller, tray } = setup();
    controller.start();
    const profiles = Array.from({ length: 40 }, (_, i) => profile(`p-${String(i).padStart(2, '0')}`));
    controller.update({ snapshot: snapshot({ profiles, defaultProfile: 'p-00' }) });
    const inline = () => tray.menus.at(-1)!.filter((m) => m.id?.startsWith('profile:')).map((m) => m.id);
    expect(inline()).toEqual(['profile:p-00']);
    controller.noteProfileUsed('p-31');
    controller.noteProfileUsed('p-07');
    controller.noteProfileUsed('p-31');
    expect(inline()).toEqual(['profile:p-00', 'profile:p-07', 'profile:p-31']);
  });

  it('dispose stops the tick and destroys the tray', () => {
    const { controller, tray } = setup();
    controller.start();
    controller.update({ snapshot: snapshot({ profiles: teamProfiles(), defaultProfile: 'dev-temp' }) });
    controller.dispose();
    const n = tray.setContextMenu.mock.calls.length;
    vi.advanceTimersByTime(5 * TICK_MS);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(n);
    expect(tray.destroyed).toBe(true);
  });
});

describe('menu template', () => {
  it('knows which systems have native menu headers (macOS 14 is Darwin 23)', () => {
    expect(supportsNativeHeaders('darwin', '23.0.0')).toBe(true);
    expect(supportsNativeHeaders('darwin', '24.1.0')).toBe(true);
    expect(supportsNativeHeaders('darwin', '22.6.0')).toBe(false);
    expect(supportsNativeHeaders('linux', '23.0.0')).toBe(false);
    expect(supportsNativeHeaders('win32', '10.0.22631')).toBe(false);
  });

  it('a header in a submenu follows the same rule; "&" in a fallback header is still literal', () => {
    const model = [{ id: 's', type: 'submenu' as const, label: 'More', enabled: true, submenu: [{ id: 'h', type: 'header' as const, label: 'R&D', enabled: false }] }];
    expect((toMenuTemplate(model, () => undefined)[0]!.submenu as MenuItemConstructorOptions[])[0]).toEqual({ id: 'h', type: 'normal', label: '── R&&D ──', enabled: false });
    expect((toMenuTemplate(model, () => undefined, { nativeHeaders: true })[0]!.submenu as MenuItemConstructorOptions[])[0]).toEqual({ id: 'h', type: 'header', label: 'R&&D' });
  });

  it('doubles a literal "&" so it is not taken for a mnemonic', () => {
    const [item] = toMenuTemplate([{ id: 'x', type: 'normal', label: 'R&D account', enabled: false }], () => undefined);
    expect(item).toEqual({ id: 'x', label: 'R&&D account', enabled: false, type: 'normal' });
  });

  it('keeps radio state and separators', () => {
    const t = toMenuTemplate(
      [
        { id: 'sep:a', type: 'separator', enabled: true },
        { id: 'r', type: 'radio', label: 'p', enabled: true, checked: true, action: { type: 'quit' } },
      ],
      () => undefined,
    );
    expect(t[0]).toEqual({ id: 'sep:a', type: 'separator' });
    expect(t[1]).toMatchObject({ type: 'radio', checked: true });
    expect(typeof t[1]!.click).toBe('function');
  });
});
