import type { SessionCredentials } from '../../../main/core/sessions/types';

/** Temporary keys with every optional field present (values are made up, shaped like real ones). */
export const TEMPORARY: SessionCredentials = {
  accessKeyId: 'HSTAEXAMPLE7QK2V0ZP1',
  secretAccessKey: 'ExampleSecretKeyValue0123456789abcdefWXYZ',
  securityToken: 'gQpjbi1ub3J0aC00iwHsu7cp-EXAMPLE_token+/=',
  expiresAt: '2026-11-22T10:00:00.000000Z',
  region: 'cn-north-4',
  projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  domainId: 'f9e8d7c6b5a4930281706f5e4d3c2b1a',
  iamEndpoint: 'https://iam.cn-north-4.myhuaweicloud.com',
};

/** Permanent keys with nothing else known. */
export const PERMANENT: SessionCredentials = {
  accessKeyId: 'PERMEXAMPLEAK0000001',
  secretAccessKey: 'PermanentSecretKey0123456789abcdefghijKLM',
};

/** A second set of temporary keys, as a refresh would bring. */
export const REFRESHED: SessionCredentials = {
  ...TEMPORARY,
  accessKeyId: 'HSTAEXAMPLEREFRESHED2',
  secretAccessKey: 'RefreshedSecretKey0123456789abcdefghijNOP',
  securityToken: 'gQpjbi1ub3J0aC00REFRESHED-token_value==',
  expiresAt: '2026-11-22T11:00:00.000000Z',
};
