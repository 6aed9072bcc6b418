/**
 * One request under /ui, after the helper's peer and Host checks:
 *
 * | Method | Path | Checks | Answer |
 * |---|---|---|---|
 * | GET | /ui/login?ticket=… | Host; Sec-Fetch-Site none/same-origin; ticket (once) | 303 → /ui/ + session cookie |
 * | GET | /ui, /ui/… | Host; Sec-Fetch-Site none/same-origin; Origin if sent; cookie | the renderer's files |
 * | GET | /ui/api/events | Host; Sec-Fetch-Site same-origin; Origin if sent; cookie | event stream |
 * | POST | /ui/api/invoke/<channel> | Host; Sec-Fetch-Site same-origin; Origin required; cookie; JSON | Result envelope |
 *
 * Refusals: pages get plain text, the API gets a Result envelope; statuses in ui-refusals.ts.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { hasBody } from '../core/helper/read-body';
import type { HelperAddress, UiRequestHandler } from '../core/helper/types';
import type { EventName, EventPayload } from '../../preload/contract';
import type { Handlers } from '../shared/dispatch';
import type { EventStreams } from './event-stream';
import { handleInvoke } from './invoke-route';
import { serveUiFile } from './static-files';
import { checkFetchSite, checkJson, checkOrigin, checkUiHost } from './ui-checks';
import { sessionCookie, type LoginTickets, type UiSessions } from './ui-credentials';
import { type UiRefusal, uiRefusal } from './ui-refusals';
import { sendApiRefusal, sendPageRefusal, sendUi } from './ui-responses';

export type InitialEvents = ReadonlyArray<{ [K in EventName]: [K, EventPayload<K>] }[EventName]>;

export interface UiRouterDeps {
  handlers: Handlers;
  tickets: LoginTickets;
  sessions: UiSessions;
  streams: EventStreams;
  /** What a newly connected page is sent first: the current snapshot and MFA request. */
  initialEvents(): Promise<InitialEvents>;
  rendererDir: string;
  maxBodyBytes: number;
}

type Outcome = { status: number; code?: string } | null;

export const LOGIN_PATH = '/ui/login';
const EVENTS_PATH = '/ui/api/events';
const INVOKE = /^\/ui\/api\/invoke\/([^/]+)$/;

export function createUiRouter(deps: UiRouterDeps): UiRequestHandler {
  return {
    async handle(req, res, address) {
      const { path, query } = splitTarget(req.url ?? '');
      const method = req.method ?? '';
      const api = path.startsWith('/ui/api/');
      // Refused before the body is read: close the connection rather than leave an unread body on it.
      const refuse = (r: UiRefusal, headers?: Record<string, string>) =>
        (api ? sendApiRefusal : sendPageRefusal)(res, r, { close: hasBody(req), ...(headers ? { headers } : {}) });

      const host = checkUiHost(req.headers.host, address);
      if (host) return refuse(host);

      if (path === LOGIN_PATH) {
        if (method !== 'GET') return refuse(uiRefusal('ui.method-not-allowed'), { Allow: 'GET' });
        const early = checkFetchSite(req.headers, { navigation: true }) ?? checkOrigin(req.headers, address, { required: false });
        if (early) return refuse(early);
        if (!deps.tickets.redeem(new URLSearchParams(query).get('ticket'))) return refuse(uiRefusal('ui.bad-ticket'));
        // The ticket is spent; from now on this browser is known by its cookie. The redirect also
        // takes the ticket out of the address bar and the history entry.
        sendUi(res, 303, 'text/plain; charset=utf-8', 'Signed in.\n', { headers: { Location: '/ui/', 'Set-Cookie': sessionCookie(deps.sessions.create()) } });
        return { status: 303 };
      }

      if (api) return serveApi(req, res, address, path, method, refuse);

      if (method !== 'GET') return refuse(uiRefusal('ui.method-not-allowed'), { Allow: 'GET' });
      const early = checkFetchSite(req.headers, { navigation: true }) ?? checkOrigin(req.headers, address, { required: false }) ?? signedIn(req.headers);
      if (early) return refuse(early);
      if (path === '/ui') {
        sendUi(res, 308, 'text/plain; charset=utf-8', '', { headers: { Location: '/ui/' } });
        return { status: 308 };
      }
      return serveUiFile(res, deps.rendererDir, path.slice('/ui/'.length));
    },
  };

  function signedIn(headers: IncomingHttpHeaders): UiRefusal | null {
    return deps.sessions.admits(headers.cookie) ? null : uiRefusal('ui.signed-out');
  }

  async function serveApi(
    req: IncomingMessage,
    res: ServerResponse,
    address: HelperAddress,
    path: string,
    method: string,
    refuse: (r: UiRefusal, headers?: Record<string, string>) => Outcome,
  ): Promise<Outcome> {
    const site = checkFetchSite(req.headers, { navigation: false });
    if (site) return refuse(site);
    if (path === EVENTS_PATH) {
      if (method !== 'GET') return refuse(uiRefusal('ui.method-not-allowed'), { Allow: 'GET' });
      const early = checkOrigin(req.headers, address, { required: false }) ?? signedIn(req.headers);
      if (early) return refuse(early);
      deps.streams.open(res, await deps.initialEvents());
      return { status: 200 };
    }
    const invoke = INVOKE.exec(path);
    if (!invoke) return refuse(uiRefusal('ui.not-found'));
    if (method !== 'POST') return refuse(uiRefusal('ui.method-not-allowed'), { Allow: 'POST' });
    const early = checkOrigin(req.headers, address, { required: true }) ?? signedIn(req.headers) ?? checkJson(req.headers);
    if (early) return refuse(early);
    return handleInvoke(req, res, invoke[1]!, deps.handlers, deps.maxBodyBytes);
  }
}

/** Path and query by plain string work, like the helper's router (no URL object to reinterpret them). */
function splitTarget(target: string): { path: string; query: string } {
  const hash = target.indexOf('#');
  const noHash = hash === -1 ? target : target.slice(0, hash);
  const q = noHash.indexOf('?');
  return q === -1 ? { path: noHash, query: '' } : { path: noHash.slice(0, q), query: noHash.slice(q + 1) };
}
