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

/** IAM endpoints carry signed requests: https only, except plain http to a local emulator. */
export function checkEndpoint(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'the IAM endpoint is not a URL (expected e.g. https://iam.cn-north-4.myhuaweicloud.com)';
  }
  if (url.username || url.password) return 'the IAM endpoint must not contain a user name or password';
  if (url.search || url.hash) return 'the IAM endpoint must not contain a query or fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:') return 'the IAM endpoint must use https:// (plain http:// is allowed only to this machine: localhost, 127.0.0.1, ::1)';
  return 'the IAM endpoint must be an https:// URL';
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
