import type * as Undici from 'undici';

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

let dispatcher: Undici.EnvHttpProxyAgent | undefined;
let direct: Undici.Agent | undefined;

/** 127.0.0.0/8, ::1 and localhost: a proxy cannot reach this machine's loopback, so such URLs are never proxied. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * fetch for plain Node (CLI, `akvault serve`, tests) that honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY,
 * as curl and the SDKs do, except for loopback URLs (a local emulator or IAM relay), which always go
 * direct. The agent reads the environment once, on first use.
 *
 * undici is imported on the first call, not with this module: loading it costs a CLI process about
 * 100 ms, and `akvault env` with cached keys never calls IAM.
 */
export const nodeFetch: FetchLike = async (url, init) => {
  // A CommonJS package: its exports are on `default` when bundled (and also there under plain Node).
  const mod = (await import('undici')) as typeof Undici & { default?: typeof Undici };
  const undici = mod.default ?? mod;
  if (isLoopbackUrl(url)) {
    direct ??= new undici.Agent();
    return undici.fetch(url, { ...init, dispatcher: direct });
  }
  dispatcher ??= new undici.EnvHttpProxyAgent();
  return undici.fetch(url, { ...init, dispatcher });
};
