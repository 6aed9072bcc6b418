import { z } from 'zod';
import { AkvaultError } from '../errors';
import type { IamOperation } from './errors';
import { parseIamTimestamp } from './timestamps';

/** zod schemas for every success body the client reads; unknown fields are ignored, never trusted. */

const timestamp = z.string().transform((value, ctx) => {
  const iso = parseIamTimestamp(value);
  if (iso === undefined) {
    ctx.addIssue({ code: 'custom', message: 'not an ISO-8601 timestamp' });
    return z.NEVER;
  }
  return iso;
});

// Security tokens are opaque and can be several KB: no length cap, only "not empty".
const secret = z.string().min(1);

export const v3TemporaryCredentials = z.object({
  credential: z.object({ access: z.string().min(1), secret, securitytoken: secret, expires_at: timestamp }),
});

export const v5TemporaryCredentials = z.object({
  credentials: z.object({ access_key_id: z.string().min(1), secret_access_key: secret, security_token: secret, expiration: timestamp }),
});

export const tokenBody = z.object({
  token: z.object({
    expires_at: timestamp,
    user: z
      .object({
        id: z.string().min(1),
        name: z.string().optional(),
        domain: z.object({ id: z.string().min(1), name: z.string().optional() }).optional(),
      })
      .optional(),
  }),
});

export const loginTokenBody = z.object({ logintoken: z.object({ expires_at: timestamp }) });

const keyStatus = z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(['active', 'inactive']));

const credentialItem = z.object({
  access: z.string().min(1),
  user_id: z.string().min(1),
  status: keyStatus,
  create_time: timestamp.optional(),
  description: z.string().optional(),
});

export const credentialList = z.object({ credentials: z.array(credentialItem) });
export const credentialSingle = z.object({ credential: credentialItem });
export const credentialCreated = z.object({ credential: credentialItem.extend({ secret }) });

export const callerIdentityBody = z.object({
  account_id: z.string().min(1),
  principal_urn: z.string().optional(),
  principal_id: z.string().optional(),
});

export const authDomainsBody = z.object({
  domains: z.array(z.object({ id: z.string().min(1), name: z.string().optional() })).min(1),
});

/** Validates a success body; a mismatch becomes `iam.bad-response` naming the fields, not their values. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  json: unknown,
  ctx: { operation: IamOperation; status: number; requestId?: string },
): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(body)'))].slice(0, 5).join(', ');
  throw new AkvaultError('iam.bad-response', `IAM answered in a form akvault does not understand (fields: ${fields}).`, {
    params: { operation: ctx.operation, status: ctx.status, fields, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) },
    hint: 'Check that the endpoint URL points at IAM (or STS) and not at a proxy or web page.',
  });
}
