/**
 * Text a user pastes or evaluates to put a profile's variables into a shell (`eval "$(akvault env)"`),
 * a dotenv file, or a JSON document for scripts. Quoting rules live in shell-quote.ts.
 */
import { AkvaultError } from '../errors';
import type { SessionCredentials } from '../sessions/types';
import { HANDOFF_VARIABLE_NAMES, type EnvVars } from './env-vars';
import { checkCmdValue, checkVariableName, quoteDotenv, quoteFish, quotePosix, quotePowerShell } from './shell-quote';

export const SNIPPET_FORMATS = ['bash', 'zsh', 'fish', 'powershell', 'cmd', 'dotenv', 'json'] as const;
export type SnippetFormat = (typeof SNIPPET_FORMATS)[number];

/** Formats that run in a shell and can therefore also clear variables. */
export const SHELL_FORMATS = ['bash', 'zsh', 'fish', 'powershell', 'cmd'] as const;
export type ShellFormat = (typeof SHELL_FORMATS)[number];

export function isSnippetFormat(s: string): s is SnippetFormat {
  return (SNIPPET_FORMATS as readonly string[]).includes(s);
}

export interface SnippetOptions {
  /**
   * Shell formats only: also clear the akvault variables that `vars` does not set (default true), so
   * switching from temporary to permanent keys in the same shell does not leave the old token behind.
   */
  clearAbsent?: boolean;
}

/** The JSON document's shape: what scripts consume; absent values are omitted. */
export interface CredentialsJson {
  accessKeyId?: string;
  secretAccessKey?: string;
  securityToken?: string;
  expiresAt?: string;
  region?: string;
  projectId?: string;
  domainId?: string;
}

const JSON_FIELDS: ReadonlyArray<readonly [keyof CredentialsJson, string]> = [
  ['accessKeyId', 'HUAWEICLOUD_SDK_AK'],
  ['secretAccessKey', 'HUAWEICLOUD_SDK_SK'],
  ['securityToken', 'HUAWEICLOUD_SDK_SECURITY_TOKEN'],
  ['expiresAt', 'AKVAULT_EXPIRES_AT'],
  ['region', 'HW_REGION_NAME'],
  ['projectId', 'HUAWEICLOUD_SDK_PROJECT_ID'],
  ['domainId', 'HUAWEICLOUD_SDK_DOMAIN_ID'],
];

/** The JSON shape straight from credentials. */
export function credentialsJson(creds: SessionCredentials): CredentialsJson {
  const out: CredentialsJson = {};
  const source: Record<keyof CredentialsJson, string | undefined> = {
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    securityToken: creds.securityToken,
    expiresAt: creds.expiresAt,
    region: creds.region,
    projectId: creds.projectId,
    domainId: creds.domainId,
  };
  for (const [field] of JSON_FIELDS) {
    const v = source[field];
    if (v) out[field] = v;
  }
  return out;
}

/** The JSON shape read back from a variable list made by envFor. */
function jsonFromVars(vars: EnvVars): CredentialsJson {
  const byName = new Map(vars.map((v) => [v.name, v.value]));
  const out: CredentialsJson = {};
  for (const [field, name] of JSON_FIELDS) {
    const v = byName.get(name);
    if (v) out[field] = v;
  }
  return out;
}

function setLine(format: SnippetFormat, name: string, value: string): string {
  switch (format) {
    case 'bash':
    case 'zsh':
      return `export ${name}=${quotePosix(value, name)}`;
    case 'fish':
      // `--` so a value starting with `-` is never taken for an option of `set`.
      return `set -gx -- ${name} ${quoteFish(value, name)}`;
    case 'powershell':
      return `$Env:${name} = ${quotePowerShell(value, name)}`;
    case 'cmd':
      checkCmdValue(value, name);
      return `set "${name}=${value}"`;
    case 'dotenv':
      return `${name}=${quoteDotenv(value, name)}`;
    case 'json':
      throw new Error('unreachable: json has no lines');
  }
}

function unsetLines(format: ShellFormat, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  switch (format) {
    case 'bash':
    case 'zsh':
      return [`unset ${names.join(' ')}`];
    case 'fish':
      // `set -e` of a variable that is not set only returns a status; `; or true` keeps `$status` clean.
      return names.map((n) => `set -e ${n}; or true`);
    case 'powershell':
      return names.map((n) => `Remove-Item -Path Env:${n} -ErrorAction SilentlyContinue`);
    case 'cmd':
      return names.map((n) => `set "${n}="`);
  }
}

function isShellFormat(format: SnippetFormat): format is ShellFormat {
  return (SHELL_FORMATS as readonly string[]).includes(format);
}

/**
 * The snippet for `vars` in `format`, one statement per line, ending with a newline. Values a format
 * cannot carry exactly are refused (AkvaultError 'validation' naming the variable), as are empty
 * values: "not set" is expressed by leaving a variable out, never by an empty string (PowerShell and
 * cmd.exe would delete the variable instead).
 */
export function snippet(format: SnippetFormat, vars: EnvVars, options: SnippetOptions = {}): string {
  for (const v of vars) {
    checkVariableName(v.name);
    if (v.value === '') {
      throw new AkvaultError('validation', `${v.name} has an empty value; leave the variable out instead.`, {
        params: { name: v.name },
      });
    }
  }
  if (format === 'json') return `${JSON.stringify(jsonFromVars(vars), null, 2)}\n`;

  const lines: string[] = [];
  if (isShellFormat(format) && options.clearAbsent !== false) {
    const set = new Set(vars.map((v) => v.name));
    lines.push(...unsetLines(format, HANDOFF_VARIABLE_NAMES.filter((n) => !set.has(n))));
  }
  for (const v of vars) lines.push(setLine(format, v.name, v.value));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * Clears akvault's variables (all of them by default) in a shell. dotenv and JSON have no way to
 * express "unset", so they are refused.
 */
export function unsetSnippet(format: SnippetFormat, names: readonly string[] = HANDOFF_VARIABLE_NAMES): string {
  if (!isShellFormat(format)) {
    throw new AkvaultError('validation', `The ${format} format cannot clear variables.`, {
      params: { format },
      hint: `Use one of: ${SHELL_FORMATS.join(', ')}.`,
    });
  }
  for (const n of names) checkVariableName(n);
  const lines = unsetLines(format, names);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
