import { invalidParameter, keystoneError, type Reply } from './error-bodies';
import { field, type RouteContext, text } from './route-context';
import { iamTime } from './state';
import { verifyTotp } from './totp';

/** POST /v3/auth/tokens: password, or password + virtual MFA (TOTP). */
export function passwordToken(ctx: RouteContext): Reply {
  const methods = field(ctx.json, 'auth.identity.methods');
  if (!Array.isArray(methods) || !methods.includes('password')) return invalidParameter('auth.identity.methods');
  const user = field(ctx.json, 'auth.identity.password.user');
  const domainRef = text(field(user, 'domain.name')) ?? text(field(user, 'domain.id'));
  const name = text(field(user, 'name'));
  const password = field(user, 'password');
  if (!domainRef || !name || typeof password !== 'string') return invalidParameter('auth.identity.password.user');
  const scope = field(ctx.json, 'auth.scope');
  const project = field(scope, 'project');
  const scopeDomain = field(scope, 'domain');
  if (!project && !scopeDomain) return invalidParameter('auth.scope');

  const domain = ctx.state.domainByNameOrId(domainRef);
  const found = domain ? ctx.state.userByName(domain.id, name) : undefined;
  // One message for unknown account, unknown user and wrong password, as IAM does.
  if (!domain || !found || found.password !== password) return keystoneError(401, 'The username or password is wrong.');
  if (found.totpSecret) {
    if (!methods.includes('totp')) return keystoneError(401, 'The verification code of the MFA device is required.');
    const totpUserId = field(ctx.json, 'auth.identity.totp.user.id');
    const passcode = field(ctx.json, 'auth.identity.totp.user.passcode');
    if (totpUserId !== found.id || typeof passcode !== 'string' || !verifyTotp(found.totpSecret, passcode, ctx.now)) {
      return keystoneError(401, 'The MFA verification code is incorrect.');
    }
  }

  const issued = ctx.state.issueToken(ctx.state.userPrincipal(found), ctx.now);
  const projectName = text(field(project, 'name')) ?? text(field(project, 'id'));
  return {
    status: 201,
    headers: { 'X-Subject-Token': issued.token },
    body: {
      token: {
        expires_at: iamTime(issued.expiresAt),
        issued_at: iamTime(issued.issuedAt),
        methods: found.totpSecret ? ['password', 'totp'] : ['password'],
        user: { id: found.id, name: found.name, domain: { id: domain.id, name: domain.name }, password_expires_at: '' },
        ...(project ? { project: { id: `${domain.id.slice(0, 16)}${Buffer.from(projectName ?? '').toString('hex').slice(0, 16)}`, name: projectName, domain: { id: domain.id, name: domain.name } } } : {}),
        ...(scopeDomain ? { domain: { id: domain.id, name: domain.name } } : {}),
        roles: found.roles.map((r) => ({ id: Buffer.from(r).toString('hex').slice(0, 32), name: r })),
        catalog: [],
      },
    },
  };
}
