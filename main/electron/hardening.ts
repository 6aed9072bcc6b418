/**
 * App-wide Electron hardening, applied once at startup: no navigation, no new windows, no webviews,
 * every permission request and check denied. Checklist: electron docs/tutorial/security.md items
 * 13–15 and 5.
 */
import type { App, Session } from 'electron';

type HardenedApp = Pick<App, 'on'>;
type HardenedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & Partial<Pick<Session, 'setDevicePermissionHandler'>>;

export function hardenApp(app: HardenedApp, session: HardenedSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** webPreferences every akvault window uses: isolated, sandboxed, no Node in the page, no DevTools in releases. */
export function secureWebPreferences(preload: string, opts: { devTools?: boolean } = {}) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: opts.devTools ?? false,
  } as const;
}
