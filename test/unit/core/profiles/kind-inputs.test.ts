import { describe, expect, it } from 'vitest';
import { isAkvaultError, type AkvaultError } from '../../../../main/core/errors';
import { prepareProfile, type ProfileInput, type ProfileSecrets } from '../../../../main/core/profiles/profile-input';
import { profileSchema } from '../../../../main/core/profiles/schema';

const ctx = { id: '3f1f0a0e-8a53-4c1e-9f57-0c1b2d3e4f50', now: Date.UTC(2026, 10, 22, 9) };
const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const stamp = '2026-11-22T09:00:00.000Z';
const POLICY = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['obs:object:*'] }] };

function refusal(input: Omit<Partial<ProfileInput>, 'kind'> & { kind: string }, secrets: Record<string, unknown> = {}): AkvaultError {
  try {
    prepareProfile({ name: 'p', ...input } as ProfileInput, secrets as ProfileSecrets, ctx);
  } catch (e) {
    if (isAkvaultError(e)) return e;
    throw e;
  }
  throw new Error('expected the input to be refused');
}

/** The fields a refusal names, in order (params.fields). */
const fields = (e: AkvaultError) => String(e.params.fields).split(',');

describe('prepareProfile: token', () => {
  it('builds a token profile; the token goes to secrets, cleaned of paste debris', () => {
    const r = prepareProfile({ name: 'tok', kind: 'token', expiresAt: '2026-11-23T08:00:00+08:00', durationSeconds: 7200 }, { authToken: ' MIIabc\u200B ' }, ctx);
    expect(r.profile).toEqual({ id: ctx.id, name: 'tok', kind: 'token', expiresAt: '2026-11-23T00:00:00.000Z', durationSeconds: 7200, createdAt: stamp, updatedAt: stamp });
    expect(r.secrets).toEqual({ authToken: 'MIIabc' });
    expect(r.warnings).toEqual([]);
    expect(profileSchema.safeParse(r.profile).success).toBe(true);
  });

  it('warns about an expired token and about an expiry beyond the 24 h a token lives', () => {
    expect(prepareProfile({ name: 't', kind: 'token', expiresAt: '2026-11-22T08:00:00Z' }, { authToken: 'MIIabc' }, ctx).warnings.map((w) => w.code)).toEqual(['expired']);
    expect(prepareProfile({ name: 't', kind: 'token', expiresAt: '2026-11-23T10:00:00Z' }, { authToken: 'MIIabc' }, ctx).warnings.map((w) => w.code)).toEqual(['token-lifetime']);
  });

  it('refuses a missing expiry and token, a bad duration and an access key, all at once', () => {
    const e = refusal({ kind: 'token', durationSeconds: 60, accessKeyId: 'QTWAOYTTINDUT2QVKYUC' });
    expect(e.code).toBe('validation');
    expect(fields(e)).toEqual(['accessKeyId', 'expiresAt', 'durationSeconds', 'authToken']);
    expect(e.message).toContain('accessKeyId: does not apply to token profiles (only access-key, temporary-key profiles have it)');
    expect(e.message).toContain('authToken: the IAM token is empty');
  });

  it('refuses a token with a line break inside without quoting it', () => {
    const e = refusal({ kind: 'token', expiresAt: '2026-11-23T00:00:00Z' }, { authToken: 'MIIabc\nsecond-half-of-token' });
    expect(e.message).toContain('authToken: the IAM token contains spaces or line breaks');
    expect(e.message).not.toContain('second-half');
  });
});

describe('prepareProfile: account', () => {
  it('builds an account profile with MFA; the password is kept exactly as typed', () => {
    const r = prepareProfile(
      { name: 'acct', kind: 'account', domainName: ' acme ', userName: 'alice', mfaUserId: '0b1c2d3e', durationSeconds: 900 },
      { password: 'pa ss wörd!' },
      ctx,
    );
    expect(r.profile).toEqual({
      id: ctx.id,
      name: 'acct',
      kind: 'account',
      domainName: 'acme',
      userName: 'alice',
      mfaUserId: '0b1c2d3e',
      durationSeconds: 900,
      createdAt: stamp,
      updatedAt: stamp,
    });
    expect(r.secrets).toEqual({ password: 'pa ss wörd!' });
    expect(r.warnings).toEqual([]);
  });

  it('warns, but keeps, a password with a space at either end', () => {
    const r = prepareProfile({ name: 'a', kind: 'account', domainName: 'acme', userName: 'alice' }, { password: ' secret ' }, ctx);
    expect(r.secrets).toEqual({ password: ' secret ' });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'password-spaces', field: 'password' })]);
    expect(r.warnings[0]!.message).not.toContain('secret ');
  });

  it('requires the account and user names and the password; refuses an SK and a bad MFA user id', () => {
    const e = refusal({ kind: 'account', mfaUserId: 'has space' }, { password: '', secretAccessKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' });
    expect(fields(e)).toEqual(['domainName', 'userName', 'mfaUserId', 'password', 'secretAccessKey']);
    expect(e.message).toContain('secretAccessKey: account profiles have no secret key (only access-key and temporary-key profiles do)');
    expect(e.message).not.toContain('MFyfvK41');
  });

  it('refuses control characters in a password', () => {
    expect(refusal({ kind: 'account', domainName: 'a', userName: 'b' }, { password: 'abc\u0007def' }).message).toContain('password: the password contains line breaks or control characters');
  });
});

describe('prepareProfile: ecs-agency', () => {
  it('builds one with nothing but a name; the metadata URL is optional and may be plain http', () => {
    const r = prepareProfile({ name: 'ecs', kind: 'ecs-agency' }, {}, ctx);
    expect(r.profile).toEqual({ id: ctx.id, name: 'ecs', kind: 'ecs-agency', createdAt: stamp, updatedAt: stamp });
    expect(r.secrets).toEqual({});
    expect(prepareProfile({ name: 'ecs', kind: 'ecs-agency', metadataUrl: 'http://169.254.169.254/' }, {}, ctx).profile).toMatchObject({ metadataUrl: 'http://169.254.169.254' });
  });

  it('refuses a metadata URL with credentials, any secret, and fields of other kinds', () => {
    const e = refusal({ kind: 'ecs-agency', metadataUrl: 'http://u:p@169.254.169.254', durationSeconds: 3600 }, { password: 'hunter2' });
    expect(fields(e)).toEqual(['durationSeconds', 'metadataUrl', 'password']);
    expect(e.message).not.toContain('hunter2');
  });
});

describe('prepareProfile: agency', () => {
  const agency = (extra: Partial<ProfileInput> = {}): ProfileInput => ({ name: 'ag', kind: 'agency', sourceId: SOURCE, agencyDomainName: 'acme', agencyName: 'admin', ...extra });

  it('stores the default duration (3600) explicitly and keeps the optional fields', () => {
    expect(prepareProfile(agency(), {}, ctx).profile).toEqual({
      id: ctx.id,
      name: 'ag',
      kind: 'agency',
      sourceId: SOURCE,
      agencyDomainName: 'acme',
      agencyName: 'admin',
      durationSeconds: 3600,
      createdAt: stamp,
      updatedAt: stamp,
    });
    const full = prepareProfile(
      agency({
        agencyDomainName: undefined,
        agencyDomainId: 'd0123',
        durationSeconds: 43200,
        sessionUserName: 'alice-laptop',
        policy: POLICY,
        api: 'v5',
        stsEndpoint: 'https://sts.cn-north-4.myhuaweicloud.com/',
        region: 'cn-north-4',
        projectId: 'p0123',
        refreshMarginSeconds: 2700,
        toolFiles: { sdkCredentials: true, koocli: false },
      }),
      {},
      ctx,
    ).profile;
    expect(full).toMatchObject({ agencyDomainId: 'd0123', durationSeconds: 43200, api: 'v5', stsEndpoint: 'https://sts.cn-north-4.myhuaweicloud.com', policy: POLICY, toolFiles: { sdkCredentials: true } });
    expect(full).not.toHaveProperty('agencyDomainName');
    expect(profileSchema.safeParse(full).success).toBe(true);
  });

  it('stores a copy of the policy, not the caller’s object', () => {
    const policy = structuredClone(POLICY);
    const { profile } = prepareProfile(agency({ policy }), {}, ctx);
    policy.Statement.push({ Effect: 'Deny', Action: ['*'] });
    expect(profile).toMatchObject({ policy: POLICY });
  });

  it('wants exactly one delegating account', () => {
    expect(fields(refusal({ ...agency(), agencyDomainId: 'd0123' }))).toEqual(['agencyDomainName']);
    expect(refusal({ ...agency(), agencyDomainId: 'd0123' }).message).toContain("give the delegating account's name or its ID, not both");
    expect(refusal({ ...agency(), agencyDomainName: '  ' }).message).toContain("agencyDomainName: an agency needs the delegating account's name or ID");
  });

  it('reports every agency problem at once, by field', () => {
    const e = refusal({
      kind: 'agency',
      sourceId: 'not-a-uuid',
      agencyDomainName: 'acme',
      durationSeconds: 100000,
      sessionUserName: 'x',
      policy: { Version: '1.1' },
      api: 'v4' as 'v3',
      stsEndpoint: 'http://sts.example.com',
      refreshMarginSeconds: 5,
      toolFiles: { terraform: true } as never,
    });
    expect(fields(e)).toEqual(['refreshMarginSeconds', 'toolFiles', 'sourceId', 'agencyName', 'durationSeconds', 'sessionUserName', 'policy', 'api', 'stsEndpoint']);
  });

  it('requires the delegating account ID and the STS endpoint for v5', () => {
    const e = refusal({ ...agency(), api: 'v5' });
    expect(fields(e)).toEqual(['agencyDomainId', 'stsEndpoint']);
  });

  it('has no secrets: any given is refused by name', () => {
    expect(fields(refusal(agency(), { authToken: 'MIIabc' }))).toEqual(['authToken']);
    expect(fields(refusal(agency(), { securityToken: 'tok' }))).toEqual(['securityToken']);
  });
});

describe('prepareProfile: the key kinds keep their secrets and rules', () => {
  it('temporary-key: SK and token; access-key: SK only', () => {
    const AK = 'QTWAOYTTINDUT2QVKYUC';
    const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
    expect(prepareProfile({ name: 't', kind: 'temporary-key', accessKeyId: AK, expiresAt: '2026-11-22T10:00:00Z' }, { secretAccessKey: SK, securityToken: 'tok' }, ctx).secrets).toEqual({
      secretAccessKey: SK,
      securityToken: 'tok',
    });
    expect(fields(refusal({ kind: 'access-key', accessKeyId: AK }, { secretAccessKey: SK, password: 'x' }))).toEqual(['password']);
    expect(fields(refusal({ kind: 'access-key', accessKeyId: AK, mfaUserId: 'u1' }, { secretAccessKey: SK }))).toEqual(['mfaUserId']);
  });

  it('refuses an unknown kind, listing the kinds', () => {
    expect(refusal({ kind: 'password' }).message).toContain('kind: unknown kind (expected access-key, temporary-key, token, account, ecs-agency, agency)');
  });
});
