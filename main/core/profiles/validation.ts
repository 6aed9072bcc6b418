/**
 * Input rules for profiles, shared by the schema (what a stored file may hold) and by the front ends
 * (what a person may type or paste).
 *
 * Errors are things we can never work with (a name with spaces, an endpoint over plain http to another
 * host). Warnings are shapes we have not seen but may be right: partner clouds issue keys of other
 * shapes, so an unusual AK or SK is saved with a warning, never refused.
 */

export const NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const AK_PATTERN = /^[A-Z0-9]{20}$/;
export const SK_PATTERN = /^[A-Za-z0-9]{40}$/;
// Huawei regions look like cn-north-4, ap-southeast-1, eu-west-101; partner clouds add segments.
export const REGION_PATTERN = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
/** The safe intersection of the documented session-user rules (huawei-iam.md §3.2). */
export const SESSION_USER_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{4,31}$/;

/** Lifetime of temporary keys IAM mints (token and agency methods alike): 15 min to 24 h. */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 86400;
/** IAM's own default is 900 s, too short to be useful; agencies store this explicitly instead. */
export const DEFAULT_AGENCY_DURATION_SECONDS = 3600;
/** Per-profile refresh margin: at least 2 min (less races the request itself), at most a day. */
export const MIN_REFRESH_MARGIN_SECONDS = 120;
export const MAX_REFRESH_MARGIN_SECONDS = 86400;
export const DEFAULT_METADATA_URL = 'http://169.254.169.254';
// An instant: date, time, and a zone (Z or ±hh:mm). Seconds and fractions optional.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export interface Advisory {
  level: 'notice' | 'warning';
  code: string;
  message: string;
  field?: string;
}

// BOM and zero-width characters that ride along when a key is copied from a web page or a spreadsheet.
const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060\u180E]/g;

/** Removes invisible characters anywhere and whitespace around the value. */
export function cleanInput(value: string): string {
  return value.replace(INVISIBLE, '').trim();
}

/** A cleaned optional value; empty becomes undefined. */
export function cleanOptional(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const cleaned = cleanInput(value);
  return cleaned === '' ? undefined : cleaned;
}

// Any C0/C1 control character (a stray newline in a pasted secret is always a mistake).
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/; // eslint-disable-line no-control-regex

export function hasControlChars(value: string): boolean {
  return CONTROL.test(value);
}

/** Returns an error message, or undefined when the name is usable. */
export function checkName(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > 64) return `the name is ${name.length} characters long; the limit is 64`;
  if (!NAME_PATTERN.test(name)) return 'a name may only contain letters, digits, "-", "_" and "."';
  return undefined;
}

export function checkRegion(region: string): string | undefined {
  if (region.length > 64 || !REGION_PATTERN.test(region)) {
    return 'a region is lower-case letters, digits and dashes, e.g. cn-north-4 or ap-southeast-1';
  }
  return undefined;
}

/** True for hosts that stay on this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

/**
 * IAM (and STS) endpoints carry signed requests: https only, except plain http to a local emulator.
 * `what` names the endpoint in the message.
 */
export function checkEndpoint(value: string, what = 'the IAM endpoint', example = 'https://iam.cn-north-4.myhuaweicloud.com'): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${what} is not a URL (expected e.g. ${example})`;
  }
  if (url.username || url.password) return `${what} must not contain a user name or password`;
  if (url.search || url.hash) return `${what} must not contain a query or fragment`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:') return `${what} must use https:// (plain http:// is allowed only to this machine: localhost, 127.0.0.1, ::1)`;
  return `${what} must be an https:// URL`;
}

export function checkStsEndpoint(value: string): string | undefined {
  return checkEndpoint(value, 'the STS endpoint', 'https://sts.cn-north-4.myhuaweicloud.com');
}

/**
 * The ECS metadata service is a link-local HTTP service on the server itself (huawei-iam.md §8), so
 * plain http is normal here, unlike for IAM. Credentials or a query in the URL are still mistakes.
 */
export function checkMetadataUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `the metadata URL is not a URL (expected e.g. ${DEFAULT_METADATA_URL})`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'the metadata URL must be an http:// or https:// URL';
  if (url.username || url.password) return 'the metadata URL must not contain a user name or password';
  if (url.search || url.hash) return 'the metadata URL must not contain a query or fragment';
  return undefined;
}

/** The endpoint as we store it: trailing slashes removed. Call after checkEndpoint. */
export function normalizeEndpoint(value: string): string {
  return value.replace(/\/+$/, '');
}

export function checkInstant(value: string): string | undefined {
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    return 'expected an ISO-8601 instant with a time zone, e.g. 2026-05-01T12:00:00Z';
  }
  return undefined;
}

/** The instant in the one form we store (UTC, milliseconds). Call after checkInstant. */
export function normalizeInstant(value: string): string {
  return new Date(value).toISOString();
}

/** Free-text fields: one line, bounded. */
export function checkText(value: string, max: number): string | undefined {
  if (value.length > max) return `longer than ${max} characters`;
  if (hasControlChars(value)) return 'must be a single line without control characters';
  return undefined;
}

/** Identifiers copied from the console (project ID, account ID, user ID): no spaces, bounded. */
export function checkIdentifier(value: string): string | undefined {
  if (value.length > 128) return 'longer than 128 characters';
  if (/\s/.test(value) || hasControlChars(value)) return 'must not contain spaces or control characters';
  return undefined;
}

export function accessKeyAdvisory(accessKeyId: string): Advisory | undefined {
  if (AK_PATTERN.test(accessKeyId)) return undefined;
  return {
    level: 'warning',
    code: 'ak-shape',
    field: 'accessKeyId',
    message: `The access key ID ${JSON.stringify(accessKeyId)} is not 20 upper-case letters and digits like Huawei Cloud AKs; saved anyway (partner clouds may differ).`,
  };
}

/** Never echoes the secret: only its length and what kind of characters are off. */
export function secretKeyAdvisory(secretAccessKey: string): Advisory | undefined {
  if (SK_PATTERN.test(secretAccessKey)) return undefined;
  const other = /[^A-Za-z0-9]/.test(secretAccessKey) ? ' and contains characters other than letters and digits' : '';
  return {
    level: 'warning',
    code: 'sk-shape',
    field: 'secretAccessKey',
    message: `The secret key is ${secretAccessKey.length} characters long${other}; Huawei Cloud SKs are 40 letters and digits. Saved anyway (partner clouds may differ).`,
  };
}

/** A whole number of seconds within [min, max]; `what` names it in the message. */
export function checkSeconds(value: unknown, min: number, max: number, what: string): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return `${what} must be a whole number of seconds`;
  if (value < min || value > max) return `${what} must be between ${min} and ${max} seconds (got ${value})`;
  return undefined;
}

export function checkDuration(value: unknown): string | undefined {
  return checkSeconds(value, MIN_DURATION_SECONDS, MAX_DURATION_SECONDS, 'the duration');
}

export function checkRefreshMargin(value: unknown): string | undefined {
  return checkSeconds(value, MIN_REFRESH_MARGIN_SECONDS, MAX_REFRESH_MARGIN_SECONDS, 'the refresh margin');
}

export function checkSessionUserName(value: string): string | undefined {
  if (SESSION_USER_PATTERN.test(value)) return undefined;
  return 'a session user name is 5–32 characters: a letter first, then letters, digits, "_" or "-"';
}

/**
 * A session policy as IAM takes it: a JSON object with a `Version` string and a `Statement` array of
 * objects (huawei-iam.md §3.2). Only the shape is checked; IAM judges the statements themselves.
 */
export function checkPolicy(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'a policy must be a JSON object like {"Version": "1.1", "Statement": [...]}';
  const extra = Object.keys(value).filter((k) => k !== 'Version' && k !== 'Statement');
  if (extra.length > 0) return `a policy has only "Version" and "Statement"; remove ${extra.map((k) => JSON.stringify(k)).join(', ')}`;
  if (typeof value.Version !== 'string' || value.Version.trim() === '') return 'a policy needs a "Version" string, e.g. "1.1"';
  if (!Array.isArray(value.Statement)) return 'a policy needs a "Statement" array';
  if (!value.Statement.every(isPlainObject)) return 'every entry of "Statement" must be a JSON object';
  if (!isJsonValue(value)) return 'a policy must hold only JSON values (strings, finite numbers, booleans, null, arrays, objects)';
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJsonValue(v, depth + 1));
  if (isPlainObject(value)) return Object.values(value).every((v) => isJsonValue(v, depth + 1));
  return false;
}
