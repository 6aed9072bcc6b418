/**
 * The route table: which paths exist, which one method each accepts, and how each authenticates.
 * Matching is plain string work on the request target (no URL object: an absolute-form or
 * protocol-relative target must not be able to change what we think the path is).
 */
export type RouteName =
  | 'health'
  | 'profiles'
  | 'credentials'
  | 'pod-identity'
  | 'metadata-token'
  | 'metadata-securitykey'
  | 'handoff'
  | 'pod-identity-clients'
  | 'pod-identity-client'
  | 'vault';

/** 'bearer': the helper token; 'own': the route checks its own credential (pod-identity, metadata). */
export type RouteAuth = 'bearer' | 'own';

interface RouteSpec {
  method: string;
  auth: RouteAuth;
}

export const ROUTES: Record<RouteName, RouteSpec> = {
  health: { method: 'GET', auth: 'bearer' },
  profiles: { method: 'GET', auth: 'bearer' },
  credentials: { method: 'GET', auth: 'bearer' },
  'pod-identity': { method: 'POST', auth: 'own' },
  'metadata-token': { method: 'PUT', auth: 'own' },
  'metadata-securitykey': { method: 'GET', auth: 'own' },
  // For akvault's own CLI (handoff-handlers.ts).
  handoff: { method: 'GET', auth: 'bearer' },
  'pod-identity-clients': { method: 'POST', auth: 'bearer' },
  'pod-identity-client': { method: 'DELETE', auth: 'bearer' },
  // `akvault lock` / `akvault unlock` while the app or serve runs (vault-handler.ts).
  vault: { method: 'POST', auth: 'bearer' },
};

export type RouteMatch =
  | { kind: 'route'; name: RouteName; auth: RouteAuth; param: string | null }
  | { kind: 'method-not-allowed'; name: RouteName; allow: string }
  | { kind: 'not-found' }
  | { kind: 'bad-path' };

export const METADATA_TOKEN_PATH = '/meta-data/latest/api/token';
export const METADATA_SECURITYKEY_PATH = '/openstack/latest/securitykey';
export const POD_IDENTITY_PREFIX = '/v1/pod-identity/';

/** Names that mean "the default profile" in `/v1/credentials/{profile}`. */
const DEFAULT_ALIASES = new Set(['', 'default']);

function locate(path: string, metadataEmulation: boolean): { name: RouteName; param: string | null } | 'bad-path' | null {
  switch (path) {
    case '/v1/health':
      return { name: 'health', param: null };
    case '/v1/profiles':
      return { name: 'profiles', param: null };
    case '/v1/credentials':
      return { name: 'credentials', param: null };
    case '/v1/handoff':
      return { name: 'handoff', param: null };
    case '/v1/pod-identity-clients':
      return { name: 'pod-identity-clients', param: null };
    case '/v1/vault':
      return { name: 'vault', param: null };
    case METADATA_TOKEN_PATH:
      return metadataEmulation ? { name: 'metadata-token', param: null } : null;
    case METADATA_SECURITYKEY_PATH:
      return metadataEmulation ? { name: 'metadata-securitykey', param: null } : null;
  }
  const credentials = /^\/v1\/credentials\/([^/]*)$/.exec(path);
  if (credentials) {
    let name: string;
    try {
      name = decodeURIComponent(credentials[1] ?? '');
    } catch {
      return 'bad-path';
    }
    return { name: 'credentials', param: DEFAULT_ALIASES.has(name) ? null : name };
  }
  const pod = /^\/v1\/pod-identity\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (pod) return { name: 'pod-identity', param: pod[1] ?? null };
  const client = /^\/v1\/pod-identity-clients\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (client) return { name: 'pod-identity-client', param: client[1] ?? null };
  return null;
}

export function matchRoute(method: string, target: string, opts: { metadataEmulation: boolean }): RouteMatch {
  const cut = target.search(/[?#]/);
  const path = cut === -1 ? target : target.slice(0, cut);
  if (!path.startsWith('/') || path.startsWith('//')) return { kind: 'not-found' };
  const found = locate(path, opts.metadataEmulation);
  if (found === 'bad-path') return { kind: 'bad-path' };
  if (found === null) return { kind: 'not-found' };
  const spec = ROUTES[found.name];
  if (method !== spec.method) return { kind: 'method-not-allowed', name: found.name, allow: spec.method };
  return { kind: 'route', name: found.name, auth: spec.auth, param: found.param };
}
