import { timingSafeEqual } from 'node:crypto';
import { SdkSigner } from './sdk-signer';

/**
 * Checks an AK/SK signature the way the API gateway does: from what was received (method, raw path
 * and query, the headers named in SignedHeaders, the raw body) and the key's secret, recomputed with
 * the official SDK's canonicalisation (see sdk-signer.ts) and never with akvault's signer.
 */

export interface AuthorizationParts {
  accessKeyId: string;
  signedHeaders: string;
  signature: string;
}

export function parseAuthorization(value: string | undefined): AuthorizationParts | undefined {
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  return { accessKeyId: m[1] as string, signedHeaders: m[2] as string, signature: (m[3] as string).toLowerCase() };
}

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received (still percent-encoded). */
  rawUrl: string;
  /** Lower-case header names, as Node's HTTP server gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'unsigned-host' | 'unsigned-date' | 'mismatch'; canonicalRequest?: string };

function decodeLoosely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The query as the SDK's CanonicalQueryString takes it: name → value, or values for a repeated name. */
export function queryObject(search: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(search)) {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function headerValue(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

export function verifySdkSignature(req: ReceivedRequest, auth: AuthorizationParts, secretKey: string): SignatureCheck {
  const names = auth.signedHeaders.split(';');
  // The gateway needs host and the date signed; anything else in SignedHeaders is optional.
  if (!names.includes('host')) return { ok: false, reason: 'unsigned-host' };
  if (!names.includes('x-sdk-date')) return { ok: false, reason: 'unsigned-date' };
  const signedHeaderValues: Record<string, string> = {};
  for (const name of names) signedHeaderValues[name] = (headerValue(req.headers, name) ?? '').trim();

  const q = req.rawUrl.indexOf('?');
  const path = q < 0 ? req.rawUrl : req.rawUrl.slice(0, q);
  const search = q < 0 ? '' : req.rawUrl.slice(q + 1);
  const { signature, canonicalRequest } = SdkSigner.expectedSignature({
    method: req.method,
    decodedPath: decodeLoosely(path),
    query: queryObject(search),
    signedHeaderValues,
    signedHeaders: auth.signedHeaders,
    sdkDate: signedHeaderValues['x-sdk-date'] ?? '',
    body: req.body,
    secretKey,
  });
  const a = Buffer.from(signature, 'utf8');
  const b = Buffer.from(auth.signature, 'utf8');
  if (a.length === b.length && timingSafeEqual(a, b)) return { ok: true };
  return { ok: false, reason: 'mismatch', canonicalRequest };
}
