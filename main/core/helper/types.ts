/**
 * The local helper's public shapes: how to start it and what it gives back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { CredentialProvider } from '../sessions/types';
import type { PodIdentityClientInfo } from './pod-identity-registry';
import type { RouteName } from './routes';
import type { VaultControl } from './vault-handler';

export interface HelperTimeouts {
  /** Time allowed to receive a request's headers (slow-loris defence). Default 10 s. */
  headersMs: number;
  /** Time allowed to receive a whole request, body included. Default 30 s. */
  requestMs: number;
  /** How long an idle keep-alive connection stays open. Default 5 s. */
  keepAliveMs: number;
  /** How often the server looks for requests over their time. Default 1 s. */
  checkIntervalMs: number;
}

export interface HelperServerOptions {
  provider: CredentialProvider;
  /** Reads "now" for expiry checks and metadata token lifetimes. Default: the system clock. */
  clock?: Clock;
  /** TCP port on 127.0.0.1; 0 (the default) lets the system choose a free one. */
  port?: number;
  /** The bearer token for /v1 routes (≥ 32 random bytes, base64url). Default: a fresh random one. */
  token?: string;
  /** Serve the ECS metadata routes (see METADATA.md). Default false. */
  metadataEmulation?: boolean;
  /**
   * A browser origin allowed to call the bearer routes (exact match). Default: none. The browser UI of
   * `akvault serve --ui` does not need it: it is attached with attachUi and authenticates its page itself.
   */
  uiOrigin?: string;
  /** Largest request body accepted; larger ones get 413. Default 8 KiB. */
  maxBodyBytes?: number;
  timeouts?: Partial<HelperTimeouts>;
  /** Lets `akvault lock` / `akvault unlock` reach the vault file this host holds (vault-handler.ts). */
  vault?: VaultControl;
  /** Receives one entry per request and lifecycle event. Entries never hold a secret. */
  log?: (entry: HelperLogEntry) => void;
}

/** Where the helper listens, as the browser UI needs it to check Host and Origin. */
export interface HelperAddress {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>` */
  host: string;
  port: number;
}

/**
 * Serves one `/ui` request completely (reads the body, checks its own credentials, answers). Returns
 * what the helper logs, or null when the client went away. Must not throw for a bad request; a throw
 * is answered as 500 `internal`.
 */
export interface UiRequestHandler {
  handle(req: IncomingMessage, res: ServerResponse, address: HelperAddress): Promise<{ status: number; code?: string } | null>;
  /** The helper stops (or the handler is detached): end streams and sessions. */
  close?(): void;
}

export type HelperLogEntry =
  | { event: 'listening'; url: string; metadataEmulation: boolean }
  | { event: 'closed' }
  /** A server-level failure after start (e.g. EMFILE on accept): the system error code only. */
  | { event: 'error'; code: string }
  | {
      event: 'request';
      method: string;
      /** The route matched ('ui' for the browser UI), or null when the request was refused before matching one. */
      route: RouteName | 'ui' | null;
      status: number;
      /** The refusal or AkvaultError code when the request did not succeed. */
      code?: string;
      /** The profile served or asked for (a name). */
      profile?: string;
    };

export interface PodIdentityClient {
  /** The endpoint id (the last path segment of `uri`). */
  id: string;
  /** Full URI for `HC_CONTAINER_CREDENTIALS_FULL_URI`. */
  uri: string;
  /** Token for the file named by `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE`. Shown once; only its digest is kept. */
  token: string;
  /** Ends this client's access: its URI answers 404 from now on. */
  revoke(): void;
}

export interface HelperServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The bearer token for /v1 routes. */
  token: string;
  /** Registers a pod-identity client serving `profile`; `label` names it in the audit log and the tray. */
  addPodIdentityClient(profile: string, opts?: { label?: string }): PodIdentityClient;
  /** The pod-identity clients currently registered (no tokens). */
  podIdentityClients(): PodIdentityClientInfo[];
  /**
   * The browser UI's doorway (main/web, `akvault serve --ui`): from now on requests under `/ui` go to
   * `handler` after the peer and Host checks, instead of the browser and bearer checks, because it
   * authenticates its page with its own session cookie and Origin checks. Without one, `/ui` is 404
   * like any unknown path; the bearer routes never change. One UI at a time; returns the detach
   * function, and close() detaches (and closes) it too.
   */
  attachUi(handler: UiRequestHandler): () => void;
  /** Stops listening, ends open connections and forgets every client token. Safe to call twice. */
  close(): Promise<void>;
}
