/**
 * The local helper: plain node:http on 127.0.0.1, a random port by default, a random bearer token.
 * See README.md in this folder for the routes and the status codes.
 *
 * Robustness: all per-request work is asynchronous (the costliest synchronous step is one SHA-256 of a
 * token), header and request timeouts drop slow clients without holding anyone else up, bodies are
 * capped, and close() ends kept-alive connections instead of waiting for them to idle out.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../clock';
import { AkvaultError } from '../errors';
import type { HelperDeps } from './handler-context';
import { digestToken, isStrongToken, newToken } from './helper-token';
import { MetadataTokenStore } from './metadata-tokens';
import { PodIdentityRegistry } from './pod-identity-registry';
import { createRequestListener, type UiSlot } from './request-pipeline';
import { type RequestCheckConfig, allowedHosts } from './request-checks';
import { POD_IDENTITY_PREFIX } from './routes';
import type { HelperLogEntry, HelperServer, HelperServerOptions, HelperTimeouts, PodIdentityClient, UiRequestHandler } from './types';

export const HELPER_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024;
export const DEFAULT_TIMEOUTS: HelperTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  checkIntervalMs: 1_000,
};
/** Room for bursts: a thousand SDK clients starting at once must not overflow the accept queue. */
const LISTEN_BACKLOG = 4096;

function validate(opts: HelperServerOptions): void {
  if (opts.token !== undefined && !isStrongToken(opts.token)) {
    throw new AkvaultError('validation', 'The helper token must be at least 32 random bytes, base64url-encoded.');
  }
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new AkvaultError('validation', 'The helper port must be a whole number from 0 to 65535.', {
      params: { port: String(port) },
    });
  }
  // "null" is the origin of sandboxed frames and local files: never a UI we serve.
  if (opts.uiOrigin !== undefined && (opts.uiOrigin === '' || opts.uiOrigin === 'null')) {
    throw new AkvaultError('validation', 'The UI origin must be a real origin such as http://127.0.0.1:5173.');
  }
  if (opts.maxBodyBytes !== undefined && (!Number.isInteger(opts.maxBodyBytes) || opts.maxBodyBytes < 2)) {
    throw new AkvaultError('validation', 'The body limit must be a whole number of bytes (at least 2, for "{}").');
  }
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (cause: Error) => {
      reject(
        new AkvaultError('helper.unavailable', `The local helper could not listen on ${HELPER_HOST}:${port}.`, {
          params: { port },
          hint: 'Another program may be using the port; choose another one or let the system pick (port 0).',
          cause,
        }),
      );
    };
    server.once('error', onError);
    server.listen({ host: HELPER_HOST, port, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function createHelperServer(opts: HelperServerOptions): Promise<HelperServer> {
  validate(opts);
  const clock = opts.clock ?? systemClock;
  const token = opts.token ?? newToken();
  const metadataEmulation = opts.metadataEmulation ?? false;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  // Node refuses a headers timeout longer than the request timeout.
  const headersMs = Math.min(timeouts.headersMs, timeouts.requestMs);

  const server = http.createServer({
    headersTimeout: headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
  });
  server.keepAliveTimeout = timeouts.keepAliveMs;

  const port = await listen(server, opts.port ?? 0);
  // A failing logger must never take a request, or the helper, down with it.
  const sink = opts.log;
  const log = sink
    ? (entry: HelperLogEntry) => {
        try {
          sink(entry);
        } catch {
          // dropped
        }
      }
    : undefined;
  const url = `http://${HELPER_HOST}:${port}`;

  const deps: HelperDeps = {
    provider: opts.provider,
    clock,
    pods: new PodIdentityRegistry(),
    metadataTokens: new MetadataTokenStore(clock),
    baseUrl: url,
    ...(opts.vault ? { vault: opts.vault } : {}),
  };
  const ui: UiSlot = { handler: null, address: { origin: url, host: `${HELPER_HOST}:${port}`, port } };
  const detachUi = (handler: UiRequestHandler) => {
    if (ui.handler !== handler) return;
    ui.handler = null;
    try {
      handler.close?.();
    } catch {
      // A UI failing to close must not stop the helper from closing.
    }
  };
  const checks: RequestCheckConfig = {
    port,
    metadataEmulation,
    ...(opts.uiOrigin !== undefined ? { uiOrigin: opts.uiOrigin } : {}),
  };
  // Attached in the same tick as 'listening': no connection can be accepted before it is in place.
  server.on(
    'request',
    createRequestListener({
      checks,
      hosts: allowedHosts(checks),
      bearerDigest: digestToken(token),
      maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      deps,
      ui,
      ...(log ? { log } : {}),
    }),
  );
  // Without a listener, an accept failure (EMFILE under load) would be thrown and end the whole app.
  server.on('error', (e: NodeJS.ErrnoException) => log?.({ event: 'error', code: e.code ?? 'unknown' }));
  log?.({ event: 'listening', url, metadataEmulation });

  let closing: Promise<void> | null = null;

  return {
    url,
    port,
    token,
    addPodIdentityClient(profile, clientOpts = {}): PodIdentityClient {
      if (closing) throw new AkvaultError('helper.unavailable', 'The local helper has stopped.');
      const { id, token: clientToken } = deps.pods.add(profile, clientOpts.label ?? 'child', clock.now());
      return {
        id,
        uri: `${url}${POD_IDENTITY_PREFIX}${id}`,
        token: clientToken,
        revoke: () => void deps.pods.revoke(id),
      };
    },
    podIdentityClients: () => deps.pods.list(),
    attachUi(handler) {
      if (closing) throw new AkvaultError('helper.unavailable', 'The local helper has stopped.');
      if (ui.handler) detachUi(ui.handler);
      ui.handler = handler;
      return () => detachUi(handler);
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        if (ui.handler) detachUi(ui.handler);
        deps.pods.clear();
        deps.metadataTokens.clear();
        server.close(() => {
          log?.({ event: 'closed' });
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
