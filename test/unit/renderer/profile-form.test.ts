import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../preload/contract';
import {
  checkProfileForm,
  emptyValues,
  formFieldOf,
  fromLocalInput,
  secretsToSend,
  toLocalInput,
  toProfileInput,
  toProfilePatch,
  valuesFromProfile,
  type ProfileFormValues,
} from '../../../renderer/src/lib/profileForm';

const T = '2026-01-01T00:00:00.000Z';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const base: ProfileView = { id: 'b', name: 'prod-admin', kind: 'access-key', accessKeyId: 'QTWAOYTTINDUT2QVKYUC', createdAt: T, updatedAt: T };
const profiles = [base];
const byId = new Map(profiles.map((p) => [p.id, p]));
const SK = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY1';
const check = (v: ProfileFormValues, secrets = {}, mode: 'add' | 'edit' = 'add', original?: ProfileView) =>
  checkProfileForm(v, secrets, { mode, profiles, byId, now: NOW, ...(original ? { original } : {}) });
const form = (kind: ProfileFormValues['kind'], values: Partial<ProfileFormValues>): ProfileFormValues => ({ ...emptyValues(kind), ...values });
const keys = (issues: object) => Object.fromEntries(Object.entries(issues).map(([k, v]) => [k, (v as { key: string }).key]));

describe('profile form checks (mirroring the core)', () => {
  it('names: required, the pattern, at most 64, unique case-insensitively except the profile itself', () => {
    expect(keys(check(form('ecs-agency', { name: '' })).errors)).toEqual({ name: 'form.error.required' });
    expect(keys(check(form('ecs-agency', { name: 'has space' })).errors)).toEqual({ name: 'form.error.namePattern' });
    expect(keys(check(form('ecs-agency', { name: 'x'.repeat(65) })).errors)).toEqual({ name: 'form.error.tooLong' });
    expect(keys(check(form('ecs-agency', { name: 'PROD-ADMIN' })).errors)).toEqual({ name: 'form.error.nameTaken' });
    expect(check(form('access-key', { name: 'prod-admin', accessKeyId: base.accessKeyId! }), {}, 'edit', base).errors).toEqual({});
  });

  it('access keys: AK and SK required on add, unusual shapes are warnings, whitespace an error', () => {
    const v = form('access-key', { name: 'k', accessKeyId: 'lower-case-ak' });
    expect(keys(check(v).errors)).toEqual({ secretAccessKey: 'form.error.required' });
    expect(keys(check(v, { secretAccessKey: 'short' }).warnings)).toEqual({ accessKeyId: 'form.warning.akShape', secretAccessKey: 'form.warning.skShape' });
    expect(check(v, { secretAccessKey: 'short' }).warnings.secretAccessKey!.params).toEqual({ length: 5 });
    expect(keys(check(v, { secretAccessKey: 'has space in it' }).errors)).toEqual({ secretAccessKey: 'form.error.noSpaces' });
    expect(check(form('access-key', { name: 'k', accessKeyId: 'QTWAOYTTINDUT2QVKYUC' }), { secretAccessKey: SK }).warnings).toEqual({});
    // Editing: an empty secret keeps the stored one.
    expect(check(form('access-key', { name: 'prod-admin', accessKeyId: 'QTWAOYTTINDUT2QVKYUC' }), {}, 'edit', base).errors).toEqual({});
  });

  it('temporary keys: token and expiry required, an expiry in the past is a warning, both halves replaced together', () => {
    const v = form('temporary-key', { name: 't', accessKeyId: 'QTWAOYTTINDUT2QVKYUC' });
    expect(keys(check(v, { secretAccessKey: SK }).errors)).toEqual({ securityToken: 'form.error.required', expiresAt: 'form.error.required' });
    expect(keys(check({ ...v, expiresAt: '2026-01-01T00:00' }, { secretAccessKey: SK, securityToken: 'tok' }).warnings)).toEqual({ expiresAt: 'form.warning.expired' });
    const edit = { ...v, name: 'prod-admin', expiresAt: '2027-01-01T00:00' };
    expect(keys(check(edit, { secretAccessKey: SK }, 'edit', { ...base, kind: 'temporary-key' }).errors)).toEqual({ securityToken: 'form.error.tempPair' });
  });

  it('durations are whole seconds from 900 to 86400', () => {
    const v = (d: string) => form('token', { name: 't', expiresAt: '2026-06-01T13:00', durationSeconds: d });
    expect(keys(check(v('60'), { authToken: 'x' }).errors)).toEqual({ durationSeconds: 'form.error.secondsRange' });
    expect(keys(check(v('90000'), { authToken: 'x' }).errors)).toEqual({ durationSeconds: 'form.error.secondsRange' });
    expect(keys(check(v('1.5'), { authToken: 'x' }).errors)).toEqual({ durationSeconds: 'form.error.wholeSeconds' });
    expect(check(v('900'), { authToken: 'x' }).errors).toEqual({});
    expect(check(v(''), { authToken: 'x' }).errors).toEqual({});
  });

  it('account: account, user and password required; MFA needs the user ID', () => {
    expect(keys(check(form('account', { name: 'a', mfa: true })).errors)).toEqual({
      domainName: 'form.error.required',
      userName: 'form.error.required',
      password: 'form.error.required',
      mfaUserId: 'form.error.mfaUserId',
    });
    expect(keys(check(form('account', { name: 'a', domainName: 'd', userName: 'u' }), { password: ' pw ' }).warnings)).toEqual({ password: 'form.warning.passwordSpaces' });
  });

  it('agency: a source, exactly one delegating account, an agency name; v5 needs the ID and an STS endpoint', () => {
    const v = form('agency', { name: 'ag' });
    expect(keys(check(v).errors)).toEqual({ sourceId: 'form.error.sourceRequired', agencyDomain: 'form.error.delegatingAccount', agencyName: 'form.error.required' });
    const ok = { ...v, sourceId: 'b', agencyDomain: 'acme-ops', agencyName: 'readonly' };
    expect(check(ok).errors).toEqual({});
    expect(keys(check({ ...ok, api: 'v5' }).errors)).toEqual({ agencyDomain: 'form.error.v5NeedsId', stsEndpoint: 'form.error.v5NeedsSts' });
    expect(keys(check({ ...ok, stsEndpoint: 'http://sts.example.com' }).errors)).toEqual({ stsEndpoint: 'form.error.https' });
    expect(check({ ...ok, stsEndpoint: 'http://127.0.0.1:8080' }).errors).toEqual({});
    expect(keys(check({ ...ok, sessionUserName: '1bad' }).errors)).toEqual({ sessionUserName: 'form.error.sessionUser' });
    expect(keys(check({ ...ok, policy: '{"Version":"1.1"}' }).errors)).toEqual({ policy: 'form.error.policyShape' });
    expect(keys(check({ ...ok, policy: '{' }).errors)).toEqual({ policy: 'form.error.policyJson' });
    expect(check({ ...ok, policy: '{"Version":"1.1","Statement":[{"Effect":"Allow"}]}' }).errors).toEqual({});
    expect(keys(check({ ...ok, sourceId: 'nope' }).errors)).toEqual({ sourceId: 'form.error.sourceMissing' });
  });
});

describe('profile form → contract', () => {
  it('an add sends only the kind-relevant, non-empty fields (agency duration defaults to 3600)', () => {
    const v = form('agency', { name: ' ag ', sourceId: 'b', agencyDomainBy: 'id', agencyDomain: 'abc123', agencyName: 'ro', accessKeyId: 'ignored', region: '' });
    expect(toProfileInput(v)).toEqual({ name: 'ag', kind: 'agency', sourceId: 'b', agencyDomainId: 'abc123', agencyName: 'ro', durationSeconds: 3600 });
    const k = form('temporary-key', { name: 'tk', accessKeyId: 'AK', expiresAt: '2026-06-01T14:00', toolFiles: { sdkCredentials: true, koocli: false, obsutil: false } });
    expect(toProfileInput(k)).toEqual({ name: 'tk', kind: 'temporary-key', accessKeyId: 'AK', expiresAt: fromLocalInput('2026-06-01T14:00'), toolFiles: { sdkCredentials: true } });
  });

  it('an edit sends what changed: new values, null for emptied fields, nothing else', () => {
    const original: ProfileView = { ...base, region: 'cn-north-4', description: 'old', toolFiles: { koocli: true } };
    const v = valuesFromProfile(original);
    expect(toProfilePatch(v, original)).toEqual({});
    expect(toProfilePatch({ ...v, description: '', region: 'cn-east-3', name: 'renamed' }, original)).toEqual({ name: 'renamed', description: null, region: 'cn-east-3' });
    expect(toProfilePatch({ ...v, toolFiles: { sdkCredentials: false, koocli: false, obsutil: false } }, original)).toEqual({ toolFiles: null });
  });

  it('secrets: only the typed ones of the kind, passwords as typed, nothing when none', () => {
    expect(secretsToSend('access-key', { secretAccessKey: `  ${SK}\u200B ` })).toEqual({ secretAccessKey: SK });
    expect(secretsToSend('access-key', { password: 'x' })).toBeNull();
    expect(secretsToSend('account', { password: ' p w ' })).toEqual({ password: ' p w ' });
    expect(secretsToSend('agency', {})).toBeNull();
  });

  it('round-trips expiry through the datetime-local field in local time', () => {
    const iso = '2026-06-01T14:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('nonsense')).toBeUndefined();
    expect(toLocalInput(undefined)).toBe('');
  });

  it("maps the core's field names onto the form's", () => {
    expect(formFieldOf('agencyDomainId')).toBe('agencyDomain');
    expect(formFieldOf('secretAccessKey')).toBe('secretAccessKey');
    expect(formFieldOf('kind')).toBeUndefined();
  });
});
