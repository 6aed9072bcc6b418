import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHelperServer } from '../../../main/core/helper';
import type { HelperServer } from '../../../main/core/helper';
import { ManualClock } from '../../support/manual-clock';
import { FakeProvider } from './support/fake-provider';
import { bearer, call, corsHeadersIn } from './support/http-client';

const PERMANENT = { accessKeyId: 'AKPERM0001', secretAccessKey: 'SKPERM-SECRET-value-000000000000000000' };

describe('helper access checks', () => {
  let clock: ManualClock;
  let helper: HelperServer;
  const uiOrigin = 'http://127.0.0.1:5999';

  beforeEach(async () => {
    clock = new ManualClock();
    const provider = new FakeProvider({ prod: { kind: 'access-key', source: PERMANENT } }, 'prod', clock);
    helper = await createHelperServer({ provider, clock, uiOrigin });
  });
  afterEach(() => helper.close());

  it('binds 127.0.0.1 on a random port and issues a 32-byte base64url token', () => {
    expect(helper.url).toBe(`http://127.0.0.1:${helper.port}`);
    expect(helper.port).toBeGreaterThan(0);
    expect(helper.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers an authenticated request', async () => {
    const r = await call(helper.port, { path: '/v1/health', headers: bearer(helper.token) });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('refuses a request without a token (401), saying why', async () => {
    const r = await call(helper.port, { path: '/v1/credentials/prod' });
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({ error: { code: 'auth.missing-token', message: expect.any(String) } });
  });

  it('refuses a non-Bearer scheme as a missing token', async () => {
    const r = await call(helper.port, { path: '/v1/health', headers: { authorization: `Basic ${helper.token}` } });
    expect(r.status).toBe(401);
    expect((r.json() as { error: { code: string } }).error.code).toBe('auth.missing-token');
  });

  it.each([
    ['a token of the same length', () => `${helper.token.slice(0, -1)}${helper.token.endsWith('A') ? 'B' : 'A'}`],
    ['a shorter token', () => helper.token.slice(0, 10)],
    ['a longer token', () => `${helper.token}extra-characters`],
  ])('refuses %s (401) without echoing it', async (_label, wrong) => {
    const presented = wrong();
    const r = await call(helper.port, { path: '/v1/credentials/prod', headers: bearer(presented) });
    expect(r.status).toBe(401);
    expect((r.json() as { error: { code: string } }).error.code).toBe('auth.wrong-token');
    expect(r.text).not.toContain(presented);
    expect(r.text).not.toContain('SKPERM');
  });

  it('refuses a foreign Host (DNS rebinding) with 403 even with the right token', async () => {
    const r = await call(helper.port, {
      path: '/v1/credentials/prod',
      host: `rebind.attacker.example:${helper.port}`,
      headers: bearer(helper.token),
    });
    expect(r.status).toBe(403);
    expect((r.json() as { error: { code: string } }).error.code).toBe('request.foreign-host');
    expect(r.text).not.toContain('attacker');
    expect(r.text).not.toContain('SKPERM');
  });

  it.each(['127.0.0.1:1', 'localhost', '127.0.0.1', '169.254.169.254', '169.254.169.254:80'])(
    'refuses Host %s (wrong port or metadata name without emulation)',
    async (host) => {
      const r = await call(helper.port, { path: '/v1/health', host, headers: bearer(helper.token) });
      expect(r.status).toBe(403);
    },
  );

  it('accepts Host localhost:<port>', async () => {
    const r = await call(helper.port, { path: '/v1/health', host: `LOCALHOST:${helper.port}`, headers: bearer(helper.token) });
    expect(r.status).toBe(200);
  });

  it.each(['https://evil.example', 'null', `http://127.0.0.1:${1}`, `${uiOrigin}/`])(
    'refuses a browser Origin %s with 403 and sends no CORS header',
    async (origin) => {
      const r = await call(helper.port, { path: '/v1/credentials/prod', headers: { ...bearer(helper.token), origin } });
      expect(r.status).toBe(403);
      expect((r.json() as { error: { code: string } }).error.code).toBe('request.browser-origin');
      expect(corsHeadersIn(r.headers)).toEqual([]);
      expect(r.text).not.toContain('evil');
    },
  );

  it('refuses a request a browser marks cross-site even without Origin', async () => {
    const r = await call(helper.port, {
      path: '/v1/health',
      headers: { ...bearer(helper.token), 'sec-fetch-site': 'cross-site' },
    });
    expect(r.status).toBe(403);
  });

  it('accepts the configured UI origin exactly, still without CORS headers, and still needs the token', async () => {
    const ok = await call(helper.port, { path: '/v1/health', headers: { ...bearer(helper.token), origin: uiOrigin } });
    expect(ok.status).toBe(200);
    expect(corsHeadersIn(ok.headers)).toEqual([]);
    const noToken = await call(helper.port, { path: '/v1/health', headers: { origin: uiOrigin } });
    expect(noToken.status).toBe(401);
  });

  it('answers a CORS preflight with 405 and no CORS headers', async () => {
    const r = await call(helper.port, {
      method: 'OPTIONS',
      path: '/v1/credentials/prod',
      headers: { 'access-control-request-method': 'GET' },
    });
    expect(r.status).toBe(405);
    expect(corsHeadersIn(r.headers)).toEqual([]);
  });

  it('refuses a browser Origin before anything else, token or not', async () => {
    const r = await call(helper.port, { path: '/v1/credentials/prod', headers: { origin: 'https://evil.example' } });
    expect(r.status).toBe(403);
  });
});

describe('helper without a UI origin', () => {
  it('refuses every Origin', async () => {
    const clock = new ManualClock();
    const helper = await createHelperServer({ provider: new FakeProvider({}, null, clock), clock });
    try {
      const r = await call(helper.port, {
        path: '/v1/health',
        headers: { ...bearer(helper.token), origin: `http://127.0.0.1:${helper.port}` },
      });
      expect(r.status).toBe(403);
    } finally {
      await helper.close();
    }
  });
});
