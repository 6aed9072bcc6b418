/**
 * The helper's own authentication: `Authorization: Bearer <token>` on every /v1 route.
 */
import { type TokenDigest, tokenMatches } from './helper-token';
import { type Refusal, refusal } from './refusals';

export function checkBearer(authorization: string | undefined, expected: TokenDigest): Refusal | null {
  const match = authorization === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  const presented = match?.[1];
  if (presented === undefined) return refusal('auth.missing-token');
  return tokenMatches(presented, expected) ? null : refusal('auth.wrong-token');
}
