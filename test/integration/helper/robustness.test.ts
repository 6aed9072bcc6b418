import http from 'node:http';
import net from 'node:net';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { AkvaultError } from '../../../main/core/errors';
import { createHelperServer } from '../../../main/core/helper';
import type { HelperServer, HelperServerOptions } from '../../../main/core/helper';
import type { CredentialProvider, SessionCredentials } from '../../../main/core/sessions/types';
import { ManualClock } from '../../support/manual-clock';
import { FakeProvider, rotatingKeys } from './support/fake-provider';
import { bearer, call } from './support/http-client';

const HOUR = 3_600_000;

describe('helper robustness', () => {
  const started: HelperServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((h) => h.close()));
  });

  async function start(extra: Partial<HelperServerOptions> = {}, provider?: CredentialProvider) {
    const clock = new ManualClock();
    const p = provider ?? new FakeProvider({ agency: { kind: 'agency', source: rotatingKeys(clock.now(), HOUR) } }, 'agency', clock);
    const h = await createHelperServer({ provider: p, clock, ...extra });
    started.push(h);
    return h;
  }

  /** Waits until the server ends a raw socket (by closing it, or answering and then closing). */
  function closed(socket: net.Socket): Promise<string> {
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    return new Promise((resolve) => socket.on('close', () => resolve(received)));
  }

  function connect(port: number): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
      s.on('error', reject);
    });
  }

  describe('request bodies', () => {
    const podCall = (h: HelperServer, body: string, chunked = false) => {
      const c = h.addPodIdentityClient('agency');
      return call(h.port, {
        method: 'POST',
        path: new URL(c.uri).pathname,
        headers: { authorization: c.token, 'content-type': 'application/json' },
        body,
        chunked,
      });
    };

    it('accepts a body up to the cap', async () => {
      const h = await start();
      const r = await podCall(h, `{"pad":"${'x'.repeat(8192 - 10)}"}`);
      expect(r.status).toBe(200);
    });

    it('refuses a declared body over the cap with 413', async () => {
      const h = await start();
      const r = await podCall(h, `{"pad":"${'x'.repeat(9000)}"}`);
      expect(r.status).toBe(413);
      expect((r.json() as { error: { code: string } }).error.code).toBe('request.too-large');
      expect(r.headers.connection).toBe('close');
    });

    it('refuses a chunked body that grows over the cap with 413', async () => {
      const h = await start();
      const r = await podCall(h, `{"pad":"${'x'.repeat(9000)}"}`, true);
      expect(r.status).toBe(413);
    });

    it('honours a configured cap', async () => {
      const h = await start({ maxBodyBytes: 16 });
      expect((await podCall(h, '{}')).status).toBe(200);
      expect((await podCall(h, `{"a":"${'x'.repeat(20)}"}`)).status).toBe(413);
    });
  });

  describe('slow clients', () => {
    it('a slow-loris client (half a header, then silence) does not block a normal request', async () => {
      const h = await start();
      const loris = await connect(h.port);
      loris.write(`GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nX-Slow: `);
      const silent = await connect(h.port);
      const r = await call(h.port, { path: '/v1/credentials/agency', headers: bearer(h.token) });
      expect(r.status).toBe(200);
      loris.destroy();
      silent.destroy();
    });

    it('drops a client that never finishes its headers', async () => {
      const h = await start({ timeouts: { headersMs: 200, requestMs: 400, checkIntervalMs: 50 } });
      const loris = await connect(h.port);
      const ended = closed(loris);
      loris.write(`GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nX-Slow: `);
      const answer = await ended;
      expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    });

    it('drops a client that sends its body too slowly', async () => {
      const h = await start({ timeouts: { headersMs: 200, requestMs: 400, checkIntervalMs: 50 } });
      const c = h.addPodIdentityClient('agency');
      const slow = await connect(h.port);
      const ended = closed(slow);
      slow.write(
        `POST ${new URL(c.uri).pathname} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nAuthorization: ${c.token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{',
      );
      const answer = await ended;
      expect(answer).not.toContain('SECRET');
    });
  });

  it('serves 1,000 concurrent clients', async () => {
    const clients = 1000;
    const clock = new ManualClock();
    const keys = rotatingKeys(clock.now(), HOUR);
    // Holds every answer until all 1,000 requests are inside the helper at once, so passing proves
    // they were all accepted and in flight together (no timing involved).
    let arrived = 0;
    let release!: () => void;
    const allIn = new Promise<void>((r) => (release = r));
    const provider: CredentialProvider = {
      listProfiles: async () => [],
      getDefaultProfile: async () => 'agency',
      async getCredentials(): Promise<SessionCredentials> {
        if (++arrived === clients) release();
        await allIn;
        return keys(clock.now());
      },
    };
    const h = await start({}, provider);
    const agent = new Agent({ connections: clients, pipelining: 1 });
    try {
      const results = await Promise.all(
        Array.from({ length: clients }, async () => {
          const res = await request(`${h.url}/v1/credentials/agency`, { dispatcher: agent, headers: bearer(h.token) });
          const body = (await res.body.json()) as { accessKeyId?: string };
          return { status: res.statusCode, ak: body.accessKeyId };
        }),
      );
      expect(arrived).toBe(clients);
      expect(results.filter((r) => r.status === 200 && r.ak === 'AKTEMP0000')).toHaveLength(clients);
    } finally {
      await agent.close();
    }
  });

  it('keeps connections alive between requests', async () => {
    const h = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const reused: boolean[] = [];
      for (let i = 0; i < 3; i++) {
        await new Promise<void>((resolve, reject) => {
          const req = http.get(
            { host: '127.0.0.1', port: h.port, path: '/v1/health', headers: bearer(h.token), agent },
            (res) => {
              expect(res.statusCode).toBe(200);
              expect(res.headers.connection).toBe('keep-alive');
              res.resume();
              res.on('end', resolve);
            },
          );
          reused.push(req.reusedSocket);
          req.on('error', reject);
        });
      }
      expect(reused).toEqual([false, true, true]);
    } finally {
      agent.destroy();
    }
  });

  it('close() ends kept-alive and in-flight connections and stops listening', async () => {
    let enter!: () => void;
    const entered = new Promise<void>((r) => (enter = r));
    const never: CredentialProvider = {
      listProfiles: async () => [],
      getDefaultProfile: async () => 'agency',
      getCredentials: () => {
        enter();
        return new Promise<SessionCredentials>(() => {});
      },
    };
    // A long keep-alive: close() must not wait for it.
    const h = await start({ timeouts: { keepAliveMs: 600_000 } }, never);
    const idle = await connect(h.port);
    const idleClosed = closed(idle);
    idle.write(`GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nAuthorization: Bearer ${h.token}\r\n\r\n`);
    await new Promise<void>((r) => idle.once('data', () => r()));

    const inflight = call(h.port, { path: '/v1/credentials/agency', headers: bearer(h.token) }).then(
      () => 'answered',
      (e: Error) => e,
    );
    await entered;
    await h.close();
    await idleClosed;
    expect(await inflight).toBeInstanceOf(Error);
    await expect(connect(h.port)).rejects.toThrow(/ECONNREFUSED/);
    await h.close(); // twice is fine
  });

  it('reports a busy port as helper.unavailable', async () => {
    const first = await start();
    const err = await start({ port: first.port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AkvaultError);
    expect((err as AkvaultError).code).toBe('helper.unavailable');
  });

  it('listens on the requested port', async () => {
    const probe = await start();
    const port = probe.port;
    await probe.close();
    const h = await start({ port });
    expect(h.port).toBe(port);
    expect((await call(port, { path: '/v1/health', headers: bearer(h.token) })).status).toBe(200);
  });

  it('survives a logger that throws', async () => {
    const h = await start({
      log: () => {
        throw new Error('log sink is full');
      },
    });
    expect((await call(h.port, { path: '/v1/credentials/agency', headers: bearer(h.token) })).status).toBe(200);
    expect((await call(h.port, { path: '/v1/health' })).status).toBe(401);
  });

  it('uses a supplied token and refuses a weak one', async () => {
    const token = Buffer.alloc(32, 7).toString('base64url');
    const h = await start({ token });
    expect(h.token).toBe(token);
    expect((await call(h.port, { path: '/v1/health', headers: bearer(token) })).status).toBe(200);
    await expect(start({ token: 'short' })).rejects.toMatchObject({ code: 'validation' });
    await expect(start({ uiOrigin: 'null' })).rejects.toMatchObject({ code: 'validation' });
  });
});
