/**
 * The helper's own API, behind the bearer token: health, the profile list (no secrets) and one
 * profile's credentials.
 */
import { type HelperCredentialsBody, helperCredentialsBody } from './credential-bodies';
import { fetchCredentials } from './fetch-credentials';
import type { HandlerContext, HandlerOutcome } from './handler-context';
import { sendJson } from './http-response';

export interface ProfilesBody {
  default: string | null;
  profiles: Array<{ name: string; kind: string; region?: string; expiresAt?: string; isDefault: boolean }>;
}

export async function handleHealth(ctx: HandlerContext): Promise<HandlerOutcome> {
  sendJson(ctx.res, 200, { status: 'ok' });
  return { status: 200 };
}

export async function handleProfiles(ctx: HandlerContext): Promise<HandlerOutcome> {
  const { provider } = ctx.deps;
  const [profiles, fallback] = await Promise.all([provider.listProfiles(), provider.getDefaultProfile()]);
  const body: ProfilesBody = {
    default: fallback,
    // Field by field: a summary never carries more than these, whatever the provider adds.
    profiles: profiles.map((p) => ({
      name: p.name,
      kind: p.kind,
      ...(p.region ? { region: p.region } : {}),
      ...(p.expiresAt ? { expiresAt: p.expiresAt } : {}),
      isDefault: p.name === fallback,
    })),
  };
  sendJson(ctx.res, 200, body);
  return { status: 200 };
}

export async function handleCredentials(ctx: HandlerContext): Promise<HandlerOutcome> {
  if (ctx.param !== null) ctx.profile = ctx.param;
  const { profile, credentials } = await fetchCredentials(ctx.deps.provider, ctx.deps.clock, {
    profile: ctx.param,
    consumer: { kind: 'helper', client: 'http' },
    requireTemporary: false,
    freshness: 'refreshing',
  });
  ctx.profile = profile;
  const body: HelperCredentialsBody = helperCredentialsBody(credentials);
  sendJson(ctx.res, 200, body);
  return { status: 200 };
}
