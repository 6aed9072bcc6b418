/**
 * The broker's MFA prompt hook, made answerable from a window: each request gets an id and waits until
 * a page submits a passcode for that id, cancels it, or it times out (→ null, which the broker reports
 * as "cancelled"). Requests queue; the first is the one shown. Listeners hear who is asking, never a
 * passcode — the passcode goes straight from submit() into the waiting promise.
 */
import { randomUUID } from 'node:crypto';
import type { LocaleView, MfaRequestView } from '../../preload/contract';
import { AkvaultError } from '../core/errors';
import type { MfaPrompt, MfaRequest } from '../core/sessions/broker';

export const MFA_TIMEOUT_MS = 2 * 60_000;

interface Pending {
  id: string;
  request: MfaRequest;
  expiresAt: number;
  resolve(code: string | null): void;
  timer: ReturnType<typeof setTimeout>;
}

export type MfaListener = (pending: MfaRequestView | null) => void;

export class MfaRequests {
  private readonly queue: Pending[] = [];
  private readonly listeners = new Set<MfaListener>();
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly locale: () => LocaleView;

  constructor(opts: { timeoutMs?: number; now?: () => number; newId?: () => string; locale?: () => LocaleView } = {}) {
    this.timeoutMs = opts.timeoutMs ?? MFA_TIMEOUT_MS;
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? randomUUID;
    this.locale = opts.locale ?? (() => 'en');
  }

  /** The hook handed to the broker. */
  readonly prompt: MfaPrompt = (request) =>
    new Promise<string | null>((resolve) => {
      const id = this.newId();
      const timer = setTimeout(() => this.settle(id, null), this.timeoutMs);
      timer.unref?.();
      this.queue.push({ id, request: { ...request }, expiresAt: this.now() + this.timeoutMs, resolve, timer });
      this.changed();
    });

  current(): MfaRequestView | null {
    const first = this.queue[0];
    if (!first) return null;
    return {
      requestId: first.id,
      profile: first.request.profile,
      account: first.request.account,
      userName: first.request.userName,
      expiresAt: new Date(first.expiresAt).toISOString(),
      queued: this.queue.length - 1,
      locale: this.locale(),
    };
  }

  submit(id: string, passcode: string): void {
    if (!this.queue.some((p) => p.id === id)) {
      throw new AkvaultError('validation', 'This MFA request is no longer waiting for a passcode.', { hint: 'Start the session again to be asked for a new code.' });
    }
    this.settle(id, passcode);
  }

  /** Cancelling a request that already ended is not an error (the window may race the timeout). */
  cancel(id: string): void {
    this.settle(id, null);
  }

  cancelAll(): void {
    for (const p of [...this.queue]) this.settle(p.id, null);
  }

  on(listener: MfaListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private settle(id: string, passcode: string | null): void {
    const i = this.queue.findIndex((p) => p.id === id);
    if (i < 0) return;
    const [p] = this.queue.splice(i, 1);
    clearTimeout(p!.timer);
    p!.resolve(passcode);
    this.changed();
  }

  private changed(): void {
    const view = this.current();
    for (const l of [...this.listeners]) {
      try {
        l(view);
      } catch {
        // A failing window must not stop the prompt.
      }
    }
  }
}
