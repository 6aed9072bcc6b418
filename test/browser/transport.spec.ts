/**
 * The browser UI's transport and clipboard helper in a real page, against stand-ins for the server
 * (fetch, EventSource) and the clipboard: the envelope, failures as data, events by channel, the
 * reconnect after the browser gives up on a stream, and the clipboard's clear rules.
 */
import { test, expect } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';

let probeJs = '';

test.beforeAll(async () => {
  const out = await build({ entryPoints: [path.join(__dirname, 'support/transport-probe.ts')], bundle: true, write: false, format: 'iife', platform: 'browser' });
  probeJs = out.outputFiles[0]!.text;
});

test.beforeEach(async ({ page }) => {
  // A loopback origin, as the browser UI has: a secure context (crypto.subtle, navigator.clipboard).
  await page.route('http://127.0.0.1:9/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>transport</title>' }));
  await page.goto('http://127.0.0.1:9/ui/');
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  await page.addScriptTag({ content: probeJs });
});

test('invoke: the envelope through, failures as data, a copy’s text to the clipboard and not to the caller', async ({ page }) => {
  const out = await page.evaluate(async () => {
    const p = window.__akvaultProbe;
    const sent: Array<{ url: string; init: RequestInit }> = [];
    const answers: Array<() => Promise<Response>> = [
      async () => new Response(JSON.stringify({ ok: true, value: { version: 1 } })),
      async () => new Response(JSON.stringify({ ok: false, error: { code: 'ui.signed-out', message: 'Not signed in.', params: {} } }), { status: 401 }),
      async () => Promise.reject(new TypeError('Failed to fetch')),
      async () => new Response('<html>proxy error</html>', { status: 502 }),
      async () => new Response(JSON.stringify({ ok: true, value: { clearsInSeconds: 30, text: 'AKEXAMPLE' } })),
      async () => new Response(JSON.stringify({ ok: true, value: { clearsInSeconds: 30, text: 'AKEXAMPLE' } })),
    ];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return answers.shift()!();
    }) as unknown as typeof fetch;
    const copies: Array<[string, number]> = [];
    let refuse = false;
    const clipboard = () => ({
      copy: async (text: string, s: number) => {
        if (refuse) throw new Error('NotAllowedError');
        copies.push([text, s]);
      },
      clearNow: async () => undefined,
    });
    const t = p.createHttpTransport({ fetch: fakeFetch, clipboard });
    const results = [];
    results.push(await t.invoke('akvault:get-snapshot', []));
    results.push(await t.invoke('akvault:get-snapshot', []));
    results.push(await t.invoke('akvault:get-snapshot', []));
    results.push(await t.invoke('akvault:get-snapshot', []));
    results.push(await t.invoke('akvault:copy-to-clipboard', ['prod', 'ak']));
    refuse = true;
    results.push(await t.invoke('akvault:copy-to-clipboard', ['prod', 'ak']));
    return { results, copies, first: { url: sent[0]!.url, method: sent[0]!.init.method, headers: sent[0]!.init.headers, body: sent[0]!.init.body, credentials: sent[0]!.init.credentials } };
  });
  expect(out.first).toEqual({ url: '/ui/api/invoke/akvault%3Aget-snapshot', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]', credentials: 'same-origin' });
  expect(out.results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ui.signed-out', 'bridge.unreachable', 'bridge.bad-answer', 'ok', 'bridge.clipboard-refused']);
  expect(out.results[4]).toEqual({ ok: true, value: { clearsInSeconds: 30 } });
  expect(out.copies).toEqual([['AKEXAMPLE', 30]]);
});

test('events: one stream, delivered by channel, reopened after the browser gives up on it', async ({ page }) => {
  const out = await page.evaluate(async () => {
    const p = window.__akvaultProbe;
    class FakeSource extends EventTarget {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSED = 2;
      static made: FakeSource[] = [];
      readyState = 0;
      onopen: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(readonly url: string) {
        super();
        FakeSource.made.push(this);
      }
      close() {
        this.readyState = 2;
      }
      emit(channel: string, payload: unknown) {
        this.dispatchEvent(new MessageEvent(channel, { data: JSON.stringify(payload) }));
      }
    }
    const t = p.createHttpTransport({ EventSource: FakeSource as unknown as typeof EventSource, reconnectMs: { first: 20, max: 40 } });
    const got: unknown[] = [];
    const offSnap = t.subscribe('akvault:event:snapshot', (x) => got.push(['snapshot', x]));
    t.subscribe('akvault:event:mfa-request', (x) => got.push(['mfa', x]));
    const first = FakeSource.made[0]!;
    first.emit('akvault:event:snapshot', { version: 1 });
    first.emit('akvault:event:mfa-request', { pending: null });
    first.dispatchEvent(new MessageEvent('akvault:event:snapshot', { data: '{not json' }));
    // The server answered with an error: the browser closes the stream and stops retrying.
    first.readyState = 2;
    first.onerror?.();
    await new Promise((r) => setTimeout(r, 60));
    const second = FakeSource.made[1];
    second?.emit('akvault:event:snapshot', { version: 2 });
    offSnap();
    second?.emit('akvault:event:snapshot', { version: 3 });
    return { made: FakeSource.made.map((s) => s.url), got };
  });
  expect(out.made).toEqual(['/ui/api/events', '/ui/api/events']);
  expect(out.got).toEqual([
    ['snapshot', { version: 1 }],
    ['mfa', { pending: null }],
    ['snapshot', { version: 2 }],
  ]);
});

test('clipboard: clears only its own copy when it can read; clears anyway when it cannot; retries on focus', async ({ page }) => {
  const out = await page.evaluate(async () => {
    const p = window.__akvaultProbe;
    let board = '';
    let writable = true;
    const clipboard = {
      writeText: async (t: string) => {
        if (!writable) throw new Error('NotAllowedError: document is not focused');
        board = t;
      },
      readText: async () => board,
    };
    const timers: Array<() => void> = [];
    const focus: Array<() => void> = [];
    const make = (canRead: boolean) =>
      p.createWebClipboard({ clipboard, canRead: async () => canRead, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined, onFocus: (fn) => focus.push(fn) });
    const fire = async () => {
      timers.shift()!();
      await new Promise((r) => setTimeout(r, 20));
    };
    const log: string[] = [];

    const reading = make(true);
    await reading.copy('SECRET-1', 30);
    log.push(board);
    await fire();
    log.push(board);
    await reading.copy('SECRET-2', 30);
    board = 'user text';
    await fire();
    log.push(board);

    const blind = make(false);
    await blind.copy('SECRET-3', 30);
    board = 'user text 2';
    await fire();
    log.push(board);

    await blind.copy('SECRET-4', 30);
    writable = false;
    await fire();
    log.push(board);
    writable = true;
    focus.shift()!();
    await new Promise((r) => setTimeout(r, 20));
    log.push(board);
    return log;
  });
  expect(out).toEqual(['SECRET-1', '', 'user text', '', 'SECRET-4', '']);
});
