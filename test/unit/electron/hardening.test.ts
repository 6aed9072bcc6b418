import { describe, expect, it, vi } from 'vitest';
import { hardenApp, secureWebPreferences } from '../../../main/electron/hardening';

describe('window hardening', () => {
  it('every window is isolated, sandboxed, Node-free, and without DevTools unless asked', () => {
    const prefs = secureWebPreferences('/app/preload/index.js');
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(secureWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });

  function fakes() {
    const appHandlers = new Map<string, (...a: unknown[]) => void>();
    const app = { on: vi.fn((ev: string, fn: (...a: unknown[]) => void) => void appHandlers.set(ev, fn)) };
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    const contentsHandlers = new Map<string, (e: { preventDefault(): void }) => void>();
    let openHandler: (() => unknown) | undefined;
    const contents = {
      on: vi.fn((ev: string, fn: (e: { preventDefault(): void }) => void) => void contentsHandlers.set(ev, fn)),
      setWindowOpenHandler: vi.fn((fn: () => unknown) => void (openHandler = fn)),
    };
    return { app, appHandlers, session, contents, contentsHandlers, openHandler: () => openHandler };
  }

  it('denies every permission request and check', () => {
    const f = fakes();
    hardenApp(f.app as never, f.session as never);
    const request = f.session.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    const cb = vi.fn();
    for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) request({}, p, cb);
    expect(cb.mock.calls.every(([ok]) => ok === false)).toBe(true);
    const check = f.session.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean;
    expect(check()).toBe(false);
    expect((f.session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
  });

  it('blocks navigation, redirects, webviews and new windows in every web contents', () => {
    const f = fakes();
    hardenApp(f.app as never, f.session as never);
    f.appHandlers.get('web-contents-created')!({}, f.contents);
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      f.contentsHandlers.get(ev)!(e);
      expect(e.preventDefault).toHaveBeenCalled();
    }
    expect(f.openHandler()!()).toEqual({ action: 'deny' });
  });
});
