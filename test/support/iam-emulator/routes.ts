import type { Reply } from './error-bodies';
import type { RouteName } from './faults';
import { deleteKey, createKey, listKeys, showKey, updateKey } from './routes-access-keys';
import { authDomains, callerIdentity } from './routes-identity';
import type { RouteContext } from './route-context';
import { loginTokens, securityTokens, stsAssumeAgency } from './routes-temporary-keys';
import { passwordToken } from './routes-tokens';

/**
 * The endpoints the emulator serves, IAM and STS on one origin. `auth` says how a call must
 * authenticate: `any` = AK/SK signature or X-Auth-Token; `none` = the body carries the credentials.
 */
export interface Route {
  name: RouteName;
  method: string;
  pattern: RegExp;
  auth: 'any' | 'none';
  handle(ctx: RouteContext): Reply;
}

const KEY = '([A-Za-z0-9]+)';

export const routes: Route[] = [
  { name: 'securitytokens', method: 'POST', pattern: /^\/v3\.0\/OS-CREDENTIAL\/securitytokens$/, auth: 'any', handle: securityTokens },
  { name: 'tokens', method: 'POST', pattern: /^\/v3\/auth\/tokens$/, auth: 'none', handle: passwordToken },
  { name: 'credentials.list', method: 'GET', pattern: /^\/v3\.0\/OS-CREDENTIAL\/credentials$/, auth: 'any', handle: listKeys },
  { name: 'credentials.create', method: 'POST', pattern: /^\/v3\.0\/OS-CREDENTIAL\/credentials$/, auth: 'any', handle: createKey },
  { name: 'credentials.show', method: 'GET', pattern: new RegExp(`^/v3\\.0/OS-CREDENTIAL/credentials/${KEY}$`), auth: 'any', handle: showKey },
  { name: 'credentials.update', method: 'PUT', pattern: new RegExp(`^/v3\\.0/OS-CREDENTIAL/credentials/${KEY}$`), auth: 'any', handle: updateKey },
  { name: 'credentials.delete', method: 'DELETE', pattern: new RegExp(`^/v3\\.0/OS-CREDENTIAL/credentials/${KEY}$`), auth: 'any', handle: deleteKey },
  { name: 'caller-identity', method: 'GET', pattern: /^\/v5\/caller-identity$/, auth: 'any', handle: callerIdentity },
  { name: 'auth-domains', method: 'GET', pattern: /^\/v3\/auth\/domains$/, auth: 'any', handle: authDomains },
  { name: 'logintokens', method: 'POST', pattern: /^\/v3\.0\/OS-AUTH\/securitytoken\/logintokens$/, auth: 'any', handle: loginTokens },
  { name: 'sts-assume', method: 'POST', pattern: /^\/v5\/agencies\/assume$/, auth: 'any', handle: stsAssumeAgency },
];

export function matchRoute(method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1) };
  }
  return undefined;
}
