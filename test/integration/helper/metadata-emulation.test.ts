import { afterEach, describe, expect, it } from 'vitest';
import { createHelperServer } from '../../../main/core/helper';
import type { HelperServer } from '../../../main/core/helper';
import { ManualClock } from '../../support/manual-clock';
import { FakeProvider, rotatingKeys } from './support/fake-provider';
import { bearer, call } from './support/http-client';

const HOUR = 3_600_000;
const TOKEN_PATH = '/meta-data/latest/api/token';
const KEY_PATH = '/openstack/latest/securitykey';

type MetadataBody = { credential: { access: string; secret: string; securitytoken: string; expires_at: string } };

describe('ECS metadata emulation', () => {
  let helper: HelperServer | undefined;
  afterEach(async () => {
    await helper?.close();
    helper = undefined;
  });

  async function start(metadataEmulation?: boolean) {
    const clock = new ManualClock();
    const provider = new FakeProvider(
      {
        agency: { kind: 'agency', source: rotatingKeys(clock.now(), HOUR) },
        perm: { kind: 'access-key', source: { accessKeyId: 'AKPERM', secretAccessKey: 'SKPERM-SECRET-x' } },
      },
      'agency',
      clock,
    );
    helper = await createHelperServer({
      provider,
      clock,
      ...(metadataEmulation === undefined ? {} : { metadataEmulation }),
    });
    return { clock, provider, helper };
  }

  const putToken = (h: HelperServer, headers: Record<string, string> = { 'x-metadata-token-ttl-seconds': '21600' }, host?: string) =>
    call(h.port, { method: 'PUT', path: TOKEN_PATH, headers, ...(host ? { host } : {}) });

  it('is off by default: both routes answer 404', async () => {
    const { helper: h } = await start();
    expect((await putToken(h)).status).toBe(404);
    expect((await call(h.port, { path: KEY_PATH, headers: { 'x-metadata-token': 'anything' } })).status).toBe(404);
    // With the bearer token too: the routes simply do not exist.
    expect((await call(h.port, { path: KEY_PATH, headers: bearer(h.token) })).status).toBe(404);
  });

  it('when on, issues a token on PUT and serves the default profile on GET with it', async () => {
    const { helper: h, clock, provider } = await start(true);
    const t = await putToken(h);
    expect(t.status).toBe(200);
    expect(t.headers['content-type']).toMatch(/^text\/plain/);
    expect(t.text).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const r = await call(h.port, { path: KEY_PATH, headers: { 'x-metadata-token': t.text } });
    expect(r.status).toBe(200);
    const body = r.json() as MetadataBody;
    expect(Object.keys(body)).toEqual(['credential']);
    expect(Object.keys(body.credential).sort()).toEqual(['access', 'expires_at', 'secret', 'securitytoken']);
    expect(body.credential.access).toBe('AKTEMP0000');
    expect(body.credential.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(Date.parse(body.credential.expires_at)).toBe(clock.now() + HOUR);
    expect(provider.calls.at(-1)).toEqual({ profile: 'agency', consumer: { kind: 'helper', client: 'metadata' } });
  });

  it.each(['169.254.169.254', '169.254.169.254:80'])('accepts Host %s in emulation mode', async (host) => {
    const { helper: h } = await start(true);
    const t = await putToken(h, undefined, host);
    expect(t.status).toBe(200);
    const r = await call(h.port, { path: KEY_PATH, host, headers: { 'x-metadata-token': t.text } });
    expect(r.status).toBe(200);
  });

  it('still refuses other Host names and browser origins in emulation mode', async () => {
    const { helper: h } = await start(true);
    expect((await putToken(h, undefined, 'metadata.attacker.example')).status).toBe(403);
    const t = await putToken(h);
    const browser = await call(h.port, {
      path: KEY_PATH,
      host: '169.254.169.254',
      headers: { 'x-metadata-token': t.text, origin: 'http://169.254.169.254' },
    });
    expect(browser.status).toBe(403);
  });

  it('keeps the /v1 routes behind the bearer token even under the metadata Host', async () => {
    const { helper: h } = await start(true);
    const r = await call(h.port, { path: '/v1/credentials/agency', host: '169.254.169.254' });
    expect(r.status).toBe(401);
  });

  it('refuses a GET without a metadata token (401)', async () => {
    const { helper: h, provider } = await start(true);
    const r = await call(h.port, { path: KEY_PATH });
    expect(r.status).toBe(401);
    expect((r.json() as { error: { code: string } }).error.code).toBe('metadata.token-required');
    expect(provider.calls).toEqual([]);
  });

  it('refuses a wrong metadata token (401) without echoing it', async () => {
    const { helper: h, provider } = await start(true);
    await putToken(h);
    const r = await call(h.port, { path: KEY_PATH, headers: { 'x-metadata-token': 'guessed-token-value' } });
    expect(r.status).toBe(401);
    expect((r.json() as { error: { code: string } }).error.code).toBe('metadata.wrong-token');
    expect(r.text).not.toContain('guessed');
    expect(provider.calls).toEqual([]);
  });

  it('refuses a metadata token after its TTL', async () => {
    const { helper: h, clock } = await start(true);
    const t = await putToken(h, { 'x-metadata-token-ttl-seconds': '60' });
    expect((await call(h.port, { path: KEY_PATH, headers: { 'x-metadata-token': t.text } })).status).toBe(200);
    await clock.advance(60_000);
    expect((await call(h.port, { path: KEY_PATH, headers: { 'x-metadata-token': t.text } })).status).toBe(401);
  });

  it.each<Record<string, string>>([
    {},
    { 'x-metadata-token-ttl-seconds': '0' },
    { 'x-metadata-token-ttl-seconds': '21601' },
    { 'x-metadata-token-ttl-seconds': 'soon' },
  ])(
    'refuses a token request with TTL header %j (400)',
    async (headers) => {
      const { helper: h } = await start(true);
      expect((await putToken(h, headers)).status).toBe(400);
    },
  );

  it('refuses a token request relayed by a proxy', async () => {
    const { helper: h } = await start(true);
    const r = await putToken(h, { 'x-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '10.0.0.9' });
    expect(r.status).toBe(403);
  });

  it("accepts the OBS SDK's header spelling", async () => {
    const { helper: h } = await start(true);
    const t = await putToken(h, { 'X-securitykey-Token-Ttl-Seconds': '600' });
    expect(t.status).toBe(200);
    const r = await call(h.port, { path: KEY_PATH, headers: { 'X-securitykey-Token': t.text } });
    expect(r.status).toBe(200);
  });

  it('refuses permanent keys (the metadata format carries temporary keys only)', async () => {
    const { helper: h, provider } = await start(true);
    provider.defaultProfile = 'perm';
    const t = await putToken(h);
    const r = await call(h.port, { path: KEY_PATH, headers: { 'x-metadata-token': t.text } });
    expect(r.status).toBe(409);
    expect(r.text).not.toMatch(/SECRET/);
  });

  it('accepts only PUT for the token and GET for the key', async () => {
    const { helper: h } = await start(true);
    expect((await call(h.port, { path: TOKEN_PATH })).status).toBe(405);
    expect((await call(h.port, { method: 'POST', path: KEY_PATH })).status).toBe(405);
  });
});
