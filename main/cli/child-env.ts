/**
 * The environment of an `exec` child: the parent's, minus every variable akvault may set (a stale
 * token from an outer `eval "$(akvault env)"` must never pair with new keys, and an outer pod-identity
 * endpoint must not shadow ours), plus the profile's, plus loopback in NO_PROXY/no_proxy: the SDKs'
 * pod-identity clients are plain HTTP clients that honour HTTP_PROXY, and must never send the
 * helper's URL and token through a proxy.
 */
import { HANDOFF_VARIABLE_NAMES, type EnvVar, type EnvVars } from '../core/handoff/env-vars';
import type { SessionCredentials } from '../core/sessions/types';
import { envFor } from '../core/handoff/env-vars';

export const POD_IDENTITY_URI_VAR = 'HC_CONTAINER_CREDENTIALS_FULL_URI';
export const POD_IDENTITY_TOKEN_FILE_VAR = 'HC_CONTAINER_AUTHORIZATION_TOKEN_FILE';

const CLEARED = new Set<string>([...HANDOFF_VARIABLE_NAMES, POD_IDENTITY_URI_VAR, POD_IDENTITY_TOKEN_FILE_VAR]);

/**
 * What a `--server` child keeps from the static variables: where and as whom it works, never keys.
 * HUAWEICLOUD_SDK_AK/SK would win over the pod-identity endpoint in the SDKs' chains and go stale.
 */
const SERVER_KEPT = new Set<string>([
  'HUAWEICLOUD_SDK_PROJECT_ID',
  'HUAWEICLOUD_SDK_DOMAIN_ID',
  'HUAWEICLOUD_SDK_IAM_ENDPOINT',
  'HW_REGION_NAME',
  'HW_PROJECT_ID',
  'HW_DOMAIN_ID',
  'AKVAULT_PROFILE',
]);

export function childEnv(parent: NodeJS.ProcessEnv, vars: EnvVars, platform: NodeJS.Platform = process.platform): Record<string, string> {
  // Windows treats variable names without regard to case.
  const norm = (n: string) => (platform === 'win32' ? n.toUpperCase() : n);
  const cleared = new Set([...CLEARED].map(norm));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) if (value !== undefined && !cleared.has(norm(name))) out[name] = value;
  for (const v of vars) out[v.name] = v.value;
  return withLoopbackNoProxy(out, platform);
}

/** The helper's hosts, in the spellings proxy-aware clients compare against. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'] as const;

function entries(value: string | undefined): string[] {
  return (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
}

/**
 * NO_PROXY and no_proxy both end with the loopback hosts, appended to what the parent had. A variable
 * the parent left unset starts from the other one's value: Python's `requests` prefers `no_proxy`, so a
 * new lower-case value holding loopback only would silently drop the user's upper-case exceptions.
 * Windows has one variable for both spellings.
 */
export function withLoopbackNoProxy(env: Record<string, string>, platform: NodeJS.Platform = process.platform): Record<string, string> {
  const names = platform === 'win32' ? ['NO_PROXY'] : ['NO_PROXY', 'no_proxy'];
  const out = { ...env };
  if (platform === 'win32') {
    // Whatever spelling the parent used is the same variable: keep one.
    for (const k of Object.keys(out)) if (k !== 'NO_PROXY' && k.toUpperCase() === 'NO_PROXY') {
      out.NO_PROXY ??= out[k]!;
      delete out[k];
    }
  }
  const before = { ...out };
  const set = (v: string | undefined) => v !== undefined && v.trim() !== '';
  const fallback = names.map((n) => before[n]).find(set);
  for (const name of names) {
    const own = set(before[name]) ? before[name] : fallback;
    const have = entries(own);
    const missing = LOOPBACK_HOSTS.filter((h) => !have.some((e) => e.toLowerCase() === h));
    out[name] = [...have, ...missing].join(',');
  }
  return out;
}

/** `exec --server`: the endpoint instead of keys, plus the profile's non-secret variables. */
export function serverVars(profile: string, creds: SessionCredentials, uri: string, tokenFile: string): EnvVar[] {
  return [
    ...envFor(profile, creds).filter((v) => SERVER_KEPT.has(v.name)),
    { name: POD_IDENTITY_URI_VAR, value: uri },
    { name: POD_IDENTITY_TOKEN_FILE_VAR, value: tokenFile },
  ];
}
