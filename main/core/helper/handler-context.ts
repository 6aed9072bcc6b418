/**
 * What a route handler gets and gives back. Handlers write their own response; what they return is only
 * for the log. They throw AkvaultError for failures the server turns into a status (error-status.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { CredentialProvider } from '../sessions/types';
import type { VaultControl } from './vault-handler';
import { sendRefusal } from './http-response';
import type { MetadataTokenStore } from './metadata-tokens';
import type { PodIdentityRegistry } from './pod-identity-registry';
import { type RefusalCode, refusal } from './refusals';

export interface HelperDeps {
  provider: CredentialProvider;
  clock: Clock;
  pods: PodIdentityRegistry;
  metadataTokens: MetadataTokenStore;
  /** `http://127.0.0.1:<port>`: where pod-identity URIs point. */
  baseUrl: string;
  /** The vault file this host holds unlocked (absent with the keychain backend). */
  vault?: VaultControl;
}

export interface HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The route's path parameter (profile name, pod-identity id), or null. */
  param: string | null;
  deps: HelperDeps;
  /** The request body (at most the helper's cap; empty when none was sent). */
  body?: Buffer;
  /** Set by the handler as soon as it knows which profile the request is about (for the log). */
  profile?: string;
}

export interface HandlerOutcome {
  status: number;
  code?: string;
}

export type RouteHandler = (ctx: HandlerContext) => Promise<HandlerOutcome>;

/** Sends a refusal and reports it for the log. */
export function refuse(ctx: HandlerContext, code: RefusalCode): HandlerOutcome {
  const r = refusal(code);
  sendRefusal(ctx.res, r);
  return { status: r.status, code };
}
