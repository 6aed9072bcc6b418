import { describe, expect, it } from 'vitest';
import { federationLoginUrl } from '../../../main/core/iam/console-login';
import { assumeAgencyV5Body, assumeRoleBody, passwordBody, tokenMethodBody } from '../../../main/core/iam/request-bodies';

describe('request bodies', () => {
  it('assume_role: the documented shape', () => {
    expect(assumeRoleBody({ domainName: 'IAMDomainA', agencyName: 'IAMAgency', durationSeconds: 3600, sessionUserName: 'SessionUserName', policy: { Version: '1.1', Statement: [] } })).toEqual({
      auth: {
        identity: {
          methods: ['assume_role'],
          assume_role: { agency_name: 'IAMAgency', domain_name: 'IAMDomainA', duration_seconds: 3600, session_user: { name: 'SessionUserName' } },
          policy: { Version: '1.1', Statement: [] },
        },
      },
    });
  });

  it.each([
    [{ agencyName: '', domainName: 'd', durationSeconds: 900 }, 'agencyName'],
    [{ agencyName: 'a', durationSeconds: 900 }, 'domainName'],
    [{ agencyName: 'a', domainName: 'd', durationSeconds: 899 }, 'durationSeconds'],
    [{ agencyName: 'a', domainName: 'd', durationSeconds: 86_401 }, 'durationSeconds'],
    [{ agencyName: 'a', domainName: 'd', durationSeconds: 1000.5 }, 'durationSeconds'],
    [{ agencyName: 'a', domainName: 'd', durationSeconds: 900, sessionUserName: 'ab' }, 'sessionUserName'],
    [{ agencyName: 'a', domainName: 'd', durationSeconds: 900, sessionUserName: '1alice' }, 'sessionUserName'],
  ])('assume_role rejects %j before sending', (req, field) => {
    expect(() => assumeRoleBody(req)).toThrowError(expect.objectContaining({ code: 'validation', params: { field } }));
  });

  it('token method: duration in the body, the token only in the header', () => {
    expect(tokenMethodBody(900)).toEqual({ auth: { identity: { methods: ['token'], token: { duration_seconds: 900 } } } });
  });

  it('password + TOTP writes the literal "totp" method and identifies the MFA user by ID', () => {
    const body = passwordBody({ domainName: 'd', userName: 'u', password: 'p', totp: { userId: 'uid', passcode: '123456' } }, { project: { name: 'cn-north-4' } });
    expect(body).toEqual({
      auth: {
        identity: {
          methods: ['password', 'totp'],
          password: { user: { domain: { name: 'd' }, name: 'u', password: 'p' } },
          totp: { user: { id: 'uid', passcode: '123456' } },
        },
        scope: { project: { name: 'cn-north-4' } },
      },
    });
    expect(() => passwordBody({ domainName: 'd', userName: 'u', password: 'p', totp: { userId: 'uid', passcode: '12345' } }, { domain: { name: 'd' } })).toThrow(/6 digits/);
  });

  it('STS v5: URN from the account ID, chained sessions capped at one hour', () => {
    expect(assumeAgencyV5Body({ domainId: 'd1', agencyName: 'ops', sessionName: 'alice', durationSeconds: 3600 }, true)).toEqual({
      agency_urn: 'iam::d1:agency:ops',
      agency_session_name: 'alice',
      duration_seconds: 3600,
    });
    expect(() => assumeAgencyV5Body({ domainId: 'd1', agencyName: 'ops', sessionName: 'alice', durationSeconds: 7200 }, true)).toThrow(/900 to 3600/);
    expect(() => assumeAgencyV5Body({ domainId: 'd1', agencyName: 'ops', sessionName: 'a b' }, false)).toThrow(/session name/);
    expect(() => assumeAgencyV5Body({ domainId: 'd1', agencyName: 'ops', sessionName: 'ab', policy: '{' }, false)).toThrow(/JSON/);
  });
});

describe('federation login URL', () => {
  it('encodes every value, idp_login_url first when given, host configurable', () => {
    const url = federationLoginUrl({ loginToken: 'a+b/c=', service: 'https://console.huaweicloud.com/apm/?region=cn-north-4#/apm/atps/topology', idpLoginUrl: 'https://idp.example.com/login?x=1' });
    expect(url).toBe(
      'https://auth.huaweicloud.com/authui/federation/login?idp_login_url=https%3A%2F%2Fidp.example.com%2Flogin%3Fx%3D1&service=https%3A%2F%2Fconsole.huaweicloud.com%2Fapm%2F%3Fregion%3Dcn-north-4%23%2Fapm%2Fatps%2Ftopology&logintoken=a%2Bb%2Fc%3D',
    );
    expect(federationLoginUrl({ loginToken: 't', service: 'https://console.example.eu/', loginHost: 'https://auth.example.eu/' })).toBe(
      'https://auth.example.eu/authui/federation/login?service=https%3A%2F%2Fconsole.example.eu%2F&logintoken=t',
    );
  });
  it('refuses non-https hosts and services', () => {
    expect(() => federationLoginUrl({ loginToken: 't', service: 'http://console.example.com/' })).toThrow(/https/);
    expect(() => federationLoginUrl({ loginToken: 't', service: 'https://c/', loginHost: 'not a url' })).toThrow(/URL/);
  });
});
