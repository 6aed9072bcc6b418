import { describe, expect, it } from 'vitest';
import type { AkvaultError } from '../../../main/core/errors';
import { errorFromNetwork, errorFromResponse, networkReason, parseErrorBody, redactServerMessage, type ResponseFailure } from '../../../main/core/iam/errors';

const SECURITY_TOKEN = 'gQpjbi1ub3J0aC00SECRETSECURITYTOKENVALUE0123456789abcdefABCDEF==';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';

function map(partial: Partial<ResponseFailure> & Pick<ResponseFailure, 'status' | 'body'>): AkvaultError {
  return errorFromResponse({ operation: 'assume-agency', auth: 'keys', ...partial });
}

function everything(e: AkvaultError): string {
  return `${e.message} ${e.hint ?? ''} ${JSON.stringify(e.params)}`;
}

describe('parseErrorBody reads every documented shape', () => {
  it('IAM style', () => {
    expect(parseErrorBody({ error_msg: 'Request parameter %(key)s is invalid.', error_code: 'IAM.0007' })).toEqual({ code: 'IAM.0007', message: 'Request parameter %(key)s is invalid.' });
  });
  it('keystone style', () => {
    expect(parseErrorBody({ error: { message: 'The username or password is wrong.', code: 401, title: 'Unauthorized' } })).toEqual({
      code: '401',
      message: 'The username or password is wrong.',
      title: 'Unauthorized',
    });
  });
  it('keystone hybrid with null error_code / error_msg', () => {
    expect(parseErrorBody({ error: { message: 'akSkNumExceed', code: 400, title: 'Bad Request', error_msg: null, error_code: null } })).toMatchObject({ code: '400', message: 'akSkNumExceed' });
  });
  it('gateway and v5 shapes, request id and encoded authorisation message', () => {
    expect(parseErrorBody({ error_msg: 'x', error_code: 'APIGW.0301', request_id: 'r1' })).toEqual({ code: 'APIGW.0301', message: 'x', requestId: 'r1' });
    expect(parseErrorBody({ error_code: 'STS.0403', error_msg: 'denied', request_id: 'r2', encoded_authorization_message: 'abc' })).toMatchObject({ requestId: 'r2', hasEncodedAuthorization: true });
  });
  it('anything else gives nothing', () => {
    expect(parseErrorBody(undefined)).toEqual({});
    expect(parseErrorBody('text')).toEqual({});
    expect(parseErrorBody([1])).toEqual({});
  });
});

describe('errorFromResponse maps each failure to an actionable code', () => {
  const gateway = (msg: string) => ({ error_msg: `Incorrect IAM authentication information: ${msg}`, error_code: 'APIGW.0301', request_id: 'req-1' });

  it('wrong key or secret: the signature failure, never echoing the canonical request', () => {
    const echo = `verify aksk signature fail, POST|/v3.0/OS-CREDENTIAL/securitytokens/||content-type:application/json|x-security-token:${SECURITY_TOKEN}|`;
    const e = map({ status: 401, body: gateway(echo), auth: 'temporary-keys', accessKeyId: 'AKID', requestId: 'hdr-req', traceId: 'trace-1' });
    expect(e.code).toBe('iam.bad-key');
    expect(everything(e)).not.toContain(SECURITY_TOKEN);
    expect(everything(e)).not.toContain('canonical');
    expect(e.params).toMatchObject({ status: 401, serverCode: 'APIGW.0301', requestId: 'hdr-req', traceId: 'trace-1', accessKeyId: 'AKID' });
  });
  it.each(['APIG.0301', 'APIC.0301'])('%s is a gateway signature failure too', (code) => {
    expect(map({ status: 401, body: { error_msg: 'verify aksk signature fail', error_code: code } }).code).toBe('iam.bad-key');
  });
  it('unknown AK', () => {
    expect(map({ status: 401, body: gateway('Get secretKey failed') }).code).toBe('iam.bad-key');
  });
  it('clock skew: signature expired', () => {
    const e = map({ status: 401, body: gateway('calc ak sk signature fail:signature expired') });
    expect(e.code).toBe('iam.clock-skew');
    expect(e.hint).toMatch(/date and time/);
  });
  it('AK locked by the gateway', () => {
    expect(map({ status: 401, body: gateway('AK access failed to reach the limit,forbidden.') }).code).toBe('iam.ak-locked');
  });
  it('expired temporary keys', () => {
    expect(map({ status: 401, body: gateway('token expires, expires_at:2026-01-01T00:00:00Z'), auth: 'temporary-keys' }).code).toBe('iam.token-expired');
    expect(map({ status: 401, body: gateway('verify security token fail'), auth: 'temporary-keys' }).code).toBe('iam.token-expired');
  });
  it('expired or unknown IAM token', () => {
    expect(map({ status: 401, body: { error: { code: 401, message: 'The token must be updated.', title: 'Unauthorized' } }, auth: 'token' }).code).toBe('iam.token-expired');
    expect(map({ status: 401, body: gateway('decrypt token fail'), auth: 'token' }).code).toBe('iam.token-expired');
  });
  it('agency not found (404) or not trusted (403 naming trust)', () => {
    const notFound = map({ status: 404, body: { error: { code: 404, message: 'Could not find agency: x.', title: 'Not Found' } }, subject: { agencyName: 'ops', domain: 'acme-prod' } });
    expect(notFound.code).toBe('iam.agency-not-found');
    expect(notFound.message).toContain('"ops"');
    expect(notFound.message).toContain('"acme-prod"');
    expect(map({ status: 403, body: { error: { code: 403, message: 'The agency ops does not trust the caller.', title: 'Forbidden' } } }).code).toBe('iam.agency-not-found');
  });
  it('no permission: Agent Operator', () => {
    const e = map({ status: 403, body: { error: { code: 403, message: 'You are not authorized to perform the requested action: identity:assume_role.', title: 'Forbidden' } } });
    expect(e.code).toBe('iam.forbidden');
    expect(e.hint).toContain('Agent Operator');
  });
  it('no permission to manage keys (IAM style)', () => {
    const e = map({ status: 403, body: { error_code: 'IAM.0003', error_msg: "Policy doesn't allow iam:credentials:createCredential to be performed." }, operation: 'create-access-key' });
    expect(e.code).toBe('iam.forbidden');
    expect(e.message).toMatch(/access keys/);
  });
  it('v5 not authorised, with an encoded explanation', () => {
    const e = map({ status: 403, body: { error_code: 'STS.0403', error_msg: 'User: x is not authorized to perform: sts:agencies:assume', request_id: 'r', encoded_authorization_message: 'zz' }, operation: 'assume-agency-v5' });
    expect(e.code).toBe('iam.forbidden');
    expect(e.params.requestId).toBe('r');
  });
  it('MFA required and MFA wrong, told apart by whether a code was sent', () => {
    const body = { error: { code: 401, message: 'The verification code of the MFA device is required.', title: 'Unauthorized' } };
    expect(map({ status: 401, body, auth: 'password', operation: 'token-from-password', sentPasscode: false }).code).toBe('iam.mfa-required');
    const wrong = { error: { code: 401, message: 'The MFA verification code is incorrect.', title: 'Unauthorized' } };
    expect(map({ status: 401, body: wrong, auth: 'password', operation: 'token-from-password', sentPasscode: true }).code).toBe('iam.mfa-wrong');
  });
  it('wrong password', () => {
    const e = map({ status: 401, body: { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } }, auth: 'password', operation: 'token-from-password' });
    expect(e.code).toBe('iam.bad-password');
  });
  it('key limit: the hybrid akSkNumExceed body', () => {
    const e = map({ status: 400, body: { error: { message: 'akSkNumExceed', code: 400, title: 'Bad Request', error_msg: null, error_code: null } }, operation: 'create-access-key' });
    expect(e.code).toBe('iam.key-limit');
    expect(e.message).toContain('two access keys');
  });
  it('throttled: 429 or the gateway throttling code', () => {
    expect(map({ status: 429, body: undefined }).code).toBe('iam.throttled');
    expect(map({ status: 403, body: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' } }).code).toBe('iam.throttled');
  });
  it('server errors', () => {
    expect(map({ status: 500, body: undefined }).code).toBe('iam.server');
    expect(map({ status: 503, body: { error: { code: 503, message: 'x', title: 'Service Unavailable' } } }).message).toContain('503');
  });
  it('invalid parameters: a short safe server message and a duration hint', () => {
    const e = map({ status: 400, body: { error_code: 'IAM.0007', error_msg: 'Request parameter duration_seconds is invalid.' } });
    expect(e.code).toBe('iam.bad-request');
    expect(e.message).toContain('IAM.0007');
    expect(e.params.serverMessage).toBe('Request parameter duration_seconds is invalid.');
    expect(e.hint).toMatch(/shorter duration/);
  });
  it('unexpected statuses', () => {
    expect(map({ status: 302, body: undefined }).code).toBe('iam.bad-response');
    expect(map({ status: 404, body: undefined, operation: 'delete-access-key' }).code).toBe('iam.not-found');
  });
});

describe('redactServerMessage', () => {
  it('drops messages quoting a request and cuts token-like runs', () => {
    expect(redactServerMessage(`verify aksk signature fail, POST|/|x-security-token:${SECURITY_TOKEN}`)).toBeUndefined();
    expect(redactServerMessage(`bad id ${SK} here`)).toBe('bad id […] here');
    expect(redactServerMessage('x'.repeat(10) + ' y'.repeat(200))?.length).toBeLessThanOrEqual(160);
  });
});

describe('network failures', () => {
  const undiciError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }) });

  it('reads undici causes and Electron net:: messages', () => {
    expect(networkReason(undiciError('ECONNREFUSED'))).toEqual({ code: 'ECONNREFUSED', tls: false, notSent: true });
    expect(networkReason(undiciError('ECONNRESET'))).toEqual({ code: 'ECONNRESET', tls: false, notSent: false });
    expect(networkReason(undiciError('UND_ERR_SOCKET'))).toMatchObject({ code: 'UND_ERR_SOCKET', notSent: false });
    expect(networkReason(new Error('net::ERR_CERT_AUTHORITY_INVALID'))).toMatchObject({ code: 'ERR_CERT_AUTHORITY_INVALID', tls: true });
    expect(networkReason(new Error('net::ERR_NAME_NOT_RESOLVED'))).toMatchObject({ code: 'ERR_NAME_NOT_RESOLVED', notSent: true });
    expect(networkReason(new AggregateError([Object.assign(new Error('x'), { code: 'ENETUNREACH' })]))).toMatchObject({ code: 'ENETUNREACH' });
    expect(networkReason('weird')).toMatchObject({ code: 'NETWORK_ERROR' });
  });
  it.each(['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'SELF_SIGNED_CERT_IN_CHAIN', 'ERR_SSL_WRONG_VERSION_NUMBER'])(
    '%s is a TLS failure',
    (code) => {
      const e = errorFromNetwork(undiciError(code), { host: 'iam.example.com', timedOut: false, timeoutMs: 1000, operation: 'assume-agency' });
      expect(e.code).toBe('iam.tls');
      expect(e.params).toMatchObject({ host: 'iam.example.com', reason: code });
    },
  );
  it('unreachable and timeout, without the error text', () => {
    const e = errorFromNetwork(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`secret ${SK}`), { code: 'ECONNREFUSED' }) }), {
      host: 'iam.example.com',
      timedOut: false,
      timeoutMs: 1000,
      operation: 'assume-agency',
    });
    expect(e.code).toBe('iam.unreachable');
    expect(everything(e)).not.toContain(SK);
    const t = errorFromNetwork(new DOMException('aborted', 'AbortError'), { host: 'iam.example.com', timedOut: true, timeoutMs: 2500, operation: 'assume-agency' });
    expect(t.code).toBe('iam.timeout');
    expect(t.message).toContain('2.5 s');
  });
});
