/**
 * The three JSON shapes the helper hands credentials out in. Fields are copied one by one (never by
 * spreading the input), so nothing the broker adds later leaks into an answer by accident.
 */
import type { SessionCredentials } from '../sessions/types';
import { AkvaultError } from '../errors';
import { formatMicrosecondExpiry } from './expiry-format';

export interface HelperCredentialsBody {
  accessKeyId: string;
  secretAccessKey: string;
  securityToken?: string;
  expiresAt?: string;
  region?: string;
  projectId?: string;
  domainId?: string;
}

function present(value: string | undefined | null): value is string {
  return value !== undefined && value !== null && value !== '';
}

/** `GET /v1/credentials/{profile}`: absent values are omitted, not null. */
export function helperCredentialsBody(c: SessionCredentials): HelperCredentialsBody {
  const body: HelperCredentialsBody = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
  if (present(c.securityToken)) body.securityToken = c.securityToken;
  if (present(c.expiresAt)) body.expiresAt = c.expiresAt;
  if (present(c.region)) body.region = c.region;
  if (present(c.projectId)) body.projectId = c.projectId;
  if (present(c.domainId)) body.domainId = c.domainId;
  return body;
}

function temporaryParts(c: SessionCredentials): { securityToken: string; expiresAt: string } {
  // fetchCredentials({requireTemporary: true}) has already refused keys without these.
  if (!present(c.securityToken) || !present(c.expiresAt)) {
    throw new AkvaultError('internal', 'Temporary keys arrived without their security token or expiry time.');
  }
  return { securityToken: c.securityToken, expiresAt: c.expiresAt };
}

/** Pod-identity answer (huawei-iam.md §9), the `credentials` form the Python SDK parses. */
export function podIdentityBody(c: SessionCredentials): {
  credentials: { accessKeyId: string; secretAccessKey: string; securityToken: string; expiration: string };
} {
  const t = temporaryParts(c);
  return {
    credentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      securityToken: t.securityToken,
      expiration: formatMicrosecondExpiry(t.expiresAt),
    },
  };
}

/** ECS metadata `securitykey` answer (huawei-iam.md §8). */
export function metadataBody(c: SessionCredentials): {
  credential: { access: string; secret: string; securitytoken: string; expires_at: string };
} {
  const t = temporaryParts(c);
  return {
    credential: {
      access: c.accessKeyId,
      secret: c.secretAccessKey,
      securitytoken: t.securityToken,
      expires_at: formatMicrosecondExpiry(t.expiresAt),
    },
  };
}
