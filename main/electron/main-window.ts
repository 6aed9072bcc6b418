/**
 * The profile manager window: created hidden, shown on demand (tray, "Manage profiles…", a second
 * launch), hidden rather than destroyed on close so the tray app keeps running.
 */
import type { BrowserWindow as BrowserWindowType } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { secureWebPreferences } from './hardening';
import type { TrustedSenders } from './ipc';

export type BrowserWindowCtor = typeof BrowserWindowType;

export interface MainWindowOptions {
  preload: string;
  title?: string;
  devTools?: boolean;
  /** Told whenever the window is shown or hidden (the tray's Show/Hide item follows it). */
  onVisibilityChange?: (visible: boolean) => void;
}

export class MainWindow {
  private win: BrowserWindowType | null = null;
  private quitting = false;

  constructor(
    private readonly BrowserWindow: BrowserWindowCtor,
    private readonly senders: TrustedSenders,
    private readonly opts: MainWindowOptions,
  ) {}

  get window(): BrowserWindowType | null {
    return this.win;
  }

  get webContents() {
    return this.win && !this.win.isDestroyed() ? this.win.webContents : null;
  }

  markQuitting(): void {
    this.quitting = true;
  }

  isVisible(): boolean {
    return !!this.win && !this.win.isDestroyed() && this.win.isVisible();
  }

  show(): void {
    const win = this.win ?? this.create();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  hide(): void {
    this.win?.hide();
  }

  toggle(): void {
    if (this.isVisible()) this.hide();
    else this.show();
  }

  private create(): BrowserWindowType {
    const win = new this.BrowserWindow({
      width: 960,
      height: 680,
      minWidth: 520,
      minHeight: 400,
      show: false,
      title: this.opts.title ?? 'akvault',
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(this.opts.preload, { devTools: this.opts.devTools ?? false }),
    });
    this.senders.add(win.webContents, 'main');
    win.on('close', (e) => {
      if (!this.quitting) {
        e.preventDefault();
        win.hide();
      }
    });
    win.on('show', () => this.opts.onVisibilityChange?.(true));
    win.on('hide', () => this.opts.onVisibilityChange?.(false));
    win.on('closed', () => {
      this.win = null;
      this.opts.onVisibilityChange?.(false);
    });
    void win.loadURL(`${APP_ORIGIN}/index.html`);
    this.win = win;
    return win;
  }
}
