import { type Clock, systemClock } from '../clock';
import { AkvaultError } from '../errors';
import { checkLoginUrlOptions, federationLoginUrl } from './console-login';
import { type FetchLike, nodeFetch } from './fetch';
import type { Logger } from '../log/logger';
import { type AuthFailureGuard, sharedAuthFailureGuard } from './lockout';
import { agencyUrn, assumeAgencyV5Body, assumeRoleBody, loginTokenRequestBody, passwordBody, tokenMethodBody } from './request-bodies';
import {
  authDomainsBody,
  callerIdentityBody,
  credentialCreated,
  credentialList,
  credentialSingle,
  loginTokenBody,
  parseBody,
  tokenBody,
  v3TemporaryCredentials,
  v5TemporaryCredentials,
} from './responses';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { type IamCall, type IamResponse, sendIamCall, type TransportDeps } from './transport';
import type {
  AccessKeyInfo,
  AccessKeyStatus,
  AssumeAgencyRequest,
  AssumeAgencyV5Request,
  CallerIdentity,
  ConsoleLogin,
  ConsoleLoginOptions,
  IamSource,
  IamToken,
  KeySource,
  NewAccessKey,
  PasswordLogin,
  SessionPolicy,
  TemporaryCredentials,
  TokenScope,
} from './types';
import { keySourceFrom } from './types';

export const DEFAULT_IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface IamClientOptions {
  /** IAM base URL; the global endpoint by default (its credentials work in every region). */
  iamEndpoint?: string;
  /** STS v5 base URL (regional, e.g. `https://sts.ap-southeast-1.myhuaweicloud.com`); needed for v5 calls. */
  stsEndpoint?: string;
  /** Electron passes `net.fetch`; plain Node gets a proxy-aware undici fetch. */
  fetch?: FetchLike;
  clock?: Clock;
  /** Per attempt. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** For backoff jitter; injectable so tests are deterministic. */
  random?: () => number;
  /** Share one per process (the default is): the server counts failures per AK. */
  authGuard?: AuthFailureGuard;
  /** Diagnostic log: one line per attempt (main/core/log; never a body or a header value). */
  logger?: Logger;
}

/** HTTPS only, except plain HTTP to this machine (a local emulator or test double). */
function checkEndpoint(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AkvaultError('validation', `The ${field} must be a URL.`, { params: { field } });
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AkvaultError('validation', `The ${field} must be an https:// URL.`, { params: { field } });
  }
  if (url.username || url.password || url.search || url.hash) throw new AkvaultError('validation', `The ${field} must be a plain base URL.`, { params: { field } });
  return url.href;
}

const enc = encodeURIComponent;

/**
 * IAM and STS operations akvault needs: temporary keys (agency, token, STS v5), tokens, permanent
 * access keys, caller identity and console login. Every call is validated before sending, signed or
 * token-authenticated, bounded by a timeout and the retry policy, and its answer validated with zod.
 */
export class IamClient {
  readonly iamEndpoint: string;
  readonly stsEndpoint: string | undefined;
  private readonly deps: TransportDeps;

  constructor(opts: IamClientOptions = {}) {
    this.iamEndpoint = checkEndpoint(opts.iamEndpoint ?? DEFAULT_IAM_ENDPOINT, 'IAM endpoint');
    this.stsEndpoint = opts.stsEndpoint === undefined ? undefined : checkEndpoint(opts.stsEndpoint, 'STS endpoint');
    this.deps = {
      fetch: opts.fetch ?? nodeFetch,
      clock: opts.clock ?? systemClock,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: { ...DEFAULT_RETRY_POLICY, ...opts.retry },
      random: opts.random ?? Math.random,
      authGuard: opts.authGuard ?? sharedAuthFailureGuard,
      ...(opts.logger ? { logger: opts.logger } : {}),
    };
  }

  private send(call: Omit<IamCall, 'endpoint'> & { endpoint?: string }): Promise<IamResponse> {
    return sendIamCall({ endpoint: this.iamEndpoint, ...call }, this.deps);
  }

  private requireSts(): string {
    if (!this.stsEndpoint) throw new AkvaultError('validation', 'This profile has no STS endpoint set.', { params: { field: 'stsEndpoint' }, hint: 'Set the STS endpoint, e.g. https://sts.ap-southeast-1.myhuaweicloud.com.' });
    return this.stsEndpoint;
  }

  /** Temporary keys for an agency (`assume_role`), as the caller: keys (signed) or a token. */
  async assumeAgency(source: IamSource, req: AssumeAgencyRequest): Promise<TemporaryCredentials> {
    const body = assumeRoleBody(req);
    const res = await this.send({
      operation: 'assume-agency',
      method: 'POST',
      path: '/v3.0/OS-CREDENTIAL/securitytokens',
      auth: source,
      body,
      idempotent: true, // a second set of temporary keys is harmless
      subject: { agencyName: req.agencyName, ...(req.domainName || req.domainId ? { domain: (req.domainName ?? req.domainId) as string } : {}) },
    });
    return v3Credentials(res, 'assume-agency');
  }

  /** Temporary keys for the token's own identity (`token` method). */
  async temporaryKeysFromToken(token: string, durationSeconds = 900, opts: { policy?: SessionPolicy } = {}): Promise<TemporaryCredentials> {
    if (!token) throw new AkvaultError('validation', 'A token is required.', { params: { field: 'token' } });
    const res = await this.send({
      operation: 'temporary-keys-from-token',
      method: 'POST',
      path: '/v3.0/OS-CREDENTIAL/securitytokens',
      auth: { type: 'token', token },
      body: tokenMethodBody(durationSeconds, opts.policy),
      idempotent: true,
    });
    return v3Credentials(res, 'temporary-keys-from-token');
  }

  /** An IAM token by password (plus a TOTP code when the user has virtual MFA). */
  async tokenFromPassword(login: PasswordLogin, scope: TokenScope): Promise<IamToken> {
    const res = await this.send({
      operation: 'token-from-password',
      method: 'POST',
      path: '/v3/auth/tokens',
      query: [['nocatalog', 'true']],
      auth: { type: 'none', kind: 'password', sentPasscode: login.totp !== undefined },
      body: passwordBody(login, scope),
      idempotent: true,
    });
    const ctx = { operation: 'token-from-password' as const, status: res.status, ...(res.requestId ? { requestId: res.requestId } : {}) };
    const token = res.headers.get('x-subject-token');
    if (!token) throw missingHeader('X-Subject-Token', ctx);
    const t = parseBody(tokenBody, res.json, ctx).token;
    return {
      token,
      expiresAt: t.expires_at,
      ...(t.user?.id ? { userId: t.user.id } : {}),
      ...(t.user?.name ? { userName: t.user.name } : {}),
      ...(t.user?.domain?.id ? { domainId: t.user.domain.id } : {}),
      ...(t.user?.domain?.name ? { domainName: t.user.domain.name } : {}),
    };
  }

  async listAccessKeys(source: IamSource, userId: string): Promise<AccessKeyInfo[]> {
    if (!userId) throw new AkvaultError('validation', 'A user ID is required.', { params: { field: 'userId' } });
    const res = await this.send({ operation: 'list-access-keys', method: 'GET', path: '/v3.0/OS-CREDENTIAL/credentials', query: [['user_id', userId]], auth: source, idempotent: true });
    return parseBody(credentialList, res.json, ctxOf('list-access-keys', res)).credentials.map(toKeyInfo);
  }

  /** Creates a permanent key. Never retried after an ambiguous failure: a lost answer would orphan a key. */
  async createAccessKey(source: IamSource, opts: { userId: string; description?: string }): Promise<NewAccessKey> {
    if (!opts.userId) throw new AkvaultError('validation', 'A user ID is required.', { params: { field: 'userId' } });
    const res = await this.send({
      operation: 'create-access-key',
      method: 'POST',
      path: '/v3.0/OS-CREDENTIAL/credentials',
      auth: source,
      body: { credential: { user_id: opts.userId, ...(opts.description !== undefined ? { description: opts.description } : {}) } },
      idempotent: false,
    });
    const c = parseBody(credentialCreated, res.json, ctxOf('create-access-key', res)).credential;
    return { ...toKeyInfo(c), secretAccessKey: c.secret };
  }

  async setAccessKeyStatus(source: IamSource, accessKeyId: string, status: AccessKeyStatus): Promise<AccessKeyInfo> {
    if (!accessKeyId) throw new AkvaultError('validation', 'An access key ID is required.', { params: { field: 'accessKeyId' } });
    const res = await this.send({
      operation: 'update-access-key',
      method: 'PUT',
      path: `/v3.0/OS-CREDENTIAL/credentials/${enc(accessKeyId)}`,
      auth: source,
      body: { credential: { status } },
      idempotent: true,
    });
    return toKeyInfo(parseBody(credentialSingle, res.json, ctxOf('update-access-key', res)).credential);
  }

  async deleteAccessKey(source: IamSource, accessKeyId: string): Promise<void> {
    if (!accessKeyId) throw new AkvaultError('validation', 'An access key ID is required.', { params: { field: 'accessKeyId' } });
    await this.send({
      operation: 'delete-access-key',
      method: 'DELETE',
      path: `/v3.0/OS-CREDENTIAL/credentials/${enc(accessKeyId)}`,
      auth: source,
      idempotent: true,
      // A retry that finds the key gone means the earlier, unanswered attempt deleted it.
      successOnRetry: (status) => status === 404,
    });
  }

  /**
   * Whose keys these are: STS v5 `caller-identity` when an STS endpoint is set, else (or when STS is
   * missing or unreachable there) IAM v3 `auth/domains`. A refused key is reported, not retried elsewhere.
   */
  async callerIdentity(keys: KeySource): Promise<CallerIdentity> {
    if (this.stsEndpoint) {
      try {
        const res = await this.send({ operation: 'caller-identity', endpoint: this.stsEndpoint, method: 'GET', path: '/v5/caller-identity', auth: keys, idempotent: true });
        const b = parseBody(callerIdentityBody, res.json, ctxOf('caller-identity', res));
        return { accountId: b.account_id, ...(b.principal_id ? { principalId: b.principal_id } : {}), ...(b.principal_urn ? { principalUrn: b.principal_urn } : {}), via: 'sts' };
      } catch (e) {
        if (!(e instanceof AkvaultError) || !['iam.not-found', 'iam.unreachable', 'iam.bad-response'].includes(e.code)) throw e;
      }
    }
    const res = await this.send({ operation: 'caller-identity', method: 'GET', path: '/v3/auth/domains', auth: keys, idempotent: true });
    const d = parseBody(authDomainsBody, res.json, ctxOf('caller-identity', res)).domains[0] as { id: string; name?: string };
    return { accountId: d.id, ...(d.name ? { accountName: d.name } : {}), via: 'iam' };
  }

  /**
   * A console sign-in URL for temporary keys: a login token from IAM (the keys must come from an
   * agency switch with a session user name, or from a token), then the federation login URL.
   */
  async consoleLoginUrl(keys: TemporaryCredentials, opts: ConsoleLoginOptions): Promise<ConsoleLogin> {
    const urlOptions = { service: opts.service, ...(opts.idpLoginUrl ? { idpLoginUrl: opts.idpLoginUrl } : {}), ...(opts.loginHost ? { loginHost: opts.loginHost } : {}) };
    checkLoginUrlOptions(urlOptions); // before a login token exists
    const remaining = Math.floor((Date.parse(keys.expiresAt) - this.deps.clock.now()) / 1000);
    if (!(remaining >= 600)) {
      throw new AkvaultError('session.expired', 'These temporary keys expire in less than 10 minutes: too soon for a console session.', {
        params: { expiresAt: keys.expiresAt },
        hint: 'Get new temporary keys, then open the console.',
      });
    }
    // A login token cannot outlive the security token it comes from.
    const duration = Math.min(opts.durationSeconds ?? 600, remaining);
    const res = await this.send({
      operation: 'console-login',
      method: 'POST',
      path: '/v3.0/OS-AUTH/securitytoken/logintokens',
      auth: keySourceFrom(keys),
      body: loginTokenRequestBody(keys, duration),
      idempotent: true,
    });
    const ctx = ctxOf('console-login', res);
    const loginToken = res.headers.get('x-subject-logintoken');
    if (!loginToken) throw missingHeader('X-Subject-LoginToken', ctx);
    const body = parseBody(loginTokenBody, res.json, ctx);
    const url = federationLoginUrl({ ...urlOptions, loginToken });
    return { url, expiresAt: body.logintoken.expires_at };
  }

  /** STS v5 AssumeAgency: keys only (STS takes no IAM token). */
  async assumeAgencyV5(source: KeySource, req: AssumeAgencyV5Request): Promise<TemporaryCredentials> {
    const sts = this.requireSts();
    const body = assumeAgencyV5Body(req, source.securityToken !== undefined);
    const res = await this.send({
      operation: 'assume-agency-v5',
      endpoint: sts,
      method: 'POST',
      path: '/v5/agencies/assume',
      auth: source,
      body,
      idempotent: true,
      subject: { agencyName: agencyUrn(req.domainId, req.agencyName), domain: req.domainId },
    });
    const c = parseBody(v5TemporaryCredentials, res.json, ctxOf('assume-agency-v5', res)).credentials;
    return { accessKeyId: c.access_key_id, secretAccessKey: c.secret_access_key, securityToken: c.security_token, expiresAt: c.expiration };
  }
}

function ctxOf<O extends IamCall['operation']>(operation: O, res: IamResponse) {
  return { operation, status: res.status, ...(res.requestId ? { requestId: res.requestId } : {}) };
}

function v3Credentials(res: IamResponse, operation: 'assume-agency' | 'temporary-keys-from-token'): TemporaryCredentials {
  const c = parseBody(v3TemporaryCredentials, res.json, ctxOf(operation, res)).credential;
  return { accessKeyId: c.access, secretAccessKey: c.secret, securityToken: c.securitytoken, expiresAt: c.expires_at };
}

function toKeyInfo(c: { access: string; user_id: string; status: AccessKeyStatus; create_time?: string | undefined; description?: string | undefined }): AccessKeyInfo {
  return {
    accessKeyId: c.access,
    userId: c.user_id,
    status: c.status,
    ...(c.create_time ? { createdAt: c.create_time } : {}),
    ...(c.description !== undefined ? { description: c.description } : {}),
  };
}

function missingHeader(name: string, ctx: { operation: IamCall['operation']; status: number; requestId?: string }): AkvaultError {
  return new AkvaultError('iam.bad-response', `IAM's answer lacks the ${name} header.`, {
    params: { ...ctx, header: name },
    hint: 'A proxy between akvault and IAM may be removing response headers.',
  });
}
