import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../../../main/core/profiles/file-errors';
import { migrate, type Upgrade } from '../../../../main/core/profiles/migrations';
import { CURRENT_SCHEMA_VERSION, profilesFileSchema } from '../../../../main/core/profiles/schema';

const now = '2026-11-22T09:00:00.000Z';
const ak = (name: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  name,
  kind: 'access-key',
  accessKeyId: 'QTWAOYTTINDUT2QVKYUC',
  createdAt: now,
  updatedAt: now,
  ...extra,
});
const file = (profiles: unknown[], defaultProfile: string | null = null) => ({ schemaVersion: 1, defaultProfile, profiles });

function problems(doc: unknown): string {
  const r = profilesFileSchema.safeParse(doc);
  if (r.success) throw new Error('expected the file to be rejected');
  return describeIssues(r.error.issues, doc, 10);
}

describe('profiles file schema', () => {
  it('accepts access-key and temporary-key profiles with optional fields', () => {
    const doc = file(
      [
        ak('prod', { region: 'cn-north-4', projectId: '0a1b2c', domainName: 'acme', iamEndpoint: 'https://iam.cn-north-4.myhuaweicloud.com', color: '#3366cc' }),
        { ...ak('tmp'), kind: 'temporary-key', expiresAt: '2026-11-22T10:00:00Z' },
      ],
      'prod',
    );
    const parsed = profilesFileSchema.parse(doc);
    expect(parsed.profiles.map((p) => p.kind)).toEqual(['access-key', 'temporary-key']);
    expect(CURRENT_SCHEMA_VERSION).toBe(1);
  });

  it('rejects an unknown field and names the profile and the field, never the value', () => {
    const msg = problems(file([ak('prod', { secretAccessKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' })]));
    expect(msg).toContain('profile "prod" (profiles[0])');
    expect(msg).toContain('unknown field "secretAccessKey"');
    expect(msg).not.toContain('MFyfvK41');
  });

  it('rejects unknown top-level fields and unknown kinds', () => {
    expect(problems({ ...file([]), extra: 1 })).toContain('unknown field "extra"');
    expect(problems(file([{ ...ak('x'), kind: 'password' }]))).toMatch(/profile "x" \(profiles\[0\]\): field "kind": unknown kind \(expected access-key or temporary-key or token or account or ecs-agency or agency\)/);
  });

  it('names missing and malformed fields', () => {
    const msg = problems(file([{ ...ak('tmp'), kind: 'temporary-key' }, ak('bad name!'), ak('r', { region: 'CN North 4' })]));
    expect(msg).toContain('profile "tmp" (profiles[0]): field "expiresAt" is missing');
    expect(msg).toContain('profiles[1]: field "name"');
    expect(msg).toContain('profile "r" (profiles[2]): field "region"');
  });

  it('rejects plain http IAM endpoints except to this machine', () => {
    expect(profilesFileSchema.safeParse(file([ak('a', { iamEndpoint: 'http://127.0.0.1:8443' })])).success).toBe(true);
    expect(problems(file([ak('a', { iamEndpoint: 'http://iam.example.com' })]))).toContain('field "iamEndpoint"');
  });

  it('rejects duplicate names (case-insensitively), duplicate ids and a default that names no profile', () => {
    const a = ak('prod');
    expect(problems(file([a, ak('PROD')]))).toContain('duplicate name');
    expect(problems(file([a, { ...ak('other'), id: a.id }]))).toContain('duplicate id');
    expect(problems(file([a], 'nope'))).toContain('field "defaultProfile": names no profile');
  });
});

describe('migrate', () => {
  const upgrades: Record<number, Upgrade> = {
    1: (d) => ({ ...d, renamed: d.old, old: undefined }),
    2: (d) => ({ ...d, added: true }),
  };

  it('applies each upgrade in order up to the current version', () => {
    const r = migrate({ schemaVersion: 1, old: 'x' }, { file: 'f.json', upgrades, current: 3 });
    expect(r.fromVersion).toBe(1);
    expect(r.doc).toMatchObject({ schemaVersion: 3, renamed: 'x', added: true });
  });

  it('leaves a current document alone', () => {
    const doc = { schemaVersion: 1, profiles: [] };
    expect(migrate(doc, { file: 'f.json' }).doc).toEqual(doc);
  });

  it('refuses a newer version with store.unsupported-version', () => {
    expect(() => migrate({ schemaVersion: 9 }, { file: 'f.json' })).toThrow(expect.objectContaining({ code: 'store.unsupported-version' }));
  });

  it('calls a document without a usable version corrupt', () => {
    for (const doc of [[], 'x', null, {}, { schemaVersion: '1' }, { schemaVersion: 0 }, { schemaVersion: 1.5 }]) {
      expect(() => migrate(doc, { file: 'f.json' })).toThrow(expect.objectContaining({ code: 'store.corrupt' }));
    }
  });

  it('fails loudly when an upgrade step is missing', () => {
    expect(() => migrate({ schemaVersion: 1 }, { file: 'f.json', upgrades: {}, current: 2 })).toThrow(expect.objectContaining({ code: 'internal' }));
  });
});

describe('profiles file schema: token, account, ecs-agency and agency kinds', () => {
  const base = (name: string, kind: string, extra: Record<string, unknown>) => ({ id: randomUUID(), name, kind, createdAt: now, updatedAt: now, ...extra });
  const source = ak('src');
  const agency = (extra: Record<string, unknown> = {}) =>
    base('ag', 'agency', { sourceId: source.id, agencyDomainName: 'acme', agencyName: 'admin', durationSeconds: 3600, ...extra });
  const policy = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['obs:object:*'], Condition: { StringEquals: { 'obs:prefix': ['public'] } } }] };

  it('accepts every kind with its optional fields, and the new shared fields', () => {
    const doc = file([
      ak('k', { refreshMarginSeconds: 2700, toolFiles: { sdkCredentials: true, koocli: false } }),
      base('tok', 'token', { expiresAt: '2026-11-23T09:00:00Z', durationSeconds: 900 }),
      base('acct', 'account', { domainName: 'acme', userName: 'alice', mfaUserId: '0b1c2d', durationSeconds: 86400 }),
      base('ecs', 'ecs-agency', { metadataUrl: 'http://169.254.169.254' }),
      base('ecs2', 'ecs-agency', {}),
      source,
      agency({ sessionUserName: 'alice-laptop', policy, api: 'v3', stsEndpoint: 'https://sts.cn-north-4.myhuaweicloud.com' }),
      { ...agency({ agencyDomainName: undefined, agencyDomainId: 'd-0123', api: 'v5', stsEndpoint: 'https://sts.example.com' }), name: 'ag5' },
    ]);
    const parsed = profilesFileSchema.parse(doc);
    expect(parsed.profiles.map((p) => p.kind)).toEqual(['access-key', 'token', 'account', 'ecs-agency', 'ecs-agency', 'access-key', 'agency', 'agency']);
  });

  it('names the missing required field of each kind', () => {
    expect(problems(file([base('tok', 'token', {})]))).toContain('profile "tok" (profiles[0]): field "expiresAt" is missing');
    const acct = problems(file([base('acct', 'account', { userName: 'alice' })]));
    expect(acct).toContain('profile "acct" (profiles[0]): field "domainName" is missing');
    const ag = problems(file([base('ag', 'agency', { sourceId: source.id, agencyDomainName: 'acme' })]));
    expect(ag).toContain('field "agencyName" is missing');
    expect(ag).toContain('field "durationSeconds" is missing');
  });

  it('refuses fields of another kind, such as an access key on a token or a secret anywhere', () => {
    expect(problems(file([base('tok', 'token', { expiresAt: now, accessKeyId: 'QTWAOYTTINDUT2QVKYUC' })]))).toContain('unknown field "accessKeyId"');
    expect(problems(file([base('acct', 'account', { domainName: 'a', userName: 'b', password: 'hunter2-hunter2' })]))).toContain('unknown field "password"');
    expect(problems(file([base('ecs', 'ecs-agency', { authToken: 'MIIabc' })]))).not.toContain('MIIabc');
    expect(problems(file([source, agency({ sourceId: source.id, metadataUrl: 'http://x' })]))).toContain('unknown field "metadataUrl"');
  });

  it('enforces ranges: durations 900–86400 whole seconds, refresh margin 120–86400', () => {
    expect(problems(file([base('t', 'token', { expiresAt: now, durationSeconds: 899 })]))).toContain('field "durationSeconds"');
    expect(problems(file([base('t', 'token', { expiresAt: now, durationSeconds: 86401 })]))).toContain('field "durationSeconds"');
    expect(problems(file([base('t', 'token', { expiresAt: now, durationSeconds: 1000.5 })]))).toContain('field "durationSeconds"');
    expect(problems(file([ak('k', { refreshMarginSeconds: 119 })]))).toContain('field "refreshMarginSeconds"');
    expect(problems(file([ak('k', { toolFiles: { terraform: true } })]))).toContain('unknown field "terraform" in "toolFiles"');
  });

  it('requires exactly one delegating account on an agency, and the account ID plus STS endpoint for v5', () => {
    expect(problems(file([source, agency({ agencyDomainId: 'd-1' })]))).toContain('profile "ag" (profiles[1]): field "agencyDomainName": exactly one of agencyDomainName and agencyDomainId');
    expect(problems(file([source, agency({ agencyDomainName: undefined })]))).toContain('field "agencyDomainName": exactly one');
    const v5 = problems(file([source, agency({ api: 'v5' })]));
    expect(v5).toContain('field "agencyDomainId": STS v5 needs the delegating account ID');
    expect(v5).toContain('field "stsEndpoint": STS v5 needs the STS endpoint');
    expect(problems(file([source, agency({ api: 'v4' })]))).toContain('field "api"');
  });

  it('checks the session user name, the policy shape and the endpoints', () => {
    expect(problems(file([source, agency({ sessionUserName: 'al' })]))).toContain('field "sessionUserName"');
    expect(problems(file([source, agency({ policy: { Version: '1.1' } })]))).toContain('field "policy.Statement"');
    expect(problems(file([source, agency({ policy: { ...policy, Extra: 1 } })]))).toContain('unknown field "Extra" in "policy"');
    expect(problems(file([source, agency({ policy: { Version: '1.1', Statement: ['Allow'] } })]))).toContain('field "policy.Statement.0"');
    expect(problems(file([source, agency({ stsEndpoint: 'http://sts.example.com' })]))).toContain('field "stsEndpoint"');
    expect(problems(file([base('e', 'ecs-agency', { metadataUrl: 'ftp://169.254.169.254' })]))).toContain('field "metadataUrl"');
    expect(problems(file([base('e', 'ecs-agency', { metadataUrl: 'http://u:p@169.254.169.254' })]))).toContain('field "metadataUrl"');
  });

  it('loads an agency whose source is gone (a hand edit): the vault and broker report it at use, not the loader', () => {
    expect(profilesFileSchema.safeParse(file([agency({ sourceId: randomUUID() })])).success).toBe(true);
  });
});
