/**
 * The environment a child process (or a shell that evaluates a snippet) gets for one profile: the
 * Huawei Cloud SDK variables, Terraform's `HW_*`, the OBS SDKs' `OBS_*`, and two akvault markers.
 * Pure mapping; the CLI's `env`/`exec`, the tray and the window all go through it so every front end
 * hands out the same names.
 */
import { AkvaultError } from '../errors';
import type { SessionCredentials } from '../sessions/types';

/**
 * Every variable akvault may set, in the order it sets them. `exec` clears all of these from the
 * inherited environment first, so a stale token from an outer session never pairs with new keys.
 */
export const HANDOFF_VARIABLE_NAMES = [
  'HUAWEICLOUD_SDK_AK',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'HUAWEICLOUD_SDK_PROJECT_ID',
  'HUAWEICLOUD_SDK_DOMAIN_ID',
  // Passed whenever known: without it SDKs call IAM discovery on the default endpoint, which fails for
  // keys of another cloud (EU, partner clouds).
  'HUAWEICLOUD_SDK_IAM_ENDPOINT',
  'HW_ACCESS_KEY',
  'HW_SECRET_KEY',
  'HW_SECURITY_TOKEN',
  'HW_REGION_NAME',
  'HW_PROJECT_ID',
  'HW_DOMAIN_ID',
  'OBS_ACCESS_KEY_ID',
  'OBS_SECRET_ACCESS_KEY',
  'OBS_SECURITY_TOKEN',
  // Marks a process as started under akvault (nested exec is refused) and lets wrappers warn on expiry.
  'AKVAULT_PROFILE',
  'AKVAULT_EXPIRES_AT',
] as const;

export type HandoffVariableName = (typeof HANDOFF_VARIABLE_NAMES)[number];

/** Variables whose values must be masked wherever they are shown. */
export const SECRET_VARIABLE_NAMES: ReadonlySet<string> = new Set<HandoffVariableName>([
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'HW_SECRET_KEY',
  'HW_SECURITY_TOKEN',
  'OBS_SECRET_ACCESS_KEY',
  'OBS_SECURITY_TOKEN',
]);

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** An ordered list of variables; order matters only for readable snippets. */
export type EnvVars = readonly EnvVar[];

type Source = (profileName: string, creds: SessionCredentials) => string | undefined;

const SOURCES: Record<HandoffVariableName, Source> = {
  HUAWEICLOUD_SDK_AK: (_, c) => c.accessKeyId,
  HUAWEICLOUD_SDK_SK: (_, c) => c.secretAccessKey,
  HUAWEICLOUD_SDK_SECURITY_TOKEN: (_, c) => c.securityToken,
  HUAWEICLOUD_SDK_PROJECT_ID: (_, c) => c.projectId,
  HUAWEICLOUD_SDK_DOMAIN_ID: (_, c) => c.domainId,
  HUAWEICLOUD_SDK_IAM_ENDPOINT: (_, c) => c.iamEndpoint,
  HW_ACCESS_KEY: (_, c) => c.accessKeyId,
  HW_SECRET_KEY: (_, c) => c.secretAccessKey,
  HW_SECURITY_TOKEN: (_, c) => c.securityToken,
  HW_REGION_NAME: (_, c) => c.region,
  HW_PROJECT_ID: (_, c) => c.projectId,
  HW_DOMAIN_ID: (_, c) => c.domainId,
  OBS_ACCESS_KEY_ID: (_, c) => c.accessKeyId,
  OBS_SECRET_ACCESS_KEY: (_, c) => c.secretAccessKey,
  OBS_SECURITY_TOKEN: (_, c) => c.securityToken,
  AKVAULT_PROFILE: (p) => p,
  AKVAULT_EXPIRES_AT: (_, c) => c.expiresAt,
};

/**
 * The variables for one profile's credentials. Values the profile lacks (no token for permanent keys,
 * no project id, …) are left out rather than set empty: an empty `HUAWEICLOUD_SDK_SECURITY_TOKEN` is
 * still "set" for some tools.
 */
export function envFor(profileName: string, creds: SessionCredentials): EnvVar[] {
  if (!profileName) throw new AkvaultError('validation', 'A profile name is required to build the environment.');
  if (!creds.accessKeyId || !creds.secretAccessKey) {
    throw new AkvaultError('validation', `Profile "${profileName}" has no access key to hand over.`, {
      params: { profile: profileName },
      hint: 'Start a session for the profile, or check its keys with `akvault profile list`.',
    });
  }
  const out: EnvVar[] = [];
  for (const name of HANDOFF_VARIABLE_NAMES) {
    const value = SOURCES[name](profileName, creds);
    if (value === undefined || value === '') continue;
    // The OS cannot carry a NUL in an environment value; say so here instead of failing at spawn.
    if (value.includes('\0')) {
      throw new AkvaultError('validation', `The value for ${name} contains a NUL character, which no environment can hold.`, {
        params: { name },
        hint: 'Check the profile for a damaged value and save it again.',
      });
    }
    out.push({ name, value });
  }
  return out;
}

/** The same variables as a plain record (for `child_process.spawn`'s `env`). */
export function envRecord(vars: EnvVars): Record<string, string> {
  return Object.fromEntries(vars.map((v) => [v.name, v.value]));
}
