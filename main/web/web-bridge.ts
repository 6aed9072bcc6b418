/**
 * The browser UI of `akvault serve --ui`, assembled: the shared view state (the same handlers the
 * desktop window calls) on top of the app core, with web ports; the /ui request handler the local
 * helper routes to; sign-in tickets and sessions; the event streams; and the MFA requests the page
 * answers. Pass `ui` to createHelperServer, then call `listening` once the helper runs.
 */
import type { HelperStatusView } from '../../preload/contract';
import type { UiRequestHandler } from '../core/helper/types';
import { watchProfilesFile } from '../core/profiles/profiles-watch';
import { MfaRequests } from '../shared/mfa-requests';
import type { ConsoleLoginClient } from '../shared/ports';
import { createViewState, type ViewCore, type ViewState } from '../shared/view-state';
import type { DoctorReport } from '../core/doctor';
import { EventStreams } from './event-stream';
import { DEFAULT_UI_MAX_BODY_BYTES } from './invoke-route';
import { DEFAULT_TICKET_TTL_MS, LoginTickets, UiSessions } from './ui-credentials';
import { createUiRouter, LOGIN_PATH } from './ui-router';
import { createWebPorts } from './web-ports';

export interface WebBridgeOptions {
  core: ViewCore;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Opens the system browser; links reach it only through the https allowlist. */
  openBrowser: (url: string) => Promise<void>;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The Diagnostics view's report (`akvault doctor` run as `serve`). */
  diagnostics?: () => Promise<DoctorReport>;
  now?: () => number;
  ticketTtlMs?: number;
  maxBodyBytes?: number;
  consoleLogin?: ConsoleLoginClient;
  /** The profiles file to watch for edits by other processes (the CLI in another terminal). */
  profilesFile?: string;
}

export interface WebBridge {
  ui: UiRequestHandler;
  view: ViewState;
  mfa: MfaRequests;
  /** The helper serving the UI is up: the snapshot shows it. */
  listening(helper: { url: string; port: number }): void;
  /** A fresh one-time sign-in path, `/ui/login?ticket=…` (single use, short-lived). */
  issueLoginPath(): string;
  /** Pages connected right now (listening for events). */
  connectedPages(): number;
  /** Ends every stream, session and waiting MFA request (also what the helper calls when it stops). */
  dispose(): void;
}

export function createWebBridge(opts: WebBridgeOptions): WebBridge {
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now;
  const mfa = new MfaRequests({ locale: () => currentLocale() });
  let helper: HelperStatusView = { state: 'starting' };

  const ports = createWebPorts({
    settings: () => opts.core.settings.get(),
    openBrowser: opts.openBrowser,
    helperStatus: () => helper,
    env,
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.consoleLogin ? { consoleLogin: opts.consoleLogin } : {}),
  });
  function currentLocale() {
    return ports.locale.current();
  }
  const view = createViewState(opts.core, { ...ports, ...(opts.diagnostics ? { diagnostics: opts.diagnostics } : {}) }, mfa);
  const streams = new EventStreams();
  const tickets = new LoginTickets(opts.ticketTtlMs ?? DEFAULT_TICKET_TTL_MS, now);
  const sessions = new UiSessions();

  const offSnapshot = view.onSnapshot((snapshot) => streams.broadcast('snapshot', snapshot));
  const offMfa = mfa.on((pending) => streams.broadcast('mfaRequest', { pending }));
  // Another process (the CLI) edited the profiles: the broker's index forgets its copy before the view reads it.
  const stopWatching = opts.profilesFile ? watchProfilesFile(opts.profilesFile, () => void opts.core.broker.profileChanged(null).then(() => view.refresh())) : () => undefined;

  const router = createUiRouter({
    handlers: view.handlers,
    tickets,
    sessions,
    streams,
    async initialEvents() {
      const snapshot = view.latest() ?? (await view.snapshot());
      return [
        ['snapshot', snapshot],
        ['mfaRequest', { pending: mfa.current() }],
      ];
    },
    rendererDir: opts.rendererDir,
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_UI_MAX_BODY_BYTES,
  });

  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    stopWatching();
    offSnapshot();
    offMfa();
    // A page can no longer answer: the broker hears "cancelled" now instead of after the timeout.
    mfa.cancelAll();
    streams.closeAll();
    tickets.clear();
    sessions.clear();
    view.dispose();
  };
  // The helper closes the UI it serves when it stops (or the UI is detached).
  const ui: UiRequestHandler = { handle: (req, res, address) => router.handle(req, res, address), close: dispose };

  return {
    ui,
    view,
    mfa,
    listening(h) {
      helper = { state: 'running', url: h.url, port: h.port };
      view.refresh();
    },
    issueLoginPath: () => `${LOGIN_PATH}?ticket=${tickets.issue()}`,
    connectedPages: () => streams.count(),
    dispose,
  };
}

