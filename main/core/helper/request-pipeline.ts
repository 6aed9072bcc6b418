/**
 * One request, start to finish: the machine-level checks (peer, Host, Origin), route matching, the
 * bearer check, the capped body read, then the route's handler. Every refusal before the body is read
 * closes the connection if a body was announced, so an unread body never lingers on a kept-alive socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asAkvaultError } from '../errors';
import { checkBearer } from './bearer-auth';
import type { HandlerContext, HandlerOutcome, HelperDeps, RouteHandler } from './handler-context';
import type { TokenDigest } from './helper-token';
import { sendAkvaultError, sendRefusal } from './http-response';
import { handleHandoff, handleRegisterPodClient, handleRevokePodClient } from './handoff-handlers';
import { handleMetadataSecurityKey, handleMetadataToken } from './metadata-handlers';
import { handlePodIdentity } from './pod-identity-handler';
import { hasBody, readCappedBody } from './read-body';
import { type Refusal, refusal } from './refusals';
import { type RequestCheckConfig, checkBrowser, checkHost, checkPeer } from './request-checks';
import { type RouteName, matchRoute } from './routes';
import type { HelperAddress, HelperLogEntry, UiRequestHandler } from './types';
import { handleCredentials, handleHealth, handleProfiles } from './v1-handlers';
import { handleVault } from './vault-handler';

export interface PipelineConfig {
  checks: RequestCheckConfig;
  hosts: Set<string>;
  bearerDigest: TokenDigest;
  maxBodyBytes: number;
  deps: HelperDeps;
  /** The browser UI, while one is attached: `/ui` and `/ui/*` go to it (see HelperServer.attachUi). */
  ui?: UiSlot;
  /** Must not throw (helper-server wraps the caller's logger). */
  log?: (entry: HelperLogEntry) => void;
}

const HANDLERS: Record<RouteName, RouteHandler> = {
  health: handleHealth,
  profiles: handleProfiles,
  credentials: handleCredentials,
  'pod-identity': handlePodIdentity,
  'metadata-token': handleMetadataToken,
  'metadata-securitykey': handleMetadataSecurityKey,
  handoff: handleHandoff,
  'pod-identity-clients': handleRegisterPodClient,
  'pod-identity-client': handleRevokePodClient,
  vault: handleVault,
};

/** Where the attached browser UI sits (null: none, `/ui` is an unknown path like any other). */
export interface UiSlot {
  handler: UiRequestHandler | null;
  address: HelperAddress;
}

interface Trace {
  route: RouteName | 'ui' | null;
  ctx?: HandlerContext;
}

export function createRequestListener(cfg: PipelineConfig): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void serve(cfg, req, res);
  };
}

async function serve(cfg: PipelineConfig, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const trace: Trace = { route: null };
  let outcome: HandlerOutcome | null;
  try {
    outcome = await dispatch(cfg, req, res, trace);
  } catch (e) {
    // Only the AkvaultError's own fields go out; anything else becomes a generic 'internal'.
    const err = asAkvaultError(e);
    outcome = { status: sendAkvaultError(res, err), code: err.code };
  }
  if (outcome === null) return;
  cfg.log?.({
    event: 'request',
    method: req.method ?? '',
    route: trace.route,
    status: outcome.status,
    ...(outcome.code !== undefined ? { code: outcome.code } : {}),
    ...(trace.ctx?.profile !== undefined ? { profile: trace.ctx.profile } : {}),
  });
}

function refuseBeforeBody(req: IncomingMessage, res: ServerResponse, r: Refusal, headers?: Record<string, string>) {
  sendRefusal(res, r, { close: hasBody(req), ...(headers ? { headers } : {}) });
  return { status: r.status, code: r.code };
}

async function dispatch(
  cfg: PipelineConfig,
  req: IncomingMessage,
  res: ServerResponse,
  trace: Trace,
): Promise<HandlerOutcome | null> {
  const machine = checkPeer(req.socket.remoteAddress, cfg.checks) ?? checkHost(req.headers.host, cfg.hosts);
  if (machine) return refuseBeforeBody(req, res, machine);

  // The browser UI is the one place a page may call: it checks its own cookie, Origin and Host, and
  // never reaches the bearer routes below.
  const ui = cfg.ui?.handler;
  if (ui && isUiPath(req.url ?? '')) {
    trace.route = 'ui';
    return ui.handle(req, res, cfg.ui!.address);
  }

  const browser = checkBrowser(req.headers, cfg.checks);
  if (browser) return refuseBeforeBody(req, res, browser);

  const match = matchRoute(req.method ?? '', req.url ?? '', cfg.checks);
  if (match.kind === 'not-found') return refuseBeforeBody(req, res, refusal('request.not-found'));
  if (match.kind === 'bad-path') return refuseBeforeBody(req, res, refusal('request.bad-path'));
  trace.route = match.name;
  if (match.kind === 'method-not-allowed') {
    return refuseBeforeBody(req, res, refusal('request.method-not-allowed'), { Allow: match.allow });
  }

  if (match.auth === 'bearer') {
    const denied = checkBearer(req.headers.authorization, cfg.bearerDigest);
    if (denied) return refuseBeforeBody(req, res, denied);
  }

  const body = await readCappedBody(req, cfg.maxBodyBytes);
  if (!body.ok) {
    if (body.reason === 'aborted') return null; // the client is gone; nobody to answer
    const r = refusal('request.too-large');
    sendRefusal(res, r, { close: true });
    return { status: r.status, code: r.code };
  }

  const ctx: HandlerContext = { req, res, param: match.param, deps: cfg.deps, body: body.body };
  trace.ctx = ctx;
  return HANDLERS[match.name](ctx);
}

function isUiPath(target: string): boolean {
  const cut = target.search(/[?#]/);
  const path = cut === -1 ? target : target.slice(0, cut);
  return path === '/ui' || path.startsWith('/ui/');
}
