import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHelperServer } from '../../../main/core/helper';
import type { HelperServer, PodIdentityClient } from '../../../main/core/helper';
import { ManualClock } from '../../support/manual-clock';
import { FakeProvider, rotatingKeys } from './support/fake-provider';
import { bearer, call } from './support/http-client';

const HOUR = 3_600_000;
const MICRO_EXPIRY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

type PodBody = {
  credentials: { accessKeyId: string; secretAccessKey: string; securityToken: string; expiration: string };
};

describe('pod-identity endpoint', () => {
  let clock: ManualClock;
  let provider: FakeProvider;
  let helper: HelperServer;
  let client: PodIdentityClient;

  beforeEach(async () => {
    clock = new ManualClock();
    provider = new FakeProvider(
      {
        agency: { kind: 'agency', source: rotatingKeys(clock.now(), HOUR) },
        perm: { kind: 'access-key', source: { accessKeyId: 'AKPERM', secretAccessKey: 'SKPERM-SECRET-x' } },
      },
      'perm',
      clock,
    );
    helper = await createHelperServer({ provider, clock });
    client = helper.addPodIdentityClient('agency', { label: 'python app.py' });
  });
  afterEach(() => helper.close());

  /** What the Python SDK sends: POST, bare token, JSON content type, body {}. */
  const sdkFetch = (c: { uri: string; token: string }, extra: Record<string, string> = {}) =>
    call(helper.port, {
      method: 'POST',
      path: new URL(c.uri).pathname,
      headers: { authorization: c.token, 'content-type': 'application/json', ...extra },
      body: '{}',
    });

  it('hands out a full URI on the helper and a separate random token', () => {
    expect(client.uri).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${helper.port}/v1/pod-identity/[A-Za-z0-9_-]{22}$`));
    expect(client.uri.endsWith(client.id)).toBe(true);
    expect(client.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(client.token).not.toBe(helper.token);
  });

  it('serves credentials in the SDK shape with a six-digit fractional expiry', async () => {
    const r = await sdkFetch(client);
    expect(r.status).toBe(200);
    const body = r.json() as PodBody;
    expect(Object.keys(body)).toEqual(['credentials']);
    expect(Object.keys(body.credentials).sort()).toEqual(['accessKeyId', 'expiration', 'secretAccessKey', 'securityToken']);
    expect(body.credentials.accessKeyId).toBe('AKTEMP0000');
    expect(body.credentials.expiration).toMatch(MICRO_EXPIRY);
    expect(Date.parse(body.credentials.expiration)).toBe(clock.now() + HOUR);
    expect(provider.calls.at(-1)).toEqual({
      profile: 'agency',
      consumer: { kind: 'helper', client: 'pod-identity:python app.py' },
    });
  });

  it('serves renewed keys after the first ones expire', async () => {
    const first = (await sdkFetch(client)).json() as PodBody;
    await clock.advance(HOUR + 1);
    const second = await sdkFetch(client);
    expect(second.status).toBe(200);
    const renewed = (second.json() as PodBody).credentials;
    expect(renewed.accessKeyId).toBe('AKTEMP0001');
    expect(renewed.accessKeyId).not.toBe(first.credentials.accessKeyId);
    expect(renewed.secretAccessKey).not.toBe(first.credentials.secretAccessKey);
    expect(Date.parse(renewed.expiration)).toBeGreaterThan(Date.parse(first.credentials.expiration));
    expect(renewed.expiration).toMatch(MICRO_EXPIRY);
    expect(Date.parse(renewed.expiration)).toBeGreaterThan(clock.now());
  });

  it.each([
    ['a wrong token', () => ({ authorization: 'x'.repeat(43) })],
    ['no token', () => ({})],
    ['the token with a Bearer prefix', () => ({ authorization: `Bearer ${client.token}` })],
    ["the helper's own bearer token", () => bearer(helper.token)],
  ])('refuses %s with 403', async (_label, headers) => {
    const r = await call(helper.port, {
      method: 'POST',
      path: new URL(client.uri).pathname,
      headers: { 'content-type': 'application/json', ...headers() },
      body: '{}',
    });
    expect(r.status).toBe(403);
    expect((r.json() as { error: { code: string } }).error.code).toBe('pod-identity.wrong-token');
    expect(r.text).not.toMatch(/SECRET/);
    expect(provider.calls).toEqual([]);
  });

  it("does not accept one client's token on another client's endpoint", async () => {
    const other = helper.addPodIdentityClient('agency');
    const r = await sdkFetch({ uri: other.uri, token: client.token });
    expect(r.status).toBe(403);
    expect((await sdkFetch(other)).status).toBe(200);
  });

  it('answers 404 once revoked, without disturbing other clients', async () => {
    const other = helper.addPodIdentityClient('agency');
    client.revoke();
    const r = await sdkFetch(client);
    expect(r.status).toBe(404);
    expect((await sdkFetch(other)).status).toBe(200);
    expect(helper.podIdentityClients().map((c) => c.id)).toEqual([other.id]);
  });

  it('answers 404 for an id that was never issued', async () => {
    const r = await sdkFetch({ uri: `${helper.url}/v1/pod-identity/AAAAAAAAAAAAAAAAAAAAAA`, token: client.token });
    expect(r.status).toBe(404);
  });

  it('accepts only POST', async () => {
    const r = await call(helper.port, { path: new URL(client.uri).pathname, headers: { authorization: client.token } });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
  });

  it('is still Host- and Origin-checked', async () => {
    const path = new URL(client.uri).pathname;
    const foreign = await call(helper.port, {
      method: 'POST',
      path,
      host: 'rebound.example',
      headers: { authorization: client.token },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect((foreign.json() as { error: { code: string } }).error.code).toBe('request.foreign-host');
    const browser = await sdkFetch(client, { origin: 'https://evil.example' });
    expect(browser.status).toBe(403);
    expect(provider.calls).toEqual([]);
  });

  it('refuses a profile holding permanent keys with 409 (the protocol carries temporary keys only)', async () => {
    const perm = helper.addPodIdentityClient('perm');
    const r = await sdkFetch(perm);
    expect(r.status).toBe(409);
    expect((r.json() as { error: { code: string } }).error.code).toBe('profile.unsupported-kind');
    expect(r.text).not.toMatch(/SECRET/);
  });

  it('lists clients for the tray without their tokens', async () => {
    await sdkFetch(client);
    const [info] = helper.podIdentityClients();
    expect(info).toEqual({
      id: client.id,
      profile: 'agency',
      label: 'python app.py',
      createdAt: new Date(clock.now()).toISOString(),
      lastServedAt: new Date(clock.now()).toISOString(),
    });
    expect(JSON.stringify(helper.podIdentityClients())).not.toContain(client.token);
  });

  it('forgets every client on close', async () => {
    await helper.close();
    expect(helper.podIdentityClients()).toEqual([]);
    expect(() => helper.addPodIdentityClient('agency')).toThrow(/stopped/);
  });
});
