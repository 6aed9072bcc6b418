/** The IAM client's public surface: everything else in this folder is its inner workings. */
export { IamClient, DEFAULT_IAM_ENDPOINT, DEFAULT_TIMEOUT_MS, type IamClientOptions } from './client';
export { federationLoginUrl, DEFAULT_LOGIN_HOST } from './console-login';
export { nodeFetch, type FetchLike, type FetchInit, type FetchResponseLike } from './fetch';
export { AuthFailureGuard, sharedAuthFailureGuard } from './lockout';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { signRequest, type SignedRequest, type SigningCredentials } from './signer';
export { parseIamTimestamp } from './timestamps';
export * from './types';
