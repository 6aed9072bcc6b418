import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { eventChannels } from '../../../preload/channels';
import { TrustedSenders } from '../../../main/electron/ipc';
import { MfaPromptWindow } from '../../../main/electron/mfa-prompt-window';
import { MFA_TIMEOUT_MS, MfaRequests } from '../../../main/shared/mfa-requests';

const PASSCODE = '492039';

class FakeWebContents extends EventEmitter {
  static nextId = 100;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<[string, unknown]> = [];
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  url = '';
  shown = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.all.push(this);
  }
  loadURL(url: string) {
    this.url = url;
    queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  focus() {}
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
  }
  /** The person closes the window. */
  userClose() {
    this.destroy();
  }
}

function setup() {
  FakeWindow.all = [];
  const requests = new MfaRequests({ newId: (() => { let n = 0; return () => `req-${++n}`; })() });
  const senders = new TrustedSenders();
  const prompt = new MfaPromptWindow(requests, FakeWindow as never, senders, { preload: '/app/out/preload/mfa.js', title: () => 'akvault — MFA passcode' });
  const ask = (profile = 'ops-mfa') => requests.prompt({ profile, account: 'acme-ops', userName: 'mfa-user' });
  return { requests, senders, prompt, ask };
}

describe('MFA prompt window', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens a small always-on-top, sandboxed window on the app origin, registered with the mfa role', async () => {
    const { senders, ask } = setup();
    void ask();
    const [win] = FakeWindow.all;
    expect(win).toBeDefined();
    expect(win!.options).toMatchObject({ alwaysOnTop: true, resizable: false, show: false, title: 'akvault — MFA passcode' });
    expect(win!.options.webPreferences).toMatchObject({ preload: '/app/out/preload/mfa.js', sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win!.url).toBe('app://akvault/mfa.html');
    expect(senders.roleOf(win!.webContents.id)).toBe('mfa');
    await Promise.resolve();
    expect(win!.shown).toBe(true);
  });

  it('submit: the broker gets the passcode, the window closes, and no push ever carried it', async () => {
    const { requests, ask } = setup();
    const answer = ask();
    const win = FakeWindow.all[0]!;
    const pushed = win.webContents.sent;
    expect(pushed).toHaveLength(1);
    expect(pushed[0]![0]).toBe(eventChannels.mfaRequest);
    expect(pushed[0]![1]).toMatchObject({ pending: { requestId: 'req-1', profile: 'ops-mfa', account: 'acme-ops', userName: 'mfa-user', queued: 0, locale: 'en' } });
    requests.submit('req-1', PASSCODE);
    await expect(answer).resolves.toBe(PASSCODE);
    expect(win.destroyed).toBe(true);
    expect(JSON.stringify(pushed)).not.toContain(PASSCODE);
    expect(requests.current()).toBeNull();
  });

  it('cancel → null', async () => {
    const { requests, ask } = setup();
    const answer = ask();
    requests.cancel('req-1');
    await expect(answer).resolves.toBeNull();
    expect(FakeWindow.all[0]!.destroyed).toBe(true);
  });

  it('times out after two minutes → null, and the window goes away', async () => {
    const { ask } = setup();
    const answer = ask();
    await vi.advanceTimersByTimeAsync(MFA_TIMEOUT_MS - 1);
    expect(FakeWindow.all[0]!.destroyed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toBeNull();
    expect(FakeWindow.all[0]!.destroyed).toBe(true);
  });

  it('closing the window is a cancel', async () => {
    const { ask, requests } = setup();
    const answer = ask();
    FakeWindow.all[0]!.userClose();
    await expect(answer).resolves.toBeNull();
    expect(requests.current()).toBeNull();
    expect(FakeWindow.all).toHaveLength(1);
  });

  it('queued requests are shown one after the other', async () => {
    const { requests, ask } = setup();
    const first = ask('ops-mfa');
    const second = ask('audit-mfa');
    const win = FakeWindow.all[0]!;
    expect(win.webContents.sent.at(-1)![1]).toMatchObject({ pending: { requestId: 'req-1', queued: 1 } });
    requests.submit('req-1', PASSCODE);
    await expect(first).resolves.toBe(PASSCODE);
    // Same window, now showing the next request.
    expect(win.destroyed).toBe(false);
    expect(win.webContents.sent.at(-1)![1]).toMatchObject({ pending: { requestId: 'req-2', profile: 'audit-mfa', queued: 0 } });
    requests.cancel('req-2');
    await expect(second).resolves.toBeNull();
    expect(win.destroyed).toBe(true);
  });

  it('a late or unknown submit is refused; a late cancel is harmless', async () => {
    const { requests, ask } = setup();
    const answer = ask();
    requests.cancel('req-1');
    await answer;
    expect(() => requests.submit('req-1', PASSCODE)).toThrow(/no longer waiting/);
    expect(() => requests.cancel('req-1')).not.toThrow();
  });

  it('focus() reopens the prompt for a pending request (the notification click)', () => {
    const { prompt, ask } = setup();
    void ask();
    // The person closes it, which cancels: focus() then has nothing to show.
    FakeWindow.all[0]!.userClose();
    prompt.focus();
    expect(FakeWindow.all).toHaveLength(1);
    void ask();
    expect(FakeWindow.all).toHaveLength(2);
    prompt.focus();
    expect(FakeWindow.all).toHaveLength(2);
    prompt.dispose();
    expect(FakeWindow.all[1]!.destroyed).toBe(true);
  });
});
