import { createHash } from 'node:crypto';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';

/**
 * The official Node SDK's signer, opened up for tests and for the emulator. Nothing here reimplements
 * canonicalisation: every piece comes from the SDK's own (protected) static methods.
 *
 * - `signLikeSdk` runs the SDK's complete client-side `sign()` and also captures the canonical request
 *   it built: the oracle for akvault's signer.
 * - `expectedSignature` is what a gateway does with a received request: rebuild the canonical request
 *   from the decoded path, the query, the headers named in SignedHeaders and the raw body bytes, with
 *   the SDK's pieces. It skips `sign()`'s client-only steps (choosing the date, adding Host, hashing
 *   `JSON.stringify(data)` rather than bytes, and Node's legacy `url.parse`, whose auto-escaping makes
 *   the SDK sign a path with spaces or quotes as `%2520` while sending `%20`).
 */
export class SdkSigner extends AKSKSigner {
  private static captured: string | undefined;

  protected static override buildCanonicalRequest(
    method: string | undefined,
    canonicalURI: string | undefined,
    canonicalQueryString: string,
    canonicalHeaders: string,
    signedHeaderNames: string,
    payloadHash: string | undefined,
  ): string {
    const out = super.buildCanonicalRequest(method, canonicalURI, canonicalQueryString, canonicalHeaders, signedHeaderNames, payloadHash);
    SdkSigner.captured = out;
    return out;
  }

  /** The SDK's `sign()`: returns every header it would send, plus the canonical request it hashed. */
  static signLikeSdk(
    request: { method: string; endpoint: string; queryParams?: Record<string, string | string[]>; headers: Record<string, string>; data?: unknown },
    ak: string,
    sk: string,
  ): { headers: Record<string, string>; canonicalRequest: string } {
    SdkSigner.captured = undefined;
    const headers = SdkSigner.sign(
      { method: request.method, endpoint: request.endpoint, queryParams: request.queryParams ?? {}, headers: { ...request.headers }, data: request.data },
      { getAk: () => ak, getSk: () => sk } as never,
    ) as Record<string, string>;
    if (SdkSigner.captured === undefined) throw new Error('the SDK signer did not build a canonical request');
    return { headers, canonicalRequest: SdkSigner.captured };
  }

  /** The SDK's canonical form of a decoded path (its per-segment encoding plus the trailing slash). */
  static canonicalUriOf(decodedPath: string): string {
    return SdkSigner.CanonicalURI(decodedPath) ?? '/';
  }

  /** The SDK's StringToSign and HMAC over a given canonical request. */
  static signatureOfCanonical(canonicalRequest: string, sdkDate: string, secretKey: string): string {
    return SdkSigner.hmacSHA256(secretKey, SdkSigner.getStringToSign(SdkSigner.SDK_SIGNING_ALGORITHM, sdkDate, SdkSigner.Hex(canonicalRequest)));
  }

  /** The signature a gateway expects for a received request, computed with the SDK's pieces. */
  static expectedSignature(input: {
    method: string;
    decodedPath: string;
    query: Record<string, string | string[]>;
    /** Lower-case names from SignedHeaders mapped to the received values. */
    signedHeaderValues: Record<string, string>;
    signedHeaders: string;
    sdkDate: string;
    body: Uint8Array;
    secretKey: string;
  }): { signature: string; canonicalRequest: string } {
    const declared = input.signedHeaderValues['x-sdk-content-sha256'];
    const payloadHash = declared ?? createHash('sha256').update(input.body).digest('hex');
    const canonicalRequest = super.buildCanonicalRequest(
      input.method,
      SdkSigner.CanonicalURI(input.decodedPath),
      SdkSigner.CanonicalQueryString({ queryParams: input.query }),
      SdkSigner.buildCanonicalHeaders(input.signedHeaderValues),
      input.signedHeaders,
      payloadHash,
    );
    return { signature: SdkSigner.signatureOfCanonical(canonicalRequest, input.sdkDate, input.secretKey), canonicalRequest };
  }
}
