import { AkvaultError } from '../errors';
import type { AssumeAgencyRequest, AssumeAgencyV5Request, PasswordLogin, SessionPolicy, TemporaryCredentials, TokenScope } from './types';

/**
 * The JSON bodies IAM and STS expect, built from checked input. Checking here gives a person a clear
 * message before anything is sent (and before a bad request could count against a key).
 */

function invalid(message: string, field: string): AkvaultError {
  return new AkvaultError('validation', message, { params: { field } });
}

function checkDuration(value: number, min: number, max: number, field = 'durationSeconds'): void {
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(`The duration must be a whole number of seconds from ${min} to ${max}.`, field);
}

function nonEmpty(value: string | undefined, what: string, field: string): string {
  const v = value?.trim();
  if (!v) throw invalid(`${what} is required.`, field);
  return v;
}

/** The session user name rules differ across IAM documents; this is the intersection all accept. */
export const SESSION_USER_NAME = /^[A-Za-z][A-Za-z0-9_-]{4,31}$/;

function checkPolicy(policy: SessionPolicy | undefined): void {
  if (policy === undefined) return;
  if (typeof policy !== 'object' || typeof policy.Version !== 'string' || !Array.isArray(policy.Statement)) {
    throw invalid('The session policy needs a Version and a Statement list.', 'policy');
  }
}

export function assumeRoleBody(req: AssumeAgencyRequest): object {
  const agencyName = nonEmpty(req.agencyName, 'The agency name', 'agencyName');
  const domainName = req.domainName?.trim();
  const domainId = req.domainId?.trim();
  if (!domainName && !domainId) throw invalid("The delegating account's name or ID is required.", 'domainName');
  checkDuration(req.durationSeconds, 900, 86_400);
  if (req.sessionUserName !== undefined && !SESSION_USER_NAME.test(req.sessionUserName)) {
    throw invalid('The session user name must start with a letter and have 5 to 32 letters, digits, "_" or "-".', 'sessionUserName');
  }
  checkPolicy(req.policy);
  return {
    auth: {
      identity: {
        methods: ['assume_role'],
        assume_role: {
          agency_name: agencyName,
          ...(domainId ? { domain_id: domainId } : {}),
          ...(domainName ? { domain_name: domainName } : {}),
          duration_seconds: req.durationSeconds,
          ...(req.sessionUserName ? { session_user: { name: req.sessionUserName } } : {}),
        },
        ...(req.policy ? { policy: req.policy } : {}),
      },
    },
  };
}

/** The token rides in X-Auth-Token (the body's `token.id` is deprecated and the header wins anyway). */
export function tokenMethodBody(durationSeconds: number, policy?: SessionPolicy): object {
  checkDuration(durationSeconds, 900, 86_400);
  checkPolicy(policy);
  return { auth: { identity: { methods: ['token'], token: { duration_seconds: durationSeconds }, ...(policy ? { policy } : {}) } } };
}

export function passwordBody(login: PasswordLogin, scope: TokenScope): object {
  const domainName = nonEmpty(login.domainName, 'The account name', 'domainName');
  const userName = nonEmpty(login.userName, 'The user name', 'userName');
  if (!login.password) throw invalid('The password is required.', 'password');
  if (login.totp) {
    nonEmpty(login.totp.userId, 'The user ID (for MFA)', 'totp.userId');
    if (!/^\d{6}$/.test(login.totp.passcode)) throw invalid('The MFA code must be 6 digits.', 'totp.passcode');
  }
  const user = { domain: { name: domainName }, name: userName, password: login.password };
  return {
    auth: {
      identity: {
        // IAM's own spelling is "totp"; one SDK's enum has a stray leading space.
        methods: login.totp ? ['password', 'totp'] : ['password'],
        password: { user },
        ...(login.totp ? { totp: { user: { id: login.totp.userId, passcode: login.totp.passcode } } } : {}),
      },
      scope,
    },
  };
}

export function loginTokenRequestBody(keys: TemporaryCredentials, durationSeconds: number): object {
  checkDuration(durationSeconds, 600, 43_200);
  return { auth: { securitytoken: { access: keys.accessKeyId, secret: keys.secretAccessKey, id: keys.securityToken, duration_seconds: durationSeconds } } };
}

export const AGENCY_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** @param chained the caller signs with temporary keys, which caps the duration at one hour */
export function assumeAgencyV5Body(req: AssumeAgencyV5Request, chained: boolean): object {
  const domainId = nonEmpty(req.domainId, "The delegating account's ID", 'domainId');
  const agencyName = nonEmpty(req.agencyName, 'The agency name', 'agencyName');
  if (!AGENCY_SESSION_NAME.test(req.sessionName)) throw invalid('The session name must have 2 to 64 letters, digits or any of _+=,.@-', 'sessionName');
  if (req.durationSeconds !== undefined) checkDuration(req.durationSeconds, 900, chained ? 3_600 : 43_200);
  if (req.policy !== undefined) {
    try {
      JSON.parse(req.policy);
    } catch {
      throw invalid('The session policy must be JSON text.', 'policy');
    }
  }
  if (req.mfa && !/^\d{6}$/.test(req.mfa.tokenCode)) throw invalid('The MFA code must be 6 digits.', 'mfa.tokenCode');
  return {
    agency_urn: agencyUrn(domainId, agencyName),
    agency_session_name: req.sessionName,
    ...(req.durationSeconds !== undefined ? { duration_seconds: req.durationSeconds } : {}),
    ...(req.policy !== undefined ? { policy: req.policy } : {}),
    ...(req.externalId ? { external_id: req.externalId } : {}),
    ...(req.mfa ? { serial_number: req.mfa.serialNumber, token_code: req.mfa.tokenCode } : {}),
  };
}

export function agencyUrn(domainId: string, agencyName: string): string {
  return `iam::${domainId}:agency:${agencyName}`;
}
