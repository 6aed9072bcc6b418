import type { Clock } from '../clock';
import { AkvaultError } from '../errors';
import { type AuthKind, errorFromNetwork, errorFromResponse, isSignatureFailure, type IamOperation, networkReason, type ResponseFailure } from './errors';
import type { FetchLike, FetchResponseLike } from './fetch';
import type { AuthFailureGuard } from './lockout';
import { type AttemptResult, parseRetryAfter, retryClassForNetwork, retryClassForStatus, type RetryPolicy, runWithRetries } from './retry';
import { encodeQuery, signRequest } from './signer';
import type { IamSource } from './types';
import type { Logger } from '../log/logger';

/**
 * One IAM exchange, end to end: build the URL, authenticate (sign with AK/SK or attach the token),
 * send with a timeout, retry under the policy, read and classify the answer. Secrets are put into
 * headers and the body here and nowhere is either logged or copied into an error.
 */

export interface TransportDeps {
  fetch: FetchLike;
  clock: Clock;
  timeoutMs: number;
  retry: RetryPolicy;
  random: () => number;
  authGuard: AuthFailureGuard;
  /** One line per attempt: method, host, path, status, duration, request id — never a header value or body. */
  logger?: Logger;
}

/** Keys, a token, or nothing in headers because the body carries a password. */
export type CallAuth = IamSource | { type: 'none'; kind: 'password'; sentPasscode: boolean };

export interface IamCall {
  operation: IamOperation;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Base URL of the service (IAM or STS), possibly with a path prefix. */
  endpoint: string;
  /** Path below the endpoint, already percent-encoded where needed. */
  path: string;
  query?: Array<[string, string]>;
  auth: CallAuth;
  /** Serialised as JSON; the signature covers these exact bytes. */
  body?: unknown;
  idempotent: boolean;
  subject?: ResponseFailure['subject'];
  /** A non-2xx status that still means success on a later attempt (a DELETE whose first answer was lost). */
  successOnRetry?: (status: number) => boolean;
}

export interface IamResponse {
  status: number;
  headers: { get(name: string): string | null };
  json: unknown;
  requestId?: string;
  attempts: number;
}

export function buildUrl(endpoint: string, path: string, query: Array<[string, string]> = []): URL {
  const url = new URL(endpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  // Encoded exactly as the signer encodes, so the query sent and the query signed are the same text.
  url.search = encodeQuery(query);
  url.hash = '';
  return url;
}

function authKind(auth: CallAuth): AuthKind {
  if (auth.type === 'keys') return auth.securityToken ? 'temporary-keys' : 'keys';
  if (auth.type === 'token') return 'token';
  return auth.kind;
}

export async function sendIamCall(call: IamCall, deps: TransportDeps): Promise<IamResponse> {
  const url = buildUrl(call.endpoint, call.path, call.query);
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const ak = call.auth.type === 'keys' ? call.auth.accessKeyId : undefined;
  if (ak) deps.authGuard.assertAllowed(ak, deps.clock.now());

  const attempt = async (n: number, remainingMs: number): Promise<AttemptResult<IamResponse>> => {
    // Only headers no HTTP stack rewrites are sent (and so signed): the content type when there is a body.
    const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8' };
    let toSend = headers;
    if (call.auth.type === 'keys') {
      // Signed per attempt: each attempt carries its own X-Sdk-Date.
      toSend = signRequest(
        { method: call.method, url, headers, ...(body === undefined ? {} : { body }) },
        { accessKeyId: call.auth.accessKeyId, secretAccessKey: call.auth.secretAccessKey, ...(call.auth.securityToken ? { securityToken: call.auth.securityToken } : {}) },
        { now: deps.clock.now(), ...(call.auth.domainId ? { domainId: call.auth.domainId } : {}) },
      ).headers;
    } else if (call.auth.type === 'token') {
      toSend = { ...headers, 'X-Auth-Token': call.auth.token };
    }

    const timeoutMs = Math.max(1, Math.min(deps.timeoutMs, remainingMs));
    const controller = new AbortController();
    let timedOut = false;
    const timer = deps.clock.setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('IAM request timed out', 'TimeoutError'));
    }, timeoutMs);
    let response: FetchResponseLike;
    let text: string;
    const startedAt = deps.clock.now();
    try {
      response = await deps.fetch(url.href, { method: call.method, headers: toSend, ...(body === undefined ? {} : { body }), signal: controller.signal, redirect: 'manual' });
      text = await response.text();
    } catch (e) {
      const error = errorFromNetwork(e, { host: url.host, timedOut, timeoutMs, operation: call.operation });
      deps.logger?.warn('iam.call', { operation: call.operation, method: call.method, host: url.host, path: url.pathname, attempt: n, ms: deps.clock.now() - startedAt, code: error.code });
      return { ok: false, failure: { error, retryClass: retryClassForNetwork(networkReason(e), timedOut) } };
    } finally {
      timer.cancel();
    }

    const requestId = response.headers.get('x-request-id') ?? undefined;
    const traceId = response.headers.get('x-iam-trace-id') ?? undefined;
    const ids = { ...(requestId ? { requestId } : {}), ...(traceId ? { traceId } : {}) };
    deps.logger?.info('iam.call', { operation: call.operation, method: call.method, host: url.host, path: url.pathname, status: response.status, attempt: n, ms: deps.clock.now() - startedAt, requestId, traceId });
    const ok = (response.status >= 200 && response.status < 300) || (n > 1 && call.successOnRetry?.(response.status) === true);
    let json: unknown;
    let malformed = false;
    if (text.trim().length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        malformed = true;
      }
    }

    if (ok) {
      if (ak) deps.authGuard.recordSuccess(ak);
      if (malformed) {
        // The server acted (the status says so), so repeating could only duplicate what it did.
        const error = new AkvaultError('iam.bad-response', `IAM answered HTTP ${response.status} with a body that is not valid JSON.`, {
          params: { operation: call.operation, status: response.status, ...ids },
          hint: 'Check that the endpoint URL points at IAM and not at a proxy or web page.',
        });
        return { ok: false, failure: { error, retryClass: 'never' } };
      }
      return { ok: true, value: { status: response.status, headers: response.headers, json, ...(requestId ? { requestId } : {}), attempts: n } };
    }

    const error = errorFromResponse({
      operation: call.operation,
      status: response.status,
      body: json,
      auth: authKind(call.auth),
      ...ids,
      ...(ak ? { accessKeyId: ak } : {}),
      ...(call.auth.type === 'none' ? { sentPasscode: call.auth.sentPasscode } : {}),
      ...(call.subject ? { subject: call.subject } : {}),
    });
    if (ak) recordAuthOutcome(deps, ak, error, response.status);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), deps.clock.now());
    return { ok: false, failure: { error, retryClass: retryClassForStatus(response.status), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } };
  };

  return runWithRetries(attempt, { policy: deps.retry, clock: deps.clock, random: deps.random, idempotent: call.idempotent });
}

function recordAuthOutcome(deps: TransportDeps, ak: string, error: AkvaultError, status: number): void {
  const now = deps.clock.now();
  if (error.code === 'iam.ak-locked') deps.authGuard.lock(ak, now);
  else if (isSignatureFailure(error)) {
    if (deps.authGuard.recordFailure(ak, now)) error.params.lockedLocally = true;
  } else if (status !== 429 && status < 500) deps.authGuard.recordSuccess(ak); // the gateway let it through
}
