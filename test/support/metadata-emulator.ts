/**
 * An ECS metadata service on 127.0.0.1 for tests and offline trials: the optional session-token step
 * (`PUT /meta-data/latest/api/token`) and `GET /openstack/latest/securitykey`, in the formats of
 * huawei-iam.md §8. Modes let a test exercise the SDK-compatible fallbacks:
 * - tokenMode 'required' | 'optional' | 'unsupported-404' | 'unsupported-405' | 'unsupported-503'
 * - noAgency: answers 401 "Please configure Cloud Service Agency first".
 * Credentials are minted on demand and live `lifetimeSeconds` by the injected clock.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../main/core/clock';
import { systemClock } from '../../main/core/clock';

export type TokenMode = 'required' | 'optional' | 'unsupported-404' | 'unsupported-405' | 'unsupported-503';

export interface MetadataCredential {
  access: string;
  secret: string;
  securitytoken: string;
  expires_at: string;
}

export interface MetadataEmulatorOptions {
  clock?: Clock;
  tokenMode?: TokenMode;
  noAgency?: boolean;
  lifetimeSeconds?: number;
  /** Called to mint keys, e.g. to register them with the IAM emulator so they can sign calls. */
  mint?: (expiresAt: Date) => MetadataCredential;
}

export interface MetadataCall {
  method: string;
  path: string;
  status: number;
  withToken: boolean;
}

export async function createMetadataEmulator(opts: MetadataEmulatorOptions = {}) {
  const clock = opts.clock ?? systemClock;
  const state = {
    tokenMode: opts.tokenMode ?? 'optional',
    noAgency: opts.noAgency ?? false,
    lifetimeSeconds: opts.lifetimeSeconds ?? 3600,
    down: false,
  };
  const tokens = new Map<string, number>();
  const calls: MetadataCall[] = [];
  let current: MetadataCredential | null = null;

  const mint =
    opts.mint ??
    ((expiresAt: Date): MetadataCredential => ({
      access: randomBytes(10).toString('hex').toUpperCase(),
      secret: randomBytes(20).toString('hex').slice(0, 40),
      securitytoken: randomBytes(1200).toString('base64'),
      expires_at: expiresAt.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'),
    }));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://metadata');
    const token = req.headers['x-metadata-token'];
    const send = (status: number, body: string, type = 'application/json') => {
      calls.push({ method: req.method ?? '', path: url.pathname, status, withToken: typeof token === 'string' });
      res.writeHead(status, { 'content-type': type }).end(body);
    };
    if (state.down) return void req.socket.destroy();
    if (url.pathname === '/meta-data/latest/api/token' && req.method === 'PUT') {
      if (state.tokenMode === 'unsupported-404') return send(404, 'Not Found', 'text/plain');
      if (state.tokenMode === 'unsupported-405') return send(405, 'Method Not Allowed', 'text/plain');
      if (state.tokenMode === 'unsupported-503') return send(503, 'Service Unavailable', 'text/plain');
      const ttl = Number(req.headers['x-metadata-token-ttl-seconds'] ?? 21600);
      const t = randomBytes(24).toString('base64url');
      tokens.set(t, clock.now() + ttl * 1000);
      return send(200, t, 'text/plain');
    }
    if (url.pathname === '/openstack/latest/securitykey' && req.method === 'GET') {
      if (state.tokenMode === 'required') {
        const exp = typeof token === 'string' ? tokens.get(token) : undefined;
        if (exp === undefined || exp < clock.now()) return send(401, JSON.stringify({ error: 'metadata token invalid or expired' }));
      }
      if (state.noAgency) return send(401, JSON.stringify({ error_msg: 'Please configure Cloud Service Agency first' }));
      const now = clock.now();
      // Like the real service: rotate 10 minutes before expiry.
      if (!current || Date.parse(current.expires_at) - now < 10 * 60_000) current = mint(new Date(now + state.lifetimeSeconds * 1000));
      return send(200, JSON.stringify({ credential: current }));
    }
    send(404, JSON.stringify({ error: 'not found' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    state,
    /** The credential currently served (for assertions). */
    get current() {
      return current;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
export type MetadataEmulator = Awaited<ReturnType<typeof createMetadataEmulator>>;
