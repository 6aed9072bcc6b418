import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AkvaultError } from '../../../main/core/errors';
import { createHelperServer } from '../../../main/core/helper';
import type { HelperLogEntry, HelperServer } from '../../../main/core/helper';
import { ManualClock } from '../../support/manual-clock';
import { FakeProvider, rotatingKeys } from './support/fake-provider';
import { bearer, call } from './support/http-client';

const HOUR = 3_600_000;
const PERMANENT = { accessKeyId: 'AKPERM0001', secretAccessKey: 'SKPERM-SECRET-value-000000000000000000' };

type ErrorBody = { error: { code: string; message: string; hint?: string } };

describe('GET /v1/credentials and /v1/profiles', () => {
  let clock: ManualClock;
  let provider: FakeProvider;
  let helper: HelperServer;
  let log: HelperLogEntry[];

  beforeEach(async () => {
    clock = new ManualClock();
    log = [];
    provider = new FakeProvider(
      {
        perm: { kind: 'access-key', region: 'cn-north-4', source: PERMANENT },
        temp: {
          kind: 'agency',
          region: 'ap-southeast-1',
          source: rotatingKeys(clock.now(), 2 * HOUR, {
            region: 'ap-southeast-1',
            projectId: 'proj-0001',
            domainId: 'dom-0001',
            iamEndpoint: 'https://iam.example.test',
          }),
        },
        expired: {
          kind: 'temporary-key',
          source: { ...PERMANENT, securityToken: 'ST-SECRET-old', expiresAt: new Date(clock.now() - 1000).toISOString() },
        },
        locked: { kind: 'access-key', source: new AkvaultError('keychain.locked', 'The keychain is locked.') },
        stale: {
          kind: 'agency',
          source: new AkvaultError('session.expired', 'The session for "stale" has expired.', {
            hint: 'Sign in again.',
            cause: new Error('upstream said SKPERM-SECRET-in-cause'),
          }),
        },
        offline: { kind: 'agency', source: new AkvaultError('iam.unreachable', 'IAM cannot be reached.') },
        slowiam: { kind: 'agency', source: new AkvaultError('iam.timeout', 'IAM did not answer in time.') },
        broken: { kind: 'agency', source: new Error('crash with SKPERM-SECRET-in-message') },
      },
      'perm',
      clock,
    );
    helper = await createHelperServer({ provider, clock, log: (e) => log.push(e) });
  });
  afterEach(() => helper.close());

  const get = (path: string) => call(helper.port, { path, headers: bearer(helper.token) });

  it('serves permanent keys with absent values omitted', async () => {
    const r = await get('/v1/credentials/perm');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.json()).toEqual({ accessKeyId: 'AKPERM0001', secretAccessKey: PERMANENT.secretAccessKey });
    expect(r.text).not.toContain('null');
  });

  it('serves temporary keys in the exact shape (and nothing more)', async () => {
    const r = await get('/v1/credentials/temp');
    expect(r.status).toBe(200);
    const body = r.json() as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(
      ['accessKeyId', 'domainId', 'expiresAt', 'projectId', 'region', 'secretAccessKey', 'securityToken'].sort(),
    );
    expect(body).toMatchObject({
      accessKeyId: 'AKTEMP0000',
      region: 'ap-southeast-1',
      projectId: 'proj-0001',
      domainId: 'dom-0001',
      expiresAt: new Date(clock.now() + 2 * HOUR).toISOString(),
    });
    expect(provider.calls.at(-1)).toEqual({ profile: 'temp', consumer: { kind: 'helper', client: 'http' } });
  });

  it.each(['/v1/credentials/default', '/v1/credentials/', '/v1/credentials', '/v1/credentials/default?x=1'])(
    '%s serves the default profile',
    async (path) => {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect((r.json() as { accessKeyId: string }).accessKeyId).toBe('AKPERM0001');
      expect(provider.calls.at(-1)?.profile).toBe('perm');
    },
  );

  it('decodes percent-encoded profile names', async () => {
    provider.profiles['team a'] = { kind: 'access-key', source: PERMANENT };
    const r = await get('/v1/credentials/team%20a');
    expect(r.status).toBe(200);
    expect(provider.calls.at(-1)?.profile).toBe('team a');
  });

  it('refuses a malformed percent-encoding with 400', async () => {
    const r = await get('/v1/credentials/%E0%A4%A');
    expect(r.status).toBe(400);
  });

  it('answers 404 with a clear body for an unknown profile', async () => {
    const r = await get('/v1/credentials/nope');
    expect(r.status).toBe(404);
    const body = r.json() as ErrorBody;
    expect(body.error.code).toBe('profile.not-found');
    expect(body.error.message).toContain('nope');
  });

  it('answers 404 when no default profile is set', async () => {
    provider.defaultProfile = null;
    const r = await get('/v1/credentials/default');
    expect(r.status).toBe(404);
    expect((r.json() as ErrorBody).error).toMatchObject({ code: 'profile.not-found', message: 'No default profile is set.' });
  });

  it.each([
    ['stale', 401, 'session.expired'],
    ['expired', 401, 'session.expired'],
    ['offline', 502, 'iam.unreachable'],
    ['slowiam', 504, 'iam.timeout'],
    ['locked', 423, 'keychain.locked'],
    ['broken', 500, 'internal'],
  ])('maps the failure of %s to %i %s without leaking a secret', async (profile, status, code) => {
    const r = await get(`/v1/credentials/${profile}`);
    expect(r.status).toBe(status);
    const body = r.json() as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(r.text).not.toMatch(/SECRET/);
  });

  it('passes the error hint along', async () => {
    const r = await get('/v1/credentials/stale');
    expect((r.json() as ErrorBody).error.hint).toBe('Sign in again.');
  });

  it('lists profiles without secrets and marks the default', async () => {
    const r = await get('/v1/profiles');
    expect(r.status).toBe(200);
    const body = r.json() as { default: string; profiles: Array<{ name: string; isDefault: boolean; region?: string }> };
    expect(body.default).toBe('perm');
    expect(body.profiles.find((p) => p.name === 'perm')).toEqual({
      name: 'perm',
      kind: 'access-key',
      region: 'cn-north-4',
      isDefault: true,
    });
    expect(body.profiles.filter((p) => p.isDefault)).toHaveLength(1);
    expect(r.text).not.toMatch(/SECRET|secretAccessKey|securityToken/);
    expect(provider.calls).toEqual([]);
  });

  it('refuses other methods with 405 and an Allow header', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'PATCH']) {
      const r = await call(helper.port, { method, path: '/v1/credentials/perm', headers: bearer(helper.token) });
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe('GET');
    }
  });

  it('answers 404 for unknown paths', async () => {
    for (const path of ['/', '/v1', '/v1/credentials/a/b', '/v2/health', '//v1/health']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
    }
  });

  it('logs each request without any secret', async () => {
    await get('/v1/credentials/temp');
    await get('/v1/credentials/stale');
    await get('/v1/credentials/broken');
    await call(helper.port, { path: '/v1/health', headers: bearer('wrong-token-value') });
    expect(log[0]).toEqual({ event: 'listening', url: helper.url, metadataEmulation: false });
    const requests = log.filter((e) => e.event === 'request');
    expect(requests).toEqual([
      { event: 'request', method: 'GET', route: 'credentials', status: 200, profile: 'temp' },
      { event: 'request', method: 'GET', route: 'credentials', status: 401, code: 'session.expired', profile: 'stale' },
      { event: 'request', method: 'GET', route: 'credentials', status: 500, code: 'internal', profile: 'broken' },
      { event: 'request', method: 'GET', route: 'health', status: 401, code: 'auth.wrong-token' },
    ]);
    const all = JSON.stringify(log);
    expect(all).not.toMatch(/SECRET|wrong-token-value/);
    expect(all).not.toContain(helper.token);
  });
});
