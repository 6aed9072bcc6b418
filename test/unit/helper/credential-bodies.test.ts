import { describe, expect, it } from 'vitest';
import { helperCredentialsBody, metadataBody, podIdentityBody } from '../../../main/core/helper/credential-bodies';
import type { SessionCredentials } from '../../../main/core/sessions/types';

const temporary: SessionCredentials = {
  accessKeyId: 'AKTEMP',
  secretAccessKey: 'SK',
  securityToken: 'ST',
  expiresAt: '2026-11-22T10:00:00.000Z',
  region: 'cn-north-4',
  projectId: 'p1',
  domainId: 'd1',
  iamEndpoint: 'https://iam.example.test',
};

describe('credential bodies', () => {
  it('helper shape: the seven fields, nothing else', () => {
    expect(helperCredentialsBody({ ...temporary, extra: 'leak' } as SessionCredentials)).toEqual({
      accessKeyId: 'AKTEMP',
      secretAccessKey: 'SK',
      securityToken: 'ST',
      expiresAt: '2026-11-22T10:00:00.000Z',
      region: 'cn-north-4',
      projectId: 'p1',
      domainId: 'd1',
    });
  });

  it('helper shape: absent, null and empty values are omitted', () => {
    const body = helperCredentialsBody({
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      region: '',
      projectId: null as unknown as string,
    });
    expect(body).toEqual({ accessKeyId: 'AK', secretAccessKey: 'SK' });
    expect(JSON.stringify(body)).toBe('{"accessKeyId":"AK","secretAccessKey":"SK"}');
  });

  it('pod-identity shape', () => {
    expect(podIdentityBody(temporary)).toEqual({
      credentials: { accessKeyId: 'AKTEMP', secretAccessKey: 'SK', securityToken: 'ST', expiration: '2026-11-22T10:00:00.000000Z' },
    });
  });

  it('metadata shape', () => {
    expect(metadataBody(temporary)).toEqual({
      credential: { access: 'AKTEMP', secret: 'SK', securitytoken: 'ST', expires_at: '2026-11-22T10:00:00.000000Z' },
    });
  });

  it('refuses to build a temporary-key body from permanent keys', () => {
    expect(() => podIdentityBody({ accessKeyId: 'AK', secretAccessKey: 'SK' })).toThrow();
    expect(() => metadataBody({ accessKeyId: 'AK', secretAccessKey: 'SK', securityToken: 'ST' })).toThrow();
  });
});
