/**
 * The helper routes akvault's CLI uses (main/core/helper/handoff-handlers.ts), over real HTTP on
 * loopback against a fake provider: the handoff answer, pod-identity client registration and revocation.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createHelperServer } from '../../../main/core/helper/helper-server';
import type { HelperServer } from '../../../main/core/helper/types';
import { systemClock } from '../../../main/core/clock';
import { FakeProvider } from '../../integration/helper/support/fake-provider';
import { bearer, call } from '../../integration/helper/support/http-client';

const TEMP = {
  accessKeyId: 'AKTEMP0000000000001',
  secretAccessKey: 'SK-secret-value-0123456789',
  securityToken: 'ST-secret-token-0123456789',
  expiresAt: '2099-01-01T00:00:00.000Z',
  region: 'cn-north-4',
  projectId: 'p1',
  domainId: 'd1',
  iamEndpoint: 'https://iam.example.test',
};
const PERMANENT = { accessKeyId: 'AKPERM0000000000001', secretAccessKey: 'SK-perm-secret-0123456789' };

let helper: HelperServer | undefined;
afterEach(async () => {
  await helper?.close();
  helper = undefined;
});

async function start(defaultProfile: string | null = 'Prod') {
  const provider = new FakeProvider({ Prod: { kind: 'agency', source: TEMP }, perm: { kind: 'access-key', source: PERMANENT } }, defaultProfile, systemClock);
  helper = await createHelperServer({ provider });
  const auth = bearer(helper.token);
  return { provider, helper, port: helper.port, auth };
}

describe('GET /v1/handoff', () => {
  it('answers the profile name as stored, the keys and the IAM endpoint, audited as the CLI command', async () => {
    const { provider, port, auth } = await start();
    const r = await call(port, { path: '/v1/handoff?profile=Prod&command=exec%20terraform', headers: auth });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ profile: 'Prod', credentials: TEMP });
    expect(provider.calls).toEqual([{ profile: 'Prod', consumer: { kind: 'cli', command: 'exec terraform' } }]);
  });

  it('uses the default profile when none is named; 404 when there is no default', async () => {
    const { port, auth, provider } = await start();
    expect((await call(port, { path: '/v1/handoff?command=env', headers: auth })).json()).toMatchObject({ profile: 'Prod' });
    provider.defaultProfile = null;
    const none = await call(port, { path: '/v1/handoff?command=env', headers: auth });
    expect(none.status).toBe(404);
    expect(none.json()).toMatchObject({ error: { code: 'profile.not-found' } });
  });

  it('needs the bearer token and refuses a bad command label', async () => {
    const { port, auth } = await start();
    expect((await call(port, { path: '/v1/handoff?profile=Prod' })).status).toBe(401);
    expect((await call(port, { path: '/v1/handoff?profile=Prod&command=a%0Ab', headers: auth })).status).toBe(400);
    expect((await call(port, { path: '/v1/handoff?profile=nope', headers: auth })).status).toBe(404);
  });
});

describe('pod-identity clients over HTTP', () => {
  it('registers a client whose URI serves keys with its token, until it is deleted', async () => {
    const { port, auth, helper } = await start();
    const reg = await call(port, { method: 'POST', path: '/v1/pod-identity-clients', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ profile: 'Prod', label: 'exec python', pid: process.pid }) });
    expect(reg.status).toBe(201);
    const client = reg.json() as { id: string; uri: string; token: string; profile: string };
    expect(client).toMatchObject({ profile: 'Prod', uri: `${helper.url}/v1/pod-identity/${client.id}` });
    expect(helper.podIdentityClients()).toEqual([expect.objectContaining({ id: client.id, profile: 'Prod', label: 'exec python' })]);

    const path = new URL(client.uri).pathname;
    const served = await call(port, { method: 'POST', path, headers: { authorization: client.token }, body: '{}' });
    expect(served.status).toBe(200);
    expect(served.json()).toMatchObject({ credentials: { accessKeyId: TEMP.accessKeyId, securityToken: TEMP.securityToken } });
    expect((await call(port, { method: 'POST', path, headers: { authorization: 'wrong' }, body: '{}' })).status).toBe(403);

    expect((await call(port, { method: 'DELETE', path: `/v1/pod-identity-clients/${client.id}` })).status).toBe(401);
    expect((await call(port, { method: 'DELETE', path: `/v1/pod-identity-clients/${client.id}`, headers: auth })).status).toBe(204);
    expect((await call(port, { method: 'POST', path, headers: { authorization: client.token }, body: '{}' })).status).toBe(404);
    expect((await call(port, { method: 'DELETE', path: `/v1/pod-identity-clients/${client.id}`, headers: auth })).status).toBe(404);
  });

  it('forgets the clients of a registering process that died without deleting them', async () => {
    const { port, auth, helper } = await start();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const post = (pid: number) => call(port, { method: 'POST', path: '/v1/pod-identity-clients', headers: auth, body: JSON.stringify({ profile: 'Prod', label: 'x', pid }) });
    const orphan = (await post(dead)).json() as { id: string };
    expect(helper.podIdentityClients().map((c) => c.id)).toEqual([orphan.id]);
    const live = (await post(process.pid)).json() as { id: string };
    expect(helper.podIdentityClients().map((c) => c.id)).toEqual([live.id]);
  });

  it('validates the body and the profile', async () => {
    const { port, auth, provider } = await start();
    const post = (body: string) => call(port, { method: 'POST', path: '/v1/pod-identity-clients', headers: auth, body });
    expect((await post('not json')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect((await post(JSON.stringify({ profile: 'Prod', pid: -1 }))).status).toBe(400);
    expect((await post(JSON.stringify({ profile: 'Prod', label: 'x'.repeat(101) }))).status).toBe(400);
    expect((await post(JSON.stringify({ profile: 7 }))).status).toBe(400);
    expect((await post(JSON.stringify({}))).json()).toMatchObject({ profile: 'Prod' });
    provider.defaultProfile = null;
    expect((await post(JSON.stringify({}))).status).toBe(404);
  });
});
