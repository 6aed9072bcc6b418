/**
 * Composition root of the Electron app: builds the core for this machine and hands it to the thin
 * Electron adapters (window, IPC, protocol). Nothing here holds logic of its own.
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { resolveDataDir } from './core/paths';
import { createDefaultSecretStore } from './core/secrets/default-store';
import { createService } from './core/service';
import { registerAppProtocol, APP_SCHEME } from './electron/app-protocol';
import { hardenApp } from './electron/hardening';
import { registerIpc, TrustedSenders } from './electron/ipc';
import { MainWindow } from './electron/main-window';
import { createViewState } from './shared/view-state';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const outDir = path.join(__dirname, '..');
  const dataDir = resolveDataDir();
  const service = createService({ dataDir, secretStore: createDefaultSecretStore(dataDir) });
  const senders = new TrustedSenders();
  const mainWindow = new MainWindow(BrowserWindow, senders, outDir);
  const view = createViewState(service, (snapshot) => mainWindow.window?.webContents.send('akvault:event:snapshot', snapshot));

  app.on('second-instance', () => mainWindow.show());
  app.on('window-all-closed', () => {
    /* the tray keeps running; Quit is the only exit */
  });
  app.on('before-quit', () => mainWindow.markQuitting());

  void app.whenReady().then(() => {
    hardenApp(app, session.defaultSession);
    registerAppProtocol(protocol, path.join(outDir, 'renderer'));
    registerIpc(ipcMain, view.handlers, senders);
    mainWindow.show();
  });
}
