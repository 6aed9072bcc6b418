/**
 * The local helper: authenticated HTTP on loopback that hands credentials to tools (see README.md).
 */
export { createHelperServer, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUTS, HELPER_HOST } from './helper-server';
export type {
  HelperAddress,
  HelperLogEntry,
  HelperServer,
  HelperServerOptions,
  HelperTimeouts,
  PodIdentityClient,
  UiRequestHandler,
} from './types';
export type { PodIdentityClientInfo } from './pod-identity-registry';
export type { HelperCredentialsBody } from './credential-bodies';
export type { ProfilesBody } from './v1-handlers';
export type { RefusalCode } from './refusals';
export { statusForError } from './error-status';
