import { gatewayAuthError, type Reply } from './error-bodies';
import type { RouteContext } from './route-context';

/** GET {sts}/v5/caller-identity: AK/SK only, like every STS v5 call. */
export function callerIdentity(ctx: RouteContext): Reply {
  const caller = ctx.caller;
  if (caller?.via !== 'aksk') return gatewayAuthError('x-auth-token is not supported by this API', ctx.requestId);
  const p = caller.principal;
  return { status: 200, body: { account_id: p.domainId, principal_urn: ctx.state.principalUrn(p), principal_id: ctx.state.principalId(p) } };
}

/** GET /v3/auth/domains: the caller's own account. */
export function authDomains(ctx: RouteContext): Reply {
  const p = ctx.caller?.principal;
  const d = p ? ctx.state.domains.get(p.domainId) : undefined;
  const self = `${ctx.url.origin}/v3/auth/domains`;
  return {
    status: 200,
    body: {
      domains: d ? [{ id: d.id, name: d.name, enabled: true, description: '', links: { self: `${ctx.url.origin}/v3/domains/${d.id}` } }] : [],
      links: { self, previous: null, next: null },
    },
  };
}
