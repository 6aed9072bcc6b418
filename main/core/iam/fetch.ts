import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

/**
 * The one HTTP capability the IAM client needs, injected: Electron passes `net.fetch` (which uses the
 * system proxy and certificate store); plain Node uses `nodeFetch` below.
 */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Signed requests must not be replayed to another host, so redirects come back as responses. */
  redirect: 'manual';
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

let dispatcher: EnvHttpProxyAgent | undefined;

/**
 * fetch for plain Node (CLI, `akvault serve`, tests) that honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY,
 * as curl and the SDKs do. The agent reads the environment once, on first use.
 */
export const nodeFetch: FetchLike = (url, init) => {
  dispatcher ??= new EnvHttpProxyAgent();
  return undiciFetch(url, { ...init, dispatcher });
};
