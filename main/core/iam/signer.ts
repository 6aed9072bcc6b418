import { createHash, createHmac } from 'node:crypto';

/**
 * SDK-HMAC-SHA256 request signing (the API gateway's AK/SK scheme), pure: the time comes in as a
 * number and nothing is read from the environment.
 *
 * The request is described by the URL that will be sent, so what is signed is exactly what goes on
 * the wire: the canonical path is built from the URL's decoded path, the canonical query from its
 * decoded query pairs, and `host` from `url.host` (which, like the Host header fetch sends, carries a
 * port only when it is not the scheme's default).
 *
 * Where the written algorithm is ambiguous this follows the official Node SDK's signer (checked by a
 * property test against it): query names and values are sorted as raw strings in UTF-16 code-unit
 * order before encoding. Where that signer disagrees with its own wire request (characters Node's
 * legacy `url.parse` escapes before the signer encodes them again, and explicit default ports) this
 * follows the documented algorithm and the Go SDK, which sign what is sent.
 */

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present exactly when the keys are temporary; sent and signed as X-Security-Token. */
  securityToken?: string;
}

export interface SignableRequest {
  method: string;
  url: URL;
  /** Headers to send and sign (besides the ones the signer adds). Names are case-insensitive. */
  headers?: Record<string, string>;
  /** The exact body that will be sent; a string is hashed as UTF-8. */
  body?: string | Uint8Array;
}

export interface SignOptions {
  /** Milliseconds since the epoch; becomes X-Sdk-Date. */
  now: number;
  /** Account (domain) ID, sent as X-Domain-Id: for global services such as IAM. */
  domainId?: string;
  /** Project ID, sent as X-Project-Id: for regional services. */
  projectId?: string;
}

export interface SignedRequest {
  /** Every header to send, Authorization included; Host is left to the HTTP client (it is signed). */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  authorization: string;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Percent-encodes every UTF-8 byte except the unreserved set, with upper-case hex; space is %20. */
export function percentEncode(value: string): string {
  let out = '';
  for (const ch of value) {
    if (ch.length === 1 && UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** decodeURIComponent that leaves a malformed escape as it is instead of throwing. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `X-Sdk-Date` form of a time: UTC `YYYYMMDDTHHMMSSZ`. */
export function formatSdkDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** The inverse of formatSdkDate; undefined when the value is not in that exact form. */
export function parseSdkDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return formatSdkDate(ms) === value ? ms : undefined;
}

/**
 * Canonical URI from a decoded path: each `/`-separated segment percent-encoded, then a trailing `/`
 * added if missing. The slash exists only in the canonical form.
 */
export function canonicalUri(decodedPath: string): string {
  const encoded = decodedPath.split('/').map(percentEncode).join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Compares by UTF-16 code units, as JavaScript's default sort does (and so the Node SDK). */
function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical query string from decoded pairs: names sorted, one `name=value` per value (values of a
 * repeated name sorted too), empty values kept as `name=`, everything percent-encoded.
 */
export function canonicalQueryString(pairs: ReadonlyArray<readonly [string, string]>): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  const out: string[] = [];
  for (const name of [...byName.keys()].sort(codeUnitOrder)) {
    for (const value of (byName.get(name) ?? []).sort(codeUnitOrder)) out.push(`${percentEncode(name)}=${percentEncode(value)}`);
  }
  return out.join('&');
}

/** Decoded query pairs of a URL, in order. `+` is kept literally: akvault never sends it for a space. */
export function queryPairs(url: URL): Array<[string, string]> {
  const search = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  if (!search) return [];
  return search
    .split('&')
    .filter((part) => part.length > 0)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [safeDecode(part), ''] : [safeDecode(part.slice(0, eq)), safeDecode(part.slice(eq + 1))];
    });
}

/** Builds a URL's query from decoded pairs with the same encoding the signer uses, so the two agree. */
export function encodeQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

/** `name:value\n` for each header, names lower-cased, values trimmed, sorted by name. */
export function canonicalHeaders(headers: Record<string, string>): { canonical: string; signedHeaders: string } {
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) lower.set(name.toLowerCase(), value.trim());
  const names = [...lower.keys()].sort(codeUnitOrder);
  return {
    canonical: names.map((n) => `${n}:${lower.get(n)}\n`).join(''),
    signedHeaders: names.join(';'),
  };
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacSha256Hex(key: string, data: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(data).digest('hex');
}

export function buildCanonicalRequest(parts: {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  canonicalHeaders: string;
  signedHeaders: string;
  payloadHash: string;
}): string {
  return [parts.method.toUpperCase(), parts.canonicalUri, parts.canonicalQuery, parts.canonicalHeaders, parts.signedHeaders, parts.payloadHash].join('\n');
}

export function buildStringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}

export function buildAuthorization(accessKeyId: string, signedHeaders: string, signature: string): string {
  return `${SIGNING_ALGORITHM} Access=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

// Headers the signer owns: a caller's copy is replaced, never signed twice.
const OWNED = new Set(['host', 'authorization', 'x-sdk-date', 'x-security-token', 'x-domain-id', 'x-project-id']);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function signRequest(req: SignableRequest, creds: SigningCredentials, opts: SignOptions): SignedRequest {
  const toSend: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (!TOKEN.test(name)) throw new TypeError(`Header name "${name}" is not a valid HTTP token.`);
    if (/[\r\n\0]/.test(value)) throw new TypeError(`Header ${name} contains a line break.`);
    if (!OWNED.has(name.toLowerCase())) toSend[name] = value;
  }
  const sdkDate = formatSdkDate(opts.now);
  toSend['X-Sdk-Date'] = sdkDate;
  // The security token goes in before signing so that it is signed (a temporary key is only valid with it).
  if (creds.securityToken) toSend['X-Security-Token'] = creds.securityToken;
  if (opts.domainId) toSend['X-Domain-Id'] = opts.domainId;
  if (opts.projectId) toSend['X-Project-Id'] = opts.projectId;

  const { canonical, signedHeaders } = canonicalHeaders({ ...toSend, host: req.url.host });
  const declaredHash = Object.entries(toSend).find(([n]) => n.toLowerCase() === 'x-sdk-content-sha256')?.[1];
  const canonicalRequest = buildCanonicalRequest({
    method: req.method,
    canonicalUri: canonicalUri(safeDecode(req.url.pathname)),
    canonicalQuery: canonicalQueryString(queryPairs(req.url)),
    canonicalHeaders: canonical,
    signedHeaders,
    payloadHash: declaredHash ?? (req.body === undefined || req.body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(req.body)),
  });
  const stringToSign = buildStringToSign(sdkDate, canonicalRequest);
  const signature = hmacSha256Hex(creds.secretAccessKey, stringToSign);
  const authorization = buildAuthorization(creds.accessKeyId, signedHeaders, signature);
  return { headers: { ...toSend, Authorization: authorization }, canonicalRequest, stringToSign, signature, signedHeaders, authorization };
}
