/**
 * Composition root of the Electron app: builds the core for this machine and hands it to the thin
 * Electron adapters (tray, windows, IPC, clipboard, notifications, helper). Wiring only; each part's
 * rules live in its own module.
 */
import path from 'node:path';
import os from 'node:os';
import { app, BrowserWindow, clipboard, ClipboardItem, ipcMain, Menu, nativeImage, net, Notification, powerMonitor, protocol, session, shell, Tray, type NativeImage } from 'electron';
import { createAppCore } from './core/app-core';
import { helperLog } from './core/helper/helper-log';
import { hostDoctor } from './core/doctor/for-host';
import { createFileLogger, parseLogLevel } from './core/log/file-logger';
import { electronFetch } from './electron/net-fetch';
import { dataFiles, resolveDataDir } from './core/paths';
import { registerAppProtocol, APP_SCHEME } from './electron/app-protocol';
import { ClipboardGuard, electronClipboardBackend } from './electron/clipboard';
import { hardenApp } from './electron/hardening';
import { registerIpc, TrustedSenders } from './electron/ipc';
import { applyLaunchAtLogin, HIDDEN_FLAG } from './electron/launch-at-login';
import { LocalHelper } from './electron/local-helper';
import { resolveLocale, Translators } from './electron/locale';
import { MainWindow } from './electron/main-window';
import { MfaPromptWindow } from './electron/mfa-prompt-window';
import { Notifier, type NotificationSpec } from './electron/notifications';
import { watchProfilesFile } from './core/profiles/profiles-watch';
import { pushEvent } from './electron/push';
import { createTestHooks, testHooksEnabled, TEST_HOOKS_GLOBAL } from './electron/test-hooks';
import { TrayController } from './electron/tray';
import { createTrayActionHandler } from './electron/tray-actions';
import { iconsDir, trayIconFile } from './electron/tray-icons';
import { supportsNativeHeaders } from './electron/tray-template';
import { createExternalOpener } from './shared/external-url';
import { MfaRequests } from './shared/mfa-requests';
import { createViewState } from './shared/view-state';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** How long quitting waits for the clipboard and the helper before leaving anyway. */
const QUIT_CLEANUP_MS = 3_000;

/** Settles once start() has wired everything (or failed); the executed composition-root test awaits it. */
export let started: Promise<void> | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('window-all-closed', () => {
    /* the tray keeps running; Quit is the only exit */
  });
  started = app.whenReady().then(start, (e: unknown) => {
    console.error(`akvault could not start: ${e instanceof Error ? e.name : 'error'}`);
    app.exit(1);
  });
}

export async function start(): Promise<void> {
  const platform = process.platform;
  const testing = testHooksEnabled(process.env, app.isPackaged);
  const outDir = path.join(__dirname, '..');
  const dataDir = resolveDataDir();
  const devTools = !app.isPackaged;
  const logger = createFileLogger({ file: dataFiles(dataDir).log, host: 'app', level: parseLogLevel(process.env.AKVAULT_LOG_LEVEL) ?? 'info' });
  logger.info('app.start', { version: app.getVersion(), electron: process.versions.electron, platform });
  // A tray app: no Dock icon (LSUIElement does this for the packaged app; this covers development).
  app.dock?.hide();
  if (platform === 'win32') app.setAppUserModelId('io.akvault.app');

  hardenApp(app, session.defaultSession);
  registerAppProtocol(protocol, path.join(outDir, 'renderer'));

  // ---------- language ----------
  const translators = new Translators();
  const systemLocales = () => [...app.getPreferredSystemLanguages(), app.getLocale()];
  let locale = resolveLocale('system', systemLocales());
  const t = () => translators.get(locale);

  // ---------- core ----------
  const mfa = new MfaRequests({ locale: () => locale });
  // Electron's net.fetch: the OS proxy settings and certificate store apply to IAM calls (net-fetch.ts).
  const core = await createAppCore({ dataDir, prompt: mfa.prompt, watchProfiles: true, logger, fetch: electronFetch(net) });
  locale = resolveLocale(core.settings.get().language, systemLocales());

  // ---------- adapters ----------
  const senders = new TrustedSenders();
  let tray: TrayController<NativeImage, Menu> | null = null;
  const mainWindow = new MainWindow(BrowserWindow, senders, {
    preload: path.join(outDir, 'preload', 'index.js'),
    devTools,
    onVisibilityChange: (visible) => tray?.update({ windowVisible: visible }),
  });
  const mfaWindow = new MfaPromptWindow(mfa, BrowserWindow, senders, {
    preload: path.join(outDir, 'preload', 'mfa.js'),
    title: () => t().t('mfa.windowTitle'),
    devTools,
  });

  const guard = new ClipboardGuard(electronClipboardBackend(clipboard, ClipboardItem, platform), () => core.settings.get().clipboardClearSeconds);
  const openedHosts: string[] = [];
  const openExternal = createExternalOpener(async (url) => {
    // The end-to-end test must not open a browser; it checks where the link would have gone.
    if (testing) openedHosts.push(new URL(url).host);
    else await shell.openExternal(url);
  });

  let refresh = () => {};
  const vault = (await core.secretBackend?.backend().catch(() => null))?.vault ?? undefined;
  const helper = new LocalHelper({ provider: core.broker, helperFile: dataFiles(dataDir).helper, onChange: () => refresh(), log: helperLog(logger), ...(vault ? { vault } : {}) });

  const view = createViewState(
    core,
    {
      clipboard: guard,
      openExternal,
      helper,
      locale: { current: () => locale },
      koocliShell: platform === 'win32' ? 'powershell' : 'bash',
      diagnostics: hostDoctor({ host: 'app', dataDir, service: core.service, akvaultVersion: app.getVersion(), fetch: electronFetch(net) }),
      async onSettingsChanged(next, previous) {
        if (next.helperEnabled !== previous.helperEnabled || next.helperPort !== previous.helperPort) void helper.apply(next.helperEnabled, next.helperPort);
        if (next.launchAtLogin !== previous.launchAtLogin) await launchAtLogin(next.launchAtLogin);
        if (next.language !== previous.language) locale = resolveLocale(next.language, systemLocales());
      },
    },
    mfa,
  );
  refresh = () => view.refresh();

  const liveNotifications = new Set<Notification>();
  const showNotification = (n: NotificationSpec) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: n.title, body: n.body });
    // Held until closed: a notification garbage-collected early loses its click handler.
    liveNotifications.add(notification);
    notification.on('close', () => liveNotifications.delete(notification));
    if (n.onClick) notification.on('click', n.onClick);
    notification.show();
  };
  const notifier = new Notifier({ show: showNotification, translator: t, openMfaPrompt: () => mfaWindow.focus() });

  const runTrayAction = createTrayActionHandler({
    view,
    showWindow: () => mainWindow.show(),
    hideWindow: () => mainWindow.hide(),
    quit: () => app.quit(),
    reportError: (message) => notifier.actionFailed(message),
    onProfileUsed: (profile) => tray?.noteProfileUsed(profile),
  });
  const icons = iconsDir(app.getAppPath());
  tray = new TrayController({
    createTray: (image) => new Tray(image),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    image: (status) => {
      const image = nativeImage.createFromPath(path.join(icons, trayIconFile(status, platform)));
      if (platform === 'darwin') image.setTemplateImage(true);
      return image;
    },
    platform,
    translator: t,
    onAction: (action) => void runTrayAction(action),
    toggleWindow: () => mainWindow.toggle(),
    nativeMenuHeaders: supportsNativeHeaders(platform, os.release()),
  });

  // ---------- state flows ----------
  view.onSnapshot((snapshot) => {
    pushEvent(mainWindow.webContents, 'snapshot', snapshot, logger);
    tray?.update({ snapshot });
    notifier.onSnapshot(snapshot);
  });
  core.broker.on((event) => notifier.onBrokerEvent(event));
  mfa.on((pending) => pushEvent(mainWindow.webContents, 'mfaRequest', { pending }, logger));
  // Another process (the CLI) edited the profiles: the broker's index forgets its copy before the view reads it.
  const stopWatching = watchProfilesFile(dataFiles(dataDir).profiles, () => void core.broker.profileChanged(null).then(() => view.refresh()));

  registerIpc(ipcMain, view.handlers, senders, undefined, logger);
  tray.start();
  void view.snapshot().catch(() => undefined);
  void helper.apply(core.settings.get().helperEnabled, core.settings.get().helperPort);
  // Re-assert the login item (a reinstall or a moved AppImage loses it); off stays untouched.
  if (core.settings.get().launchAtLogin) void launchAtLogin(true).catch(() => undefined);

  if (testing) {
    (globalThis as Record<string, unknown>)[TEST_HOOKS_GLOBAL] = createTestHooks({
      tray: () => tray?.current() ?? null,
      snapshot: () => view.latest(),
      run: runTrayAction,
      openedHosts: () => [...openedHosts],
    });
  }

  // ---------- OS events ----------
  app.on('second-instance', () => mainWindow.show());
  powerMonitor.on('resume', () => core.broker.handleResume());
  powerMonitor.on('suspend', () => void guard.clearIfOurs());
  powerMonitor.on('lock-screen', () => void guard.clearIfOurs());

  function launchAtLogin(enabled: boolean): Promise<void> {
    return applyLaunchAtLogin(enabled, {
      platform,
      setLoginItemSettings: (s) => app.setLoginItemSettings(s),
      executable: process.env.APPIMAGE ?? process.execPath,
      autostartDir: path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'autostart'),
    });
  }

  // Quit is the only exit: clear our secret from the clipboard, stop the sessions (their tool-file
  // entries go with them) and the helper (helper.json too) before the process ends, a few seconds at most.
  let cleanedUp = false;
  app.on('before-quit', (e) => {
    mainWindow.markQuitting();
    if (cleanedUp) return;
    e.preventDefault();
    const stopSessions = core.broker.sessionViews().map((s) => core.broker.stopSession(s.profile));
    const cleanup = Promise.allSettled([guard.clearIfOurs(), helper.stop(), ...stopSessions]);
    logger.info('app.quit', { sessions: stopSessions.length });
    const deadline = new Promise((r) => setTimeout(r, QUIT_CLEANUP_MS));
    void Promise.race([cleanup, deadline]).finally(() => {
      cleanedUp = true;
      mfa.cancelAll();
      stopWatching();
      notifier.dispose();
      guard.dispose();
      mfaWindow.dispose();
      view.dispose();
      tray?.dispose();
      core.dispose();
      app.quit();
    });
  });
  process.on('exit', () => helper.releaseNow());

  const hidden = process.argv.includes(HIDDEN_FLAG) || app.getLoginItemSettings().wasOpenedAtLogin;
  if (!hidden) mainWindow.show();
}
