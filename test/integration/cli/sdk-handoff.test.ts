/**
 * `akvault exec --server` with a child that behaves like the Python SDK's pod-identity provider,
 * written in Python: urllib applies HTTP_PROXY / no_proxy the way `requests` does (it uses urllib's
 * proxy lookup), POST with the token file's content as Authorization, body {}, 5 s timeout.
 *
 * - The parent has HTTP_PROXY pointing at a recording proxy: the child's NO_PROXY/no_proxy cover
 *   loopback, so the proxy never sees the request (nor its token).
 * - Keys cached by an earlier `akvault env` with less than 45 minutes left are not what a new child
 *   gets: the first fetch has at least 45 minutes left.
 * - The agency has no IAM endpoint of its own: it uses its source's (the emulator).
 * - exec ends when its child does, even while a background renewal waits on a slow IAM.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliFixture, type CliFixture } from './support/cli-fixture';

const MIN = 60_000;
let fx: CliFixture;
let proxy: http.Server;
const proxied: string[] = [];
let proxyUrl = '';

/** Prints its proxy environment, then one fetch per "again" line on stdin; "done" ends it. */
const SDK_CLIENT = String.raw`
import json, os, sys, urllib.request, urllib.error
uri = os.environ['HC_CONTAINER_CREDENTIALS_FULL_URI']
token_file = os.environ['HC_CONTAINER_AUTHORIZATION_TOKEN_FILE']
def out(o):
    print(json.dumps(o), flush=True)
def fetch():
    with open(token_file) as f:
        token = f.read()
    req = urllib.request.Request(uri, data=b'{}', method='POST', headers={'Authorization': token, 'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return {'status': r.status, 'body': json.loads(r.read())}
    except urllib.error.HTTPError as e:
        return {'status': e.code}
    except Exception as e:
        return {'status': 0, 'error': type(e).__name__}
out({'step': 'env', 'NO_PROXY': os.environ.get('NO_PROXY'), 'no_proxy': os.environ.get('no_proxy'), 'HTTP_PROXY': os.environ.get('HTTP_PROXY'),
     'proxies': urllib.request.getproxies(), 'bypassed': urllib.request.proxy_bypass_environment('127.0.0.1'),
     'token_ends_with_newline': open(token_file).read().endswith('\n'), 'iam': os.environ.get('HUAWEICLOUD_SDK_IAM_ENDPOINT')})
out({'step': 'fetch', **fetch()})
for line in sys.stdin:
    if line.strip() == 'again':
        out({'step': 'fetch', **fetch()})
    if line.strip() == 'done':
        break
`;

interface Step {
  step: string;
  status?: number;
  error?: string;
  body?: { credentials: { accessKeyId: string; secretAccessKey: string; securityToken: string; expiration: string } };
  [k: string]: unknown;
}
const steps = (stdout: string): Step[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Step);

beforeAll(async () => {
  fx = await createCliFixture();
  await fx.addProfiles();
  // A one-hour agency without --iam-endpoint: it inherits the source's (the emulator).
  const add = await fx.akvault([
    'profile', 'add', '--name', 'hour', '--kind', 'agency', '--source', 'ops',
    '--agency-domain-name', 'acme-prod', '--agency-name', 'prod-admin', '--duration', '3600', '--region', 'cn-north-4',
  ]);
  expect(add.stderr).toBe('');
  proxy = http.createServer((req, res) => {
    proxied.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => proxy?.close(r));
  await fx?.close();
});

describe('exec --server with an SDK-shaped Python child', () => {
  it('shows where an agency without its own endpoint sends its calls, and why', async () => {
    const shown = await fx.akvault(['profile', 'show', 'hour']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`iamEndpointUsed\\s+${fx.emulator.url.replace(/[.]/g, '\\.')}/? \\(inherited from source "ops"\\)`));
    const json = JSON.parse((await fx.akvault(['profile', 'show', 'hour', '--json'])).stdout) as { endpoints: { iam: { url: string; from: string; sourceName: string } } };
    expect(json.endpoints.iam).toMatchObject({ from: 'source', sourceName: 'ops' });
  });

  it('keeps the fetch off the proxy, hands out >= 45 minutes after env cached older keys, and exits without waiting on IAM', async () => {
    // An earlier `akvault env` caches keys; 20 minutes later only 40 of their 60 minutes are left.
    fx.emulator.resetCalls();
    const env = await fx.akvault(['env', 'hour', '--format', 'json']);
    expect(env.code, env.stderr).toBe(0);
    const cached = JSON.parse(env.stdout) as { accessKeyId: string; secretAccessKey: string; securityToken: string };
    fx.remember(cached.secretAccessKey, cached.securityToken);
    await fx.advanceClock(20 * MIN);

    const running = fx.start(['exec', 'hour', '--server', '--', 'python3', '-c', SDK_CLIENT], {
      env: { HTTP_PROXY: proxyUrl, http_proxy: proxyUrl, NO_PROXY: '.corp.example', no_proxy: '' },
    });
    await running.waitFor('stdout', /"step": "fetch"/);
    const [envStep, first] = steps(running.stdout());
    expect(envStep).toMatchObject({
      NO_PROXY: '.corp.example,127.0.0.1,localhost,::1',
      no_proxy: '.corp.example,127.0.0.1,localhost,::1',
      HTTP_PROXY: proxyUrl,
      bypassed: true,
      token_ends_with_newline: false,
    });
    // The agency's own IAM endpoint is unset: the child is told the source's, where its keys were minted.
    expect(String(envStep!.iam).replace(/\/+$/, '')).toBe(fx.emulator.url.replace(/\/+$/, ''));
    expect(first!.status, JSON.stringify(first)).toBe(200);
    const keys = first!.body!.credentials;
    fx.remember(keys.secretAccessKey, keys.securityToken);
    expect(keys.accessKeyId).not.toBe(cached.accessKeyId);
    expect(Date.parse(keys.expiration) - fx.clock.now()).toBeGreaterThanOrEqual(45 * MIN);
    expect(proxied).toEqual([]);
    // Exactly one assume call per mint, each to the source's endpoint (the emulator), signed with the source's key.
    const assumes = fx.emulator.callsTo('securitytokens');
    expect(assumes).toHaveLength(2);
    expect(assumes.every((c) => c.accessKeyId === 'OPSALICEKEY000000001' && c.status === 201)).toBe(true);

    // 20 minutes on, IAM turns slow: the child still gets the valid keys at once, and exec ends with it.
    await fx.advanceClock(20 * MIN);
    fx.emulator.inject('securitytokens', { kind: 'latency', ms: 8_000 }, { times: 1 });
    running.child.stdin!.write('again\n');
    await running.waitFor('stdout', /"step": "fetch"[^\n]*\n[^\n]*"step": "fetch"/);
    const second = steps(running.stdout())[2]!;
    expect(second.status).toBe(200);
    expect(second.body!.credentials.accessKeyId).toBe(keys.accessKeyId);
    await waitUntil(() => fx.emulator.callsTo('securitytokens').length === 3);
    running.child.stdin!.end('done\n');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    // exec has exited while IAM was still holding the background renewal.
    expect(fx.emulator.callsTo('securitytokens')[2]!.status).toBeNull();
    expect(proxied).toEqual([]);
  });
});

async function waitUntil(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}
