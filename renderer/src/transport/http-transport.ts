/**
 * The browser UI's transport under preload/bridge.ts (the Electron window uses IPC instead): operations
 * are `POST /ui/api/invoke/<channel>` with the JSON array of arguments, answered by the contract's
 * Result envelope; push events arrive on one Server-Sent Events stream, `GET /ui/api/events`. The
 * session cookie rides along (same origin); the browser adds the Origin header the server checks.
 *
 * The stream reconnects by itself: the browser retries a dropped connection, and when it gives up
 * (the server answered with an error, e.g. while `akvault serve` restarts) this opens a new one after
 * a growing delay. On every (re)connect the server sends the current snapshot first, so the page
 * catches up on whatever it missed.
 *
 * A copy answer's text (the contract's one exception, browser UI only) goes straight to the clipboard
 * here and is dropped: the views get `{clearsInSeconds}` like in the desktop app and never see it.
 */
import type { Transport } from '../../../preload/bridge';
import { operationChannels } from '../../../preload/channels';
import type { ErrorView, Result } from '../../../preload/contract';
import { webClipboard, type WebClipboard } from './web-clipboard';

export interface HttpTransportOptions {
  /** Where the API lives; default `/ui/api` on this page's origin. */
  base?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  clipboard?: () => WebClipboard;
  /** First and largest wait before reopening a stream the browser gave up on. */
  reconnectMs?: { first: number; max: number };
}

/**
 * English fallbacks for failures of the transport itself (main's own errors arrive with its text).
 * Like main's messages they are keyed by a stable code, which is what the views translate by.
 */
const TRANSPORT_ERRORS = {
  'bridge.unreachable': 'akvault is not reachable. Is `akvault serve --ui` still running?',
  'bridge.bad-answer': 'akvault sent an answer the page could not read.',
  'bridge.clipboard-refused': 'The browser did not let the page write to the clipboard. Click into the page and try again.',
} as const;

function failure(code: keyof typeof TRANSPORT_ERRORS): Result<never> {
  const error: ErrorView = { code, message: TRANSPORT_ERRORS[code], params: {} };
  return { ok: false, error };
}

function isResult(x: unknown): x is Result<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string';
}

export function createHttpTransport(opts: HttpTransportOptions = {}): Transport {
  const base = opts.base ?? '/ui/api';
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const Source = opts.EventSource ?? EventSource;
  const clipboard = opts.clipboard ?? webClipboard;
  const backoff = opts.reconnectMs ?? { first: 1_000, max: 30_000 };

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let delay = backoff.first;

  const deliver = (channel: string) => (e: MessageEvent<string>) => {
    let payload: unknown;
    try {
      payload = JSON.parse(e.data);
    } catch {
      return;
    }
    for (const l of [...(listeners.get(channel) ?? [])]) {
      try {
        l(payload);
      } catch {
        // One failing listener must not starve the others.
      }
    }
  };

  const open = () => {
    if (source || listeners.size === 0) return;
    const s = new Source(`${base}/events`);
    source = s;
    // One handler per channel the page listens to; the server names events by their channel.
    for (const channel of listeners.keys()) s.addEventListener(channel, deliver(channel) as EventListener);
    s.onopen = () => {
      delay = backoff.first;
    };
    s.onerror = () => {
      // CONNECTING: the browser is already retrying. CLOSED: it gave up; start over ourselves.
      if (s.readyState !== Source.CLOSED) return;
      s.close();
      if (source === s) source = null;
      if (retryTimer || listeners.size === 0) return;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        open();
      }, delay);
      delay = Math.min(delay * 2, backoff.max);
    };
  };

  const reopen = () => {
    source?.close();
    source = null;
    open();
  };

  const afterCopy = async (result: Result<unknown>): Promise<Result<unknown>> => {
    if (!result.ok) return result;
    const { text, ...rest } = result.value as { clearsInSeconds: number; text?: unknown };
    if (typeof text !== 'string') return { ok: true, value: rest };
    try {
      await clipboard().copy(text, rest.clearsInSeconds);
    } catch {
      return failure('bridge.clipboard-refused');
    }
    return { ok: true, value: rest };
  };

  return {
    async invoke(channel, args) {
      let res: Response;
      try {
        res = await doFetch(`${base}/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(args),
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch {
        return failure('bridge.unreachable');
      }
      const body: unknown = await res.json().catch(() => null);
      if (!isResult(body)) return failure('bridge.bad-answer');
      return channel === operationChannels.copyToClipboard ? afterCopy(body) : body;
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      const isNewChannel = !set;
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      if (isNewChannel && source) {
        // Not connected yet (or reconnecting): the initial events are still to come, a handler is enough.
        // Connected: they went by without one, so a fresh stream brings them again.
        if (source.readyState === Source.OPEN) reopen();
        else source.addEventListener(channel, deliver(channel) as EventListener);
      } else open();
      return () => {
        set.delete(listener);
        if (set.size > 0) return;
        listeners.delete(channel);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}
