/**
 * The MFA prompt: a small always-on-top window that opens when the broker asks for a passcode
 * (main/shared/mfa-requests.ts) and closes when the request is answered, cancelled or times out.
 * Same security settings as every akvault window; its own preload exposes only the prompt's three
 * operations, and IPC refuses it everything else (role 'mfa'). Closing it cancels the request shown.
 * Pushes name who is asking and never carry a passcode.
 */
import type { BrowserWindow as BrowserWindowType } from 'electron';
import type { MfaRequestView } from '../../preload/contract';
import type { MfaRequests } from '../shared/mfa-requests';
import { APP_ORIGIN } from './app-protocol';
import { secureWebPreferences } from './hardening';
import type { TrustedSenders } from './ipc';
import type { BrowserWindowCtor } from './main-window';
import { pushEvent } from './push';

export interface MfaPromptWindowOptions {
  preload: string;
  title: () => string;
  devTools?: boolean;
}

export class MfaPromptWindow {
  private win: BrowserWindowType | null = null;
  /** The request the window shows; closing the window cancels exactly this one. */
  private shown: MfaRequestView | null = null;
  private readonly off: () => void;

  constructor(
    private readonly requests: MfaRequests,
    private readonly BrowserWindow: BrowserWindowCtor,
    private readonly senders: TrustedSenders,
    private readonly opts: MfaPromptWindowOptions,
  ) {
    this.off = requests.on((pending) => this.follow(pending));
  }

  get window(): BrowserWindowType | null {
    return this.win;
  }

  /** Brings the prompt forward (a click on the "MFA needed" notification). */
  focus(): void {
    const pending = this.requests.current();
    if (!pending) return;
    this.follow(pending);
    this.win?.show();
    this.win?.focus();
  }

  dispose(): void {
    this.off();
    this.close();
  }

  private follow(pending: MfaRequestView | null): void {
    this.shown = pending;
    if (!pending) return this.close();
    const win = this.win ?? this.create();
    pushEvent(win.webContents, 'mfaRequest', { pending });
  }

  private close(): void {
    const win = this.win;
    this.win = null;
    if (win && !win.isDestroyed()) win.destroy();
  }

  private create(): BrowserWindowType {
    const win = new this.BrowserWindow({
      width: 440,
      height: 320,
      useContentSize: true,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      alwaysOnTop: true,
      show: false,
      center: true,
      title: this.opts.title(),
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(this.opts.preload, { devTools: this.opts.devTools ?? false }),
    });
    this.senders.add(win.webContents, 'mfa');
    win.once('ready-to-show', () => {
      win.show();
      win.focus();
    });
    win.on('closed', () => {
      // Closed by the person (not by us after an answer): that is a "no".
      if (this.win === win) {
        this.win = null;
        if (this.shown) this.requests.cancel(this.shown.requestId);
      }
    });
    void win.loadURL(`${APP_ORIGIN}/mfa.html`);
    this.win = win;
    return win;
  }
}
