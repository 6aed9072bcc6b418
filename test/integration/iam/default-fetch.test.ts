import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Set before the client's fetch makes its agent (it reads the environment once, on first use).
const saved = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
let proxy: Server;
let target: Server;
const connects: string[] = [];

beforeAll(async () => {
  // A proxy that records CONNECT requests and refuses them: enough to see who went through it.
  proxy = createServer((_req, res) => res.writeHead(502).end());
  proxy.on('connect', (req, socket) => {
    connects.push(req.url ?? '');
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  target = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'));
  proxy.listen(0, '127.0.0.1');
  target.listen(0, '127.0.0.1');
  await Promise.all([once(proxy, 'listening'), once(target, 'listening')]);
  process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  process.env.HTTPS_PROXY = process.env.HTTP_PROXY;
  process.env.NO_PROXY = '127.0.0.1';
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  proxy.close();
  target.close();
});

describe('nodeFetch (the default fetch in plain Node)', () => {
  it('goes through HTTP(S)_PROXY, except for NO_PROXY hosts', async () => {
    const { nodeFetch } = await import('../../../main/core/iam/fetch');
    const signal = new AbortController().signal;
    const direct = await nodeFetch(`http://127.0.0.1:${(target.address() as AddressInfo).port}/v3/auth/domains`, { method: 'GET', headers: {}, signal, redirect: 'manual' });
    expect(direct.status).toBe(200);
    expect(connects).toEqual([]);

    await expect(nodeFetch('http://iam.proxied.invalid/v3/auth/domains', { method: 'GET', headers: {}, signal, redirect: 'manual' })).rejects.toThrow();
    expect(connects).toEqual(['iam.proxied.invalid:80']);
  });

  it('never sends a loopback URL to the proxy, even when NO_PROXY does not name it (a proxy cannot reach this machine)', async () => {
    const { nodeFetch, isLoopbackUrl } = await import('../../../main/core/iam/fetch');
    const port = (target.address() as AddressInfo).port;
    const r = await nodeFetch(`http://localhost:${port}/v3/auth/domains`, { method: 'GET', headers: {}, signal: new AbortController().signal, redirect: 'manual' });
    expect(r.status).toBe(200);
    expect(connects).toEqual(['iam.proxied.invalid:80']);
    expect([isLoopbackUrl('http://127.8.0.1/'), isLoopbackUrl('http://[::1]:8/'), isLoopbackUrl('https://iam.myhuaweicloud.com'), isLoopbackUrl('http://127.0.0.1.evil.example/')]).toEqual([true, true, false, false]);
  });
});
