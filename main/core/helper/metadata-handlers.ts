/**
 * The emulated ECS metadata service (huawei-iam.md §8), served only when metadataEmulation is on:
 * a session token first (`PUT /meta-data/latest/api/token`), then the default profile's temporary keys
 * (`GET /openstack/latest/securitykey` with that token). The token is required: a PUT with a custom
 * header is something a web page cannot make without a preflight, and Origin is refused anyway.
 *
 * The OBS Python SDK spells the headers `X-securitykey-Token-Ttl-Seconds` / `X-securitykey-Token`;
 * both spellings are accepted.
 */
import { metadataBody } from './credential-bodies';
import { fetchCredentials } from './fetch-credentials';
import { type HandlerContext, type HandlerOutcome, refuse } from './handler-context';
import { sendJson, sendText } from './http-response';
import { parseTtlSeconds } from './metadata-tokens';

function header(ctx: HandlerContext, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = ctx.req.headers[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

export async function handleMetadataToken(ctx: HandlerContext): Promise<HandlerOutcome> {
  // A request relayed by a proxy is not from a local SDK; refusing it keeps an open proxy on this
  // machine from being turned into a path to the keys (the same rule as the cloud's own service).
  if (ctx.req.headers['x-forwarded-for'] !== undefined) return refuse(ctx, 'metadata.forwarded');
  const ttl = parseTtlSeconds(header(ctx, 'x-metadata-token-ttl-seconds', 'x-securitykey-token-ttl-seconds'));
  if (ttl === null) return refuse(ctx, 'metadata.bad-ttl');
  sendText(ctx.res, 200, ctx.deps.metadataTokens.issue(ttl));
  return { status: 200 };
}

export async function handleMetadataSecurityKey(ctx: HandlerContext): Promise<HandlerOutcome> {
  const token = header(ctx, 'x-metadata-token', 'x-securitykey-token')?.trim();
  if (!token) return refuse(ctx, 'metadata.token-required');
  if (!ctx.deps.metadataTokens.isValid(token)) return refuse(ctx, 'metadata.wrong-token');
  const { profile, credentials } = await fetchCredentials(ctx.deps.provider, ctx.deps.clock, {
    profile: null,
    consumer: { kind: 'helper', client: 'metadata' },
    requireTemporary: true,
    freshness: 'refreshing',
  });
  ctx.profile = profile;
  sendJson(ctx.res, 200, metadataBody(credentials));
  return { status: 200 };
}
