/**
 * The environment of an `exec` child: the parent's, minus every variable akvault may set (a stale
 * token from an outer `eval "$(akvault env)"` must never pair with new keys, and an outer pod-identity
 * endpoint must not shadow ours), plus the profile's.
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
