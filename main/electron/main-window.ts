/**
 * The profile manager window: created hidden, shown on demand (tray click, "Manage profiles…", a second
 * launch), hidden rather than destroyed on close so the tray app keeps running.
 */
import path from 'node:path';
import type { BrowserWindow as BrowserWindowType } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { secureWebPreferences } from './hardening';
import type { TrustedSenders } from './ipc';

type BrowserWindowCtor = typeof BrowserWindowType;

export class MainWindow {
  private win: BrowserWindowType | null = null;
  private quitting = false;

  constructor(
    private readonly BrowserWindow: BrowserWindowCtor,
    private readonly senders: TrustedSenders,
    private readonly outDir: string,
  ) {}

  get window(): BrowserWindowType | null {
    return this.win;
  }

  markQuitting(): void {
    this.quitting = true;
  }

  show(): void {
    const win = this.win ?? this.create();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  private create(): BrowserWindowType {
    const win = new this.BrowserWindow({
      width: 960,
      height: 680,
      minWidth: 520,
      minHeight: 400,
      show: false,
      title: 'akvault',
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(path.join(this.outDir, 'preload', 'index.js')),
    });
    this.senders.add(win.webContents);
    win.on('close', (e) => {
      if (!this.quitting) {
        e.preventDefault();
        win.hide();
      }
    });
    win.on('closed', () => {
      this.win = null;
    });
    void win.loadURL(`${APP_ORIGIN}/index.html`);
    this.win = win;
    return win;
  }
}
