import { describe, expect, it } from 'vitest';
import { prepareProfile } from '../../../../main/core/profiles/profile-input';
import { profileSchema } from '../../../../main/core/profiles/schema';

const ctx = { id: '3f1f0a0e-8a53-4c1e-9f57-0c1b2d3e4f50', now: Date.UTC(2026, 10, 22, 9) };
const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';

describe('prepareProfile', () => {
  it('cleans pasted values and builds a valid access-key profile', () => {
    const r = prepareProfile(
      { name: ' prod ', kind: 'access-key', accessKeyId: `\uFEFF${AK}\u200B `, region: ' cn-north-4 ', description: '', iamEndpoint: 'https://iam.example.com/' },
      { secretAccessKey: `  ${SK}\u200B\n` },
      ctx,
    );
    expect(r.warnings).toEqual([]);
    expect(r.secrets).toEqual({ secretAccessKey: SK });
    expect(r.profile).toEqual({
      id: ctx.id,
      name: 'prod',
      kind: 'access-key',
      accessKeyId: AK,
      region: 'cn-north-4',
      iamEndpoint: 'https://iam.example.com',
      createdAt: '2026-11-22T09:00:00.000Z',
      updatedAt: '2026-11-22T09:00:00.000Z',
    });
    expect(profileSchema.safeParse(r.profile).success).toBe(true);
    expect(JSON.stringify(r.profile)).not.toContain(SK);
  });

  it('accepts odd key shapes with warnings (partner clouds differ)', () => {
    const r = prepareProfile({ name: 'p', kind: 'access-key', accessKeyId: 'partner-ak-1' }, { secretAccessKey: 'short-sk' }, ctx);
    expect(r.warnings.map((w) => w.code)).toEqual(['ak-shape', 'sk-shape']);
    expect(r.profile.kind).toBe('access-key');
  });

  it('reports every bad field at once, by field name, without the secret', () => {
    const secretWithSpace = 'abc def ghi jkl';
    let err: unknown;
    try {
      prepareProfile(
        { name: 'bad name', kind: 'access-key', accessKeyId: '', region: 'North', iamEndpoint: 'http://iam.example.com' },
        { secretAccessKey: secretWithSpace },
        ctx,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'validation' });
    const message = (err as Error).message;
    for (const field of ['name:', 'accessKeyId:', 'secretAccessKey:', 'region:', 'iamEndpoint:']) expect(message).toContain(field);
    expect(message).not.toContain(secretWithSpace);
  });

  it('builds a temporary-key profile with a normalised expiry and requires the token', () => {
    const r = prepareProfile(
      { name: 't', kind: 'temporary-key', accessKeyId: AK, expiresAt: '2026-11-22T18:00:00+08:00' },
      { secretAccessKey: SK, securityToken: ' tok-en ' },
      ctx,
    );
    expect(r.profile).toMatchObject({ kind: 'temporary-key', expiresAt: '2026-11-22T10:00:00.000Z' });
    expect(r.secrets).toEqual({ secretAccessKey: SK, securityToken: 'tok-en' });
    expect(() => prepareProfile({ name: 't', kind: 'temporary-key', accessKeyId: AK, expiresAt: '2026-11-22T18:00:00Z' }, { secretAccessKey: SK }, ctx)).toThrow(
      /securityToken: a temporary key needs its security token/,
    );
    expect(() => prepareProfile({ name: 't', kind: 'temporary-key', accessKeyId: AK }, { secretAccessKey: SK, securityToken: 'x' }, ctx)).toThrow(/expiresAt/);
    expect(() =>
      prepareProfile({ name: 't', kind: 'temporary-key', accessKeyId: AK, expiresAt: 'next tuesday' }, { secretAccessKey: SK, securityToken: 'x' }, ctx),
    ).toThrow(/expiresAt: expected an ISO-8601 instant/);
  });

  it('warns when a temporary key has already expired', () => {
    const r = prepareProfile(
      { name: 't', kind: 'temporary-key', accessKeyId: AK, expiresAt: '2026-11-22T08:00:00Z' },
      { secretAccessKey: SK, securityToken: 'tok' },
      ctx,
    );
    expect(r.warnings.map((w) => w.code)).toEqual(['expired']);
  });

  it('refuses temporary-key fields on a permanent key', () => {
    expect(() => prepareProfile({ name: 'p', kind: 'access-key', accessKeyId: AK, expiresAt: '2026-11-22T08:00:00Z' }, { secretAccessKey: SK }, ctx)).toThrow(
      /expiresAt: does not apply to access-key profiles \(only temporary-key, token profiles have it\)/,
    );
    expect(() => prepareProfile({ name: 'p', kind: 'access-key', accessKeyId: AK }, { secretAccessKey: SK, securityToken: 'tok' }, ctx)).toThrow(
      /only temporary keys have a security token/,
    );
  });
});
