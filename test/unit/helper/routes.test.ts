import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../main/core/helper/routes';

const off = { metadataEmulation: false };
const on = { metadataEmulation: true };

describe('route matching', () => {
  it.each([
    ['GET', '/v1/health', 'health', null],
    ['GET', '/v1/profiles', 'profiles', null],
    ['GET', '/v1/credentials/prod', 'credentials', 'prod'],
    ['GET', '/v1/credentials/prod?verbose=1', 'credentials', 'prod'],
    ['GET', '/v1/credentials/team%20a', 'credentials', 'team a'],
    ['GET', '/v1/credentials/default', 'credentials', null],
    ['GET', '/v1/credentials/', 'credentials', null],
    ['GET', '/v1/credentials', 'credentials', null],
    ['POST', '/v1/pod-identity/abc_DEF-123', 'pod-identity', 'abc_DEF-123'],
  ])('%s %s → %s (%j)', (method, path, name, param) => {
    expect(matchRoute(method, path, off)).toMatchObject({ kind: 'route', name, param });
  });

  it('puts the bearer check on /v1 API routes only', () => {
    expect(matchRoute('GET', '/v1/health', off)).toMatchObject({ auth: 'bearer' });
    expect(matchRoute('POST', '/v1/pod-identity/x', off)).toMatchObject({ auth: 'own' });
    expect(matchRoute('GET', '/openstack/latest/securitykey', on)).toMatchObject({ auth: 'own' });
  });

  it.each([
    '/',
    '/v1',
    '/v1/health/',
    '/v1/credentials/a/b',
    '/v1/pod-identity/',
    '/v1/pod-identity/has.dot',
    '/v1/pod-identity/a/b',
    'http://127.0.0.1/v1/health',
    '//evil.example/v1/health',
    '*',
  ])('%s is not found', (path) => {
    expect(matchRoute('GET', path, off).kind).not.toBe('route');
  });

  it('reports a bad percent-encoding', () => {
    expect(matchRoute('GET', '/v1/credentials/%E0%A4%A', off)).toEqual({ kind: 'bad-path' });
  });

  it('answers 405 material for a known path and a wrong method', () => {
    expect(matchRoute('DELETE', '/v1/credentials/x', off)).toEqual({ kind: 'method-not-allowed', name: 'credentials', allow: 'GET' });
    expect(matchRoute('GET', '/v1/pod-identity/x', off)).toEqual({ kind: 'method-not-allowed', name: 'pod-identity', allow: 'POST' });
  });

  it('has metadata routes only in emulation mode', () => {
    expect(matchRoute('PUT', '/meta-data/latest/api/token', off)).toEqual({ kind: 'not-found' });
    expect(matchRoute('GET', '/openstack/latest/securitykey', off)).toEqual({ kind: 'not-found' });
    expect(matchRoute('PUT', '/meta-data/latest/api/token', on)).toMatchObject({ kind: 'route', name: 'metadata-token' });
    expect(matchRoute('GET', '/openstack/latest/securitykey', on)).toMatchObject({ kind: 'route', name: 'metadata-securitykey' });
  });
});
