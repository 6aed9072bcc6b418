import { invalidParameter, keystoneError, type Reply, v5Error } from './error-bodies';
import { field, inRange, integer, type RouteContext, text } from './route-context';
import { iamTime, type Principal } from './state';

/** Temporary keys: v3 `securitytokens` (assume_role and token), STS v5 AssumeAgency, console login tokens. */

const SESSION_USER = /^[A-Za-z][A-Za-z0-9_-]{4,31}$/;
const AGENCY_SESSION = /^[\w+=,.@-]{2,64}$/;

function credentialReply(ctx: RouteContext, principal: Principal, durationSeconds: number, fromAgency: boolean): Reply {
  const key = ctx.state.issueTemporaryKey(principal, ctx.now + durationSeconds * 1000, fromAgency);
  return { status: 201, body: { credential: { access: key.accessKeyId, secret: key.secretAccessKey, securitytoken: key.securityToken, expires_at: iamTime(key.expiresAt) } } };
}

/** POST /v3.0/OS-CREDENTIAL/securitytokens */
export function securityTokens(ctx: RouteContext): Reply {
  const methods = field(ctx.json, 'auth.identity.methods');
  if (!Array.isArray(methods) || methods.length !== 1) return invalidParameter('auth.identity.methods');
  if (methods[0] === 'assume_role') return assumeRole(ctx);
  if (methods[0] === 'token') return tokenMethod(ctx);
  return invalidParameter('auth.identity.methods');
}

function assumeRole(ctx: RouteContext): Reply {
  const caller = ctx.caller;
  if (!caller) return keystoneError(401, 'The request you have made requires authentication.');
  const ar = field(ctx.json, 'auth.identity.assume_role');
  const agencyName = text(field(ar, 'agency_name'));
  const domainRef = text(field(ar, 'domain_id')) ?? text(field(ar, 'domain_name'));
  if (!agencyName) return invalidParameter('agency_name');
  if (!domainRef) return invalidParameter('domain_name');
  const duration = integer(field(ar, 'duration_seconds')) ?? 900;
  if (!inRange(duration, 900, 86_400)) return invalidParameter('duration_seconds');
  const sessionUser = field(ar, 'session_user.name');
  if (sessionUser !== undefined && (typeof sessionUser !== 'string' || !SESSION_USER.test(sessionUser))) return invalidParameter('session_user.name');

  if (!caller.principal.roles.includes('Agent Operator')) return keystoneError(403, 'You are not authorized to perform the requested action: identity:assume_role.');
  const domain = ctx.state.domainByNameOrId(domainRef);
  const agency = domain ? ctx.state.agency(domain.id, agencyName) : undefined;
  if (!domain || !agency) return keystoneError(404, `Could not find agency: ${agencyName}.`);
  if (!ctx.state.trusts(agency, caller.principal)) return keystoneError(403, `The agency ${agencyName} does not trust the caller's account.`);
  if (duration > agency.maxDurationSeconds) return invalidParameter('duration_seconds');

  const principal: Principal = {
    kind: 'agency',
    domainId: domain.id,
    agencyName,
    agencyId: agency.id,
    roles: [...agency.roles],
    sourceDomainId: caller.principal.domainId,
    ...(typeof sessionUser === 'string' ? { sessionUserName: sessionUser } : {}),
  };
  return credentialReply(ctx, principal, duration, true);
}

function tokenMethod(ctx: RouteContext): Reply {
  // The token authenticated the call (from X-Auth-Token, or from the body when no header came).
  if (ctx.caller?.via !== 'token') return invalidParameter('token');
  const duration = integer(field(ctx.json, 'auth.identity.token.duration_seconds')) ?? 900;
  if (!inRange(duration, 900, 86_400)) return invalidParameter('duration_seconds');
  return credentialReply(ctx, ctx.caller.principal, duration, false);
}

/** POST /v3.0/OS-AUTH/securitytoken/logintokens */
export function loginTokens(ctx: RouteContext): Reply {
  const st = field(ctx.json, 'auth.securitytoken');
  const access = text(field(st, 'access'));
  const temp = access ? ctx.state.temporaryKeys.get(access) : undefined;
  if (!temp || field(st, 'secret') !== temp.secretAccessKey || field(st, 'id') !== temp.securityToken) return keystoneError(401, 'The security token is invalid.');
  if (ctx.now >= temp.expiresAt) return keystoneError(401, 'The token must be updated.');
  if (temp.fromAgency && temp.principal.kind === 'agency' && !temp.principal.sessionUserName) return invalidParameter('session_user');
  const asked = integer(field(st, 'duration_seconds')) ?? 600;
  if (!inRange(asked, 600, 43_200)) return invalidParameter('duration_seconds');
  const expiresAt = Math.min(ctx.now + asked * 1000, temp.expiresAt);
  const p = temp.principal;
  const loginToken = ctx.state.ids.iamToken();
  return {
    status: 201,
    headers: { 'X-Subject-LoginToken': loginToken },
    body: {
      logintoken: {
        domain_id: p.domainId,
        expires_at: iamTime(expiresAt),
        method: 'token',
        user_id: p.kind === 'user' ? p.userId : p.agencyId,
        user_name: p.kind === 'user' ? p.userName : p.agencyName,
        session_id: ctx.state.ids.hexId(),
        ...(p.kind === 'agency' && p.sessionUserName ? { session_name: p.sessionUserName } : {}),
      },
    },
  };
}

/** POST {sts}/v5/agencies/assume */
export function stsAssumeAgency(ctx: RouteContext): Reply {
  const caller = ctx.caller;
  if (caller?.via !== 'aksk') return v5Error(401, 'STS.0401', 'STS accepts only AK/SK signed requests.', ctx.requestId);
  const urn = text(field(ctx.json, 'agency_urn'));
  const m = urn ? /^iam::([^:]+):agency:(.+)$/.exec(urn) : null;
  if (!urn || !m) return v5Error(400, 'STS.0007', 'Invalid agency_urn.', ctx.requestId);
  const session = field(ctx.json, 'agency_session_name');
  if (typeof session !== 'string' || !AGENCY_SESSION.test(session)) return v5Error(400, 'STS.0007', 'Invalid agency_session_name.', ctx.requestId);
  const duration = integer(field(ctx.json, 'duration_seconds')) ?? 3600;
  const agency = ctx.state.agency(m[1] as string, m[2] as string);
  if (!agency) return v5Error(404, 'STS.0404', `The agency ${urn} does not exist.`, ctx.requestId);
  if (!ctx.state.trusts(agency, caller.principal)) {
    return v5Error(
      403,
      'STS.0403',
      `User: ${ctx.state.principalUrn(caller.principal)} is not authorized to perform: sts:agencies:assume on resource: ${urn}`,
      ctx.requestId,
      Buffer.from(`deny:${urn}`).toString('base64'),
    );
  }
  const max = caller.temporary ? Math.min(3600, agency.maxDurationSeconds) : agency.maxDurationSeconds;
  if (!inRange(duration, 900, max)) return v5Error(400, 'STS.0007', 'Invalid duration_seconds.', ctx.requestId);

  const principal: Principal = {
    kind: 'agency',
    domainId: agency.domainId,
    agencyName: agency.name,
    agencyId: agency.id,
    sessionUserName: session,
    roles: [...agency.roles],
    sourceDomainId: caller.principal.domainId,
  };
  const key = ctx.state.issueTemporaryKey(principal, ctx.now + duration * 1000, true);
  return {
    status: 200,
    body: {
      // Seconds precision here (v3 uses microseconds): the client must read both.
      credentials: { access_key_id: key.accessKeyId, secret_access_key: key.secretAccessKey, security_token: key.securityToken, expiration: new Date(key.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z') },
      assumed_agency: { urn: ctx.state.principalUrn(principal), id: ctx.state.principalId(principal) },
    },
  };
}
