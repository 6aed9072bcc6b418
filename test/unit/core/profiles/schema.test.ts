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
    expect(problems(file([{ ...ak('x'), kind: 'password' }]))).toMatch(/profile "x" \(profiles\[0\]\): field "kind": unknown kind \(expected access-key or temporary-key\)/);
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
