import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Clock, systemClock } from '../../../main/core/clock';
import { authenticateAkSk, authenticateToken, type AuthOutcome } from './authenticate';
import { gatewayAuthError, iamError, keystoneError, type Reply } from './error-bodies';
import { type Fault, FaultPlan, type RouteName } from './faults';
import { field } from './route-context';
import { matchRoute } from './routes';
import { loadSeed, type Seed, type SeedInput } from './seed';
import { EmulatorState } from './state';
import { parseAuthorization } from './verify-signature';

/**
 * A local stand-in for IAM, STS and the API gateway in front of them: a real HTTP server on
 * 127.0.0.1 that checks signatures with the official SDK's algorithm, issues and enforces keys and
 * tokens from a seed, injects faults on request, and records every call.
 */

export interface EmulatorCall {
  route: RouteName;
  method: string;
  path: string;
  /** null when no answer was sent (timeout or reset). */
  status: number | null;
  outcome: 'answered' | 'timeout' | 'reset';
  auth: 'aksk' | 'token' | 'none';
  accessKeyId?: string;
  /** Emulator clock, ms. */
  at: number;
  requestId: string;
}

export interface IamEmulatorOptions {
  /** Seed data, or the path of a JSON seed file. */
  seed: string | URL | SeedInput;
  /** Decides "now" for dates, expiry and lock-outs; real time by default. Latency faults use real time. */
  clock?: Clock;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Makes issued keys differ between emulators with the same seed. */
  salt?: string;
}

export interface IamEmulator {
  /** Base URL for both the IAM and the STS endpoint, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly seed: Seed;
  readonly state: EmulatorState;
  /** Every call so far, oldest first (a copy). */
  readonly calls: EmulatorCall[];
  callsTo(route: RouteName): EmulatorCall[];
  /** Arms a fault for a route (or '*'); by default for every call until cleared. */
  inject(route: RouteName | '*', fault: Fault, opts?: { times?: number }): void;
  clearFaults(): void;
  resetCalls(): void;
  /** Back to the seed: state, lock-outs, calls and faults. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

function defaultFaultBody(status: number, requestId: string): unknown {
  if (status === 429) return { error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 minute', error_code: 'APIGW.0308', request_id: requestId };
  return keystoneError(status, status === 503 ? 'The service is temporarily unavailable.' : 'An unexpected error prevented the server from fulfilling your request.').body;
}

export async function createIamEmulator(opts: IamEmulatorOptions): Promise<IamEmulator> {
  const seed = loadSeed(opts.seed);
  const clock = opts.clock ?? systemClock;
  const salt = opts.salt ?? 'akvault-iam-emulator';
  let state = new EmulatorState(seed, salt);
  let calls: EmulatorCall[] = [];
  const faults = new FaultPlan();
  const heldOpen = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const send = (res: ServerResponse, call: EmulatorCall, reply: Reply, sts: boolean): void => {
    call.status = reply.status;
    const headers: Record<string, string> = { 'X-Request-Id': call.requestId, ...reply.headers };
    if (!sts) headers['X-IAM-Trace-Id'] = `${call.requestId.slice(0, 16)}-trace`;
    if (reply.status === 204 || reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json;charset=utf8' }).end(JSON.stringify(reply.body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // The emulator's own time (a test's skewed clock shows here, as a skewed IAM's would: `akvault doctor`).
    res.setHeader('Date', new Date(clock.now()).toUTCString());
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(chunk);
    }
    const rawBody = Buffer.concat(chunks);
    const rawUrl = req.url ?? '/';
    const method = req.method ?? 'GET';
    const url = new URL(rawUrl, `http://${req.headers.host ?? '127.0.0.1'}`);
    const match = matchRoute(method, url.pathname);
    const routeName: RouteName = match?.route.name ?? 'unknown';
    const sts = url.pathname.startsWith('/v5/');
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const akFromHeader = parseAuthorization(authorization)?.accessKeyId;
    const call: EmulatorCall = {
      route: routeName,
      method,
      path: url.pathname,
      status: null,
      outcome: 'answered',
      auth: authorization ? 'aksk' : req.headers['x-auth-token'] ? 'token' : 'none',
      ...(akFromHeader ? { accessKeyId: akFromHeader } : {}),
      at: clock.now(),
      requestId: state.ids.hexId(),
    };
    calls.push(call);

    const fault = faults.take(routeName);
    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms));
    else if (fault?.kind === 'timeout') {
      call.outcome = 'timeout';
      heldOpen.add(res);
      res.on('close', () => heldOpen.delete(res));
      return;
    } else if (fault?.kind === 'reset') {
      call.outcome = 'reset';
      req.socket.destroy();
      return;
    } else if (fault?.kind === 'malformed-json') {
      call.status = fault.status ?? 200;
      res.writeHead(call.status, { 'Content-Type': 'application/json;charset=utf8', 'X-Request-Id': call.requestId }).end('{"credential": {"access": "TRUNCA');
      return;
    } else if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
      send(res, call, { status: fault.status, headers, body: fault.body ?? defaultFaultBody(fault.status, call.requestId) }, sts);
      return;
    }

    const reply = respond(match, { method, rawUrl, url, headers: req.headers, rawBody, authorization, call });
    if (fault?.kind === 'drop-answer') {
      call.outcome = 'reset';
      req.socket.destroy();
      return;
    }
    send(res, call, reply, sts);
  };

  /** Authenticates and runs the route: the gateway, then IAM. */
  const respond = (
    match: ReturnType<typeof matchRoute>,
    r: { method: string; rawUrl: string; url: URL; headers: IncomingMessage['headers']; rawBody: Buffer; authorization: string | undefined; call: EmulatorCall },
  ): Reply => {
    if (!match) return iamError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment');
    let json: unknown;
    let bodyInvalid = false;
    if (r.rawBody.length > 0) {
      try {
        json = JSON.parse(r.rawBody.toString('utf8'));
      } catch {
        bodyInvalid = true;
      }
    }
    const now = clock.now();
    const requestId = r.call.requestId;
    let outcome: AuthOutcome | undefined;
    if (match.route.auth === 'any') {
      const token = typeof r.headers['x-auth-token'] === 'string' ? r.headers['x-auth-token'] : undefined;
      const bodyToken = field(json, 'auth.identity.token.id');
      if (r.authorization) outcome = authenticateAkSk({ method: r.method, rawUrl: r.rawUrl, headers: r.headers, body: r.rawBody }, state, now, requestId);
      else if (token) outcome = authenticateToken(token, state, now, requestId);
      else if (match.route.name === 'securitytokens' && typeof bodyToken === 'string') outcome = authenticateToken(bodyToken, state, now, requestId);
      else outcome = { ok: false, reply: gatewayAuthError('x-auth-token not found', requestId) };
      if (!outcome.ok) return outcome.reply;
    }
    if (bodyInvalid) return iamError(400, 'IAM.0011', 'Request body is invalid.');
    return match.route.handle({ state, now, requestId, url: r.url, headers: r.headers, json, caller: outcome?.ok ? outcome.caller : undefined, params: match.params });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    seed,
    get state() {
      return state;
    },
    get calls() {
      return [...calls];
    },
    callsTo: (route) => calls.filter((c) => c.route === route),
    inject: (route, fault, o) => faults.inject(route, fault, o?.times),
    clearFaults: () => faults.clear(),
    resetCalls: () => {
      calls = [];
    },
    reset: () => {
      state = new EmulatorState(seed, salt);
      calls = [];
      faults.clear();
    },
    close: async () => {
      for (const res of heldOpen) res.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
