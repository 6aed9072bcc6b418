/**
 * The browser UI's doorway, over real HTTP on the helper's port: the one-time sign-in, the session
 * cookie, every refusal (no cookie, reused or expired ticket, wrong Origin, foreign Host, cross-site
 * fetch), the hardening headers, contract validation of invoke, push events over SSE, MFA answered
 * from the page, and the copy answer that is the contract's one exception.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { operationChannels } from '../../../preload/channels';
import type { Result, Snapshot } from '../../../preload/contract';
import { createHelperServer } from '../../../main/core/helper/helper-server';
import { UI_CSP } from '../../../main/web';
import { totp } from '../../support/iam-emulator/totp';
import { createWebFixture, readEvents, USERS, type WebFixture } from './support/web-fixture';

let fx: WebFixture;
let cookie: string;

beforeAll(async () => {
  fx = await createWebFixture({ ticketTtlMs: 1_500 });
  await fx.addKeyProfile('alice', USERS.alice);
  cookie = await fx.signIn();
});

afterAll(async () => {
  await fx?.close();
});

const ch = operationChannels;

describe('sign-in', () => {
  it('exchanges a ticket once for an HttpOnly, SameSite=Strict cookie on /ui, and redirects to /ui/', async () => {
    const ticketPath = fx.bridge.issueLoginPath();
    const first = await fx.http('GET', ticketPath, { headers: { 'sec-fetch-site': 'none' } });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/ui/');
    const setCookie = first.headers['set-cookie'] ?? [];
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^akvault_ui=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/ui$/);
    // The ticket is spent: the same link no longer works, and no cookie comes with the refusal.
    const again = await fx.http('GET', ticketPath, { headers: { 'sec-fetch-site': 'none' } });
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toContain('already used or has expired');
  });

  it('refuses an expired ticket, an unknown one and a missing one', async () => {
    const stale = fx.bridge.issueLoginPath();
    await new Promise((r) => setTimeout(r, 1_700));
    expect((await fx.http('GET', stale)).status).toBe(403);
    expect((await fx.http('GET', '/ui/login?ticket=' + 'A'.repeat(43))).status).toBe(403);
    expect((await fx.http('GET', '/ui/login')).status).toBe(403);
  });

  it('refuses a sign-in link opened by another site', async () => {
    const r = await fx.http('GET', fx.bridge.issueLoginPath(), { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(r.status).toBe(403);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('never prints or serves the helper token', async () => {
    const page = await fx.http('GET', '/ui/', { headers: { cookie } });
    expect(page.body).not.toContain(fx.helper.token);
    expect(fx.bridge.issueLoginPath()).not.toContain(fx.helper.token);
  });
});

describe('refusals', () => {
  it('without the cookie: pages, invoke and events all answer 401', async () => {
    const page = await fx.http('GET', '/ui/');
    expect(page.status).toBe(401);
    const invoke = await fx.invoke('', ch.getSnapshot, []);
    expect(invoke.status).toBe(401);
    expect(invoke.json<Result<unknown>>()).toMatchObject({ ok: false, error: { code: 'ui.signed-out' } });
    const wrongCookie = await fx.invoke('akvault_ui=' + 'x'.repeat(43), ch.getSnapshot, []);
    expect(wrongCookie.status).toBe(401);
    const events = await fx.http('GET', '/ui/api/events', { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(events.status).toBe(401);
  });

  it('invoke needs the UI’s own Origin, exactly', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${fx.helper.port}`, 'null', `${fx.origin}/`]) {
      const r = await fx.invoke(cookie, ch.getSnapshot, [], { origin });
      expect(r.status, origin).toBe(403);
      expect(r.json<Result<unknown>>()).toMatchObject({ ok: false, error: { code: 'ui.wrong-origin' } });
    }
    const none = await fx.http('POST', `/ui/api/invoke/${encodeURIComponent(ch.getSnapshot)}`, {
      headers: { cookie, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: '[]',
    });
    expect(none.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding), including localhost for the UI', async () => {
    const evil = await fx.invoke(cookie, ch.getSnapshot, [], { host: `evil.example:${fx.helper.port}` });
    expect(evil.status).toBe(403);
    const localhost = await fx.invoke(cookie, ch.getSnapshot, [], { host: `localhost:${fx.helper.port}` });
    expect(localhost.status).toBe(403);
    expect(localhost.json<Result<unknown>>()).toMatchObject({ ok: false, error: { code: 'ui.foreign-host' } });
    const page = await fx.http('GET', '/ui/', { headers: { cookie, host: `rebind.example:${fx.helper.port}` } });
    expect(page.status).toBe(403);
  });

  it('refuses requests a browser marks as started by another site', async () => {
    for (const site of ['cross-site', 'same-site']) {
      expect((await fx.invoke(cookie, ch.getSnapshot, [], { 'sec-fetch-site': site })).status, site).toBe(403);
      expect((await fx.http('GET', '/ui/', { headers: { cookie, 'sec-fetch-site': site } })).status, site).toBe(403);
      expect((await fx.http('GET', '/ui/api/events', { headers: { cookie, 'sec-fetch-site': site } })).status, site).toBe(403);
    }
    // A navigation the user typed is fine for pages, never for the API.
    expect((await fx.http('GET', '/ui/', { headers: { cookie, 'sec-fetch-site': 'none' } })).status).toBe(200);
    expect((await fx.invoke(cookie, ch.getSnapshot, [], { 'sec-fetch-site': 'none' })).status).toBe(403);
  });

  it('refuses a body that is not declared JSON (what an HTML form could send)', async () => {
    const r = await fx.invoke(cookie, ch.getSnapshot, [], { 'content-type': 'text/plain' });
    expect(r.status).toBe(415);
    const form = await fx.invoke(cookie, ch.getSnapshot, [], { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });

  it('without a UI attached /ui is an unknown path; detaching or stopping the helper closes the UI', async () => {
    const helper = await createHelperServer({ provider: fx.core.broker });
    const get = (path: string) => fetch(`${helper.url}${path}`).then((r) => r.status);
    try {
      expect(await get('/ui/')).toBe(404);
      const close = vi.fn();
      const detach = helper.attachUi({ handle: async (_req, res) => (res.writeHead(204).end(), { status: 204 }), close });
      expect(await get('/ui/')).toBe(204);
      expect(await get('/v1/health')).toBe(401);
      detach();
      expect(close).toHaveBeenCalledTimes(1);
      expect(await get('/ui/')).toBe(404);
      const closeAgain = vi.fn();
      helper.attachUi({ handle: async (_req, res) => (res.writeHead(204).end(), { status: 204 }), close: closeAgain });
      await helper.close();
      expect(closeAgain).toHaveBeenCalledTimes(1);
    } finally {
      await helper.close();
    }
  });

  it('leaves the bearer API exactly as it was: no browser, token required', async () => {
    const withToken = await fx.http('GET', '/v1/health', { headers: { authorization: `Bearer ${fx.helper.token}` } });
    expect(withToken.status).toBe(200);
    // The UI session is no key to the credential routes, and a page's Origin is refused there.
    expect((await fx.http('GET', '/v1/credentials/alice', { headers: { cookie } })).status).toBe(401);
    const fromPage = await fx.http('GET', '/v1/health', { headers: { authorization: `Bearer ${fx.helper.token}`, origin: fx.origin } });
    expect(fromPage.status).toBe(403);
  });
});

describe('pages', () => {
  it('serves the renderer with the strict CSP, nosniff, no Referer and no CORS header', async () => {
    const r = await fx.http('GET', '/ui/', { headers: { cookie, 'sec-fetch-site': 'none' } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(UI_CSP).toBe(r.headers['content-security-policy']);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const script = await fx.http('GET', '/ui/assets/app.js', { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('redirects /ui to /ui/ and serves nothing outside the renderer folder', async () => {
    const bare = await fx.http('GET', '/ui', { headers: { cookie } });
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/ui/');
    for (const target of ['/ui/../data/profiles.json', '/ui/%2e%2e/data/profiles.json', '/ui/.hidden.js', '/ui/assets/missing.js', '/ui/%E0%A4%A']) {
      const r = await fx.http('GET', target, { headers: { cookie } });
      expect([400, 404], target).toContain(r.status);
    }
  });
});

describe('invoke', () => {
  it('answers with the contract’s Result envelope', async () => {
    const r = await fx.invoke(cookie, ch.getSnapshot, []);
    expect(r.status).toBe(200);
    const body = r.json<Result<Snapshot>>();
    expect(body.ok).toBe(true);
    if (body.ok) {
      expect(body.value.profiles.map((p) => p.name)).toEqual(['alice']);
      expect(body.value.helper).toEqual({ state: 'running', url: fx.helper.url, port: fx.helper.port });
    }
  });

  it('validates arguments like the IPC doorway: malformed calls are usage errors, never a crash', async () => {
    const cases: Array<[string, string]> = [
      [ch.setDefaultProfile, '{"not":"an array"}'],
      [ch.setDefaultProfile, '[42]'],
      [ch.copyToClipboard, '["alice","password"]'],
      [ch.updateSettings, '[{"clipboardClearSeconds":-1}]'],
      [ch.addProfile, '[{"name":"x","kind":"access-key","secretAccessKey":"nope"},{}]'],
      [ch.getSnapshot, '{'],
      [ch.getSnapshot, ''],
    ];
    for (const [channel, body] of cases) {
      const r = await fx.http('POST', `/ui/api/invoke/${encodeURIComponent(channel)}`, {
        headers: { cookie, origin: fx.origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
        body,
      });
      expect([200, 400], `${channel} ${body}`).toContain(r.status);
      expect(r.json<Result<unknown>>(), `${channel} ${body}`).toMatchObject({ ok: false, error: { code: 'usage' } });
    }
    const unknown = await fx.invoke(cookie, 'akvault:no-such-thing', []);
    expect(unknown.status).toBe(404);
    const getInvoke = await fx.http('GET', `/ui/api/invoke/${encodeURIComponent(ch.getSnapshot)}`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(getInvoke.status).toBe(405);
    // Still serving.
    expect((await fx.invoke(cookie, ch.getSnapshot, [])).status).toBe(200);
  });

  it('refuses an oversized body before reading it', async () => {
    const r = await fx.http('POST', `/ui/api/invoke/${encodeURIComponent(ch.importCsvPreview)}`, {
      headers: { cookie, origin: fx.origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) },
      body: '[""]',
    });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
  });

  it('copy answers with the text in the browser UI only (the documented exception), nowhere else', async () => {
    const r = await fx.invoke(cookie, ch.copyToClipboard, ['alice', 'sk']);
    const body = r.json<Result<{ clearsInSeconds: number; text?: string }>>();
    expect(body).toEqual({ ok: true, value: { clearsInSeconds: 45, text: USERS.alice.sk } });
    const snapshot = await fx.invoke(cookie, ch.getSnapshot, []);
    expect(snapshot.body).not.toContain(USERS.alice.sk);
  });
});

describe('events', () => {
  it('sends the current snapshot on connect, then a newer one after a change', async () => {
    const stream = readEvents(fx, cookie, (events) => events.some((e) => e.event === 'akvault:event:snapshot' && (e.data as Snapshot).defaultProfile === 'alice'));
    expect(await stream.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const set = await fx.invoke(cookie, ch.setDefaultProfile, ['alice']);
    expect(set.json<Result<null>>()).toEqual({ ok: true, value: null });
    const events = await stream.done;
    const snapshots = events.filter((e) => e.event === 'akvault:event:snapshot').map((e) => e.data as Snapshot);
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    expect(snapshots.at(-1)!.defaultProfile).toBe('alice');
    expect(snapshots.at(-1)!.version).toBeGreaterThan(snapshots[0]!.version);
    expect(events.some((e) => e.event === 'akvault:event:mfa-request')).toBe(true);
    expect(JSON.stringify(events)).not.toContain(USERS.alice.sk);
  });

  it('routes an MFA prompt to the connected page, and the page answers it over invoke', async () => {
    await fx.core.service.addProfile(
      { name: 'mfa-user', kind: 'account', domainName: 'acme-web', userName: USERS.mfa.name, mfaUserId: USERS.mfa.id, iamEndpoint: fx.emulator.url, durationSeconds: 900 },
      { password: USERS.mfa.password },
    );
    const stream = readEvents(fx, cookie, (events) => events.some((e) => e.event === 'akvault:event:mfa-request' && (e.data as { pending: unknown }).pending !== null));
    expect(await stream.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(fx.bridge.connectedPages()).toBeGreaterThan(0);
    const started = fx.invoke(cookie, ch.startSession, ['mfa-user']);
    const events = await stream.done;
    const pending = (events.findLast((e) => e.event === 'akvault:event:mfa-request')!.data as { pending: { requestId: string; profile: string } }).pending;
    expect(pending.profile).toBe('mfa-user');
    const submit = await fx.invoke(cookie, ch.mfaSubmit, [pending.requestId, totp(USERS.mfa.totp, Date.now())]);
    expect(submit.json<Result<null>>()).toEqual({ ok: true, value: null });
    expect((await started).json<Result<{ state: string }>>()).toMatchObject({ ok: true, value: { profile: 'mfa-user', state: 'active' } });
    // A bad passcode shape is refused by the contract before it reaches the prompt.
    const bad = await fx.invoke(cookie, ch.mfaSubmit, [pending.requestId, '12ab56']);
    expect(bad.json<Result<null>>()).toMatchObject({ ok: false, error: { code: 'usage' } });
  });
});
