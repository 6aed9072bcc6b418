/**
 * The browser UI's pure parts: header checks, tickets and sessions, the cookie, the static-file
 * resolver, SSE framing, and where MFA prompts go.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ServerResponse } from 'node:http';
import { EventStreams } from '../../../main/web/event-stream';
import { pageFirst } from '../../../main/web/mfa-route';
import { resolveUiFile } from '../../../main/web/static-files';
import { checkFetchSite, checkJson, checkOrigin, checkUiHost } from '../../../main/web/ui-checks';
import { cookieValues, LoginTickets, sessionCookie, UiSessions } from '../../../main/web/ui-credentials';
import { snapshot } from '../electron/support/snapshots';

const address = { origin: 'http://127.0.0.1:4711', host: '127.0.0.1:4711', port: 4711 };

describe('header checks', () => {
  it('Host: exactly 127.0.0.1:<port>', () => {
    expect(checkUiHost('127.0.0.1:4711', address)).toBeNull();
    for (const host of [undefined, 'localhost:4711', '127.0.0.1', '127.0.0.1:4712', 'evil.example:4711', '127.0.0.1:4711.evil.example']) {
      expect(checkUiHost(host, address)?.code, String(host)).toBe('ui.foreign-host');
    }
  });

  it('Sec-Fetch-Site: same-origin always, none only for navigations, never another site', () => {
    expect(checkFetchSite({}, { navigation: false })).toBeNull();
    expect(checkFetchSite({ 'sec-fetch-site': 'same-origin' }, { navigation: false })).toBeNull();
    expect(checkFetchSite({ 'sec-fetch-site': 'none' }, { navigation: true })).toBeNull();
    expect(checkFetchSite({ 'sec-fetch-site': 'none' }, { navigation: false })?.code).toBe('ui.cross-site');
    for (const site of ['cross-site', 'same-site', 'weird']) expect(checkFetchSite({ 'sec-fetch-site': site }, { navigation: true })?.code).toBe('ui.cross-site');
  });

  it('Origin: ours exactly, required where asked', () => {
    expect(checkOrigin({ origin: 'http://127.0.0.1:4711' }, address, { required: true })).toBeNull();
    expect(checkOrigin({}, address, { required: false })).toBeNull();
    expect(checkOrigin({}, address, { required: true })?.code).toBe('ui.wrong-origin');
    for (const origin of ['null', 'http://localhost:4711', 'https://127.0.0.1:4711', 'http://127.0.0.1:4711/', 'http://127.0.0.1:47111']) {
      expect(checkOrigin({ origin }, address, { required: false })?.code, origin).toBe('ui.wrong-origin');
    }
  });

  it('JSON content type only', () => {
    expect(checkJson({ 'content-type': 'application/json' })).toBeNull();
    expect(checkJson({ 'content-type': 'Application/JSON; charset=utf-8' })).toBeNull();
    for (const type of [undefined, 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      expect(checkJson(type === undefined ? {} : { 'content-type': type })?.code, String(type)).toBe('ui.not-json');
    }
  });
});

describe('tickets and sessions', () => {
  it('a ticket works once, and only within its lifetime', () => {
    let now = 1_000;
    const tickets = new LoginTickets(60_000, () => now);
    const a = tickets.issue();
    const b = tickets.issue();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(tickets.redeem(a)).toBe(true);
    expect(tickets.redeem(a)).toBe(false);
    now += 60_000;
    expect(tickets.redeem(b)).toBe(false);
    expect(tickets.redeem(null)).toBe(false);
    expect(tickets.redeem('')).toBe(false);
  });

  it('keeps digests only, never the values it handed out', () => {
    const tickets = new LoginTickets(60_000, () => 0);
    const sessions = new UiSessions();
    const t = tickets.issue();
    const s = sessions.create();
    expect(JSON.stringify([...(tickets as unknown as { live: Map<string, number> }).live.keys()])).not.toContain(t);
    expect(JSON.stringify([...(sessions as unknown as { live: Set<string> }).live])).not.toContain(s);
  });

  it('a session is recognised among other cookies; a wrong or cleared one is not', () => {
    const sessions = new UiSessions();
    const value = sessions.create();
    expect(sessions.admits(`theme=dark; akvault_ui=${value}; other=1`)).toBe(true);
    expect(sessions.admits(`akvault_ui=stale; akvault_ui=${value}`)).toBe(true);
    expect(sessions.admits('akvault_ui=nope')).toBe(false);
    expect(sessions.admits(undefined)).toBe(false);
    sessions.clear();
    expect(sessions.admits(`akvault_ui=${value}`)).toBe(false);
  });

  it('the cookie has exactly the flags the UI relies on', () => {
    expect(sessionCookie('abc')).toBe('akvault_ui=abc; HttpOnly; SameSite=Strict; Path=/ui');
    expect(cookieValues(' a=1 ;b = 2; a=3', 'a')).toEqual(['1', '3']);
  });
});

describe('static files', () => {
  const root = path.resolve('/srv/renderer');
  it('serves files inside the renderer folder only', () => {
    expect(resolveUiFile(root, '')).toBe(path.join(root, 'index.html'));
    expect(resolveUiFile(root, 'assets/app-1.js')).toBe(path.join(root, 'assets', 'app-1.js'));
    expect(resolveUiFile(root, 'mfa.html')).toBe(path.join(root, 'mfa.html'));
    for (const bad of ['../secrets.json', '..%2Fprofiles.json', '%2e%2e/x.js', '.env', 'assets/.map.js', 'a\\..\\b.js', 'x%00.js', 'noext', 'file.exe']) {
      expect(resolveUiFile(root, bad), bad).toBeNull();
    }
    expect(resolveUiFile(root, '%E0%A4%A')).toBe('bad-path');
  });
});

class FakeResponse extends EventEmitter {
  chunks: string[] = [];
  headers: Record<string, string> = {};
  destroyed = false;
  writableEnded = false;
  writeHead(_status: number, headers: Record<string, string>) {
    this.headers = headers;
    return this;
  }
  write(chunk: string) {
    this.chunks.push(chunk);
    return true;
  }
  end() {
    this.writableEnded = true;
    this.emit('close');
  }
}

describe('event streams', () => {
  it('frames events by channel, sends the current state first, and drops payloads the contract refuses', () => {
    const streams = new EventStreams();
    const res = new FakeResponse();
    streams.open(res as unknown as ServerResponse, [['mfaRequest', { pending: null }]]);
    expect(res.headers['Content-Type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['Content-Security-Policy']).toContain("default-src 'self'");
    streams.broadcast('snapshot', snapshot());
    streams.broadcast('snapshot', { ...snapshot(), secretAccessKey: 'nope' } as never);
    const text = res.chunks.join('');
    expect(text).toContain('event: akvault:event:mfa-request\ndata: {"pending":null}\n\n');
    expect(text.match(/event: akvault:event:snapshot/g)).toHaveLength(1);
    expect(text).not.toContain('nope');
    expect(streams.count()).toBe(1);
    streams.closeAll();
    expect(streams.count()).toBe(0);
  });
});

describe('MFA route', () => {
  it('asks the page while one is connected, else the terminal (or no one)', async () => {
    let connected = false;
    const page = vi.fn(async () => '111111');
    const terminal = vi.fn(async () => '222222');
    const prompt = pageFirst({ prompt: page, connected: () => connected }, terminal);
    const req = { profile: 'p', account: 'a', userName: 'u' };
    expect(await prompt(req)).toBe('222222');
    connected = true;
    expect(await prompt(req)).toBe('111111');
    expect(await pageFirst({ prompt: page, connected: () => false }, undefined)(req)).toBeNull();
  });
});
