/**
 * `POST /v1/pod-identity/{id}`: the Python SDK's pod-identity provider (huawei-iam.md §9). Each child
 * gets its own id and token, so revoking one child never disturbs another. The SDK sends the token
 * bare (`Authorization: <token>`, no scheme) and a body of `{}`, which is not inspected.
 */
import { podIdentityBody } from './credential-bodies';
import { fetchCredentials } from './fetch-credentials';
import { type HandlerContext, type HandlerOutcome, refuse } from './handler-context';
import { tokenMatches } from './helper-token';
import { sendJson } from './http-response';

export async function handlePodIdentity(ctx: HandlerContext): Promise<HandlerOutcome> {
  const entry = ctx.param === null ? undefined : ctx.deps.pods.get(ctx.param);
  if (!entry) return refuse(ctx, 'request.not-found');
  const presented = ctx.req.headers.authorization?.trim();
  if (!presented || !tokenMatches(presented, entry.tokenDigest)) return refuse(ctx, 'pod-identity.wrong-token');

  ctx.profile = entry.profile;
  const { credentials } = await fetchCredentials(ctx.deps.provider, ctx.deps.clock, {
    profile: entry.profile,
    consumer: { kind: 'helper', client: `pod-identity:${entry.label}` },
    requireTemporary: true,
    freshness: 'refreshing',
  });
  // Revoked while IAM was answering: the child no longer has a right to these keys.
  if (ctx.deps.pods.get(entry.id) !== entry) return refuse(ctx, 'request.not-found');
  entry.lastServedAt = ctx.deps.clock.now();
  sendJson(ctx.res, 200, podIdentityBody(credentials));
  return { status: 200 };
}
