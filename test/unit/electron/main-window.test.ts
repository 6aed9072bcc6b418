import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { TrustedSenders } from '../../../main/electron/ipc';
import { MainWindow } from '../../../main/electron/main-window';

class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly webContents = Object.assign(new EventEmitter(), { id: 500 + FakeWindow.all.length, isDestroyed: () => false, send: vi.fn() });
  visible = false;
  destroyed = false;
  url = '';
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.all.push(this);
  }
  loadURL(url: string) {
    this.url = url;
    return Promise.resolve();
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {
    this.visible = true;
    this.emit('show');
  }
  hide() {
    this.visible = false;
    this.emit('hide');
  }
  focus() {}
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** What Electron does on a close request: 'close' (preventable), then 'closed'. */
  requestClose() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
  }
}

describe('main window', () => {
  it('is created hidden and secure on first show, registered as the main window, and reused', () => {
    FakeWindow.all = [];
    const senders = new TrustedSenders();
    const visibility: boolean[] = [];
    const w = new MainWindow(FakeWindow as never, senders, { preload: '/app/out/preload/index.js', onVisibilityChange: (v) => visibility.push(v) });
    expect(w.isVisible()).toBe(false);
    w.show();
    w.show();
    expect(FakeWindow.all).toHaveLength(1);
    const win = FakeWindow.all[0]!;
    expect(win.options).toMatchObject({ show: false, webPreferences: { preload: '/app/out/preload/index.js', sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false } });
    expect(win.url).toBe('app://akvault/index.html');
    expect(senders.roleOf(win.webContents.id)).toBe('main');
    w.toggle();
    expect(w.isVisible()).toBe(false);
    w.toggle();
    expect(visibility).toEqual([true, true, false, true]);
  });

  it('closing hides it (the tray keeps running) until the app quits', () => {
    FakeWindow.all = [];
    const w = new MainWindow(FakeWindow as never, new TrustedSenders(), { preload: '/p' });
    w.show();
    const win = FakeWindow.all[0]!;
    win.requestClose();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    w.markQuitting();
    win.requestClose();
    expect(win.destroyed).toBe(true);
    expect(w.window).toBeNull();
  });
});
