import { describe, expect, it } from 'vitest';
import {
  accessKeyAdvisory,
  checkDuration,
  checkEndpoint,
  checkInstant,
  checkMetadataUrl,
  checkName,
  checkPolicy,
  checkRefreshMargin,
  checkRegion,
  checkSessionUserName,
  checkStsEndpoint,
  cleanInput,
  isLoopbackHost,
  secretKeyAdvisory,
} from '../../../../main/core/profiles/validation';

describe('validation primitives', () => {
  it('strips BOM, zero-width characters and surrounding whitespace', () => {
    expect(cleanInput('\uFEFF  QTWA\u200BOYTT\u200DINDUT2QVKYUC \u2060\n')).toBe('QTWAOYTTINDUT2QVKYUC');
  });

  it.each([
    ['prod', true],
    ['dev-cn_north.4', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['', false],
    ['has space', false],
    ['ünïcode', false],
    ['a/b', false],
  ])('name %j usable: %s', (name, ok) => {
    expect(checkName(name) === undefined).toBe(ok);
  });

  it.each([
    ['cn-north-4', true],
    ['ap-southeast-1', true],
    ['eu-west-101', true],
    ['cn-north-9-partner', true],
    ['CN-NORTH-4', false],
    ['cn north 4', false],
    ['cn', false],
    ['-cn-north', false],
  ])('region %j valid: %s', (region, ok) => {
    expect(checkRegion(region) === undefined).toBe(ok);
  });

  it.each([
    ['https://iam.cn-north-4.myhuaweicloud.com', true],
    ['https://iam.example.com:8443/v3', true],
    ['http://127.0.0.1:8080', true],
    ['http://127.9.9.9', true],
    ['http://[::1]:9000', true],
    ['http://localhost:1234', true],
    ['http://iam.example.com', false],
    ['http://127.0.0.1.nip.io', false],
    ['ftp://127.0.0.1', false],
    ['https://user:pw@iam.example.com', false],
    ['https://iam.example.com/?x=1', false],
    ['iam.example.com', false],
  ])('endpoint %j valid: %s', (url, ok) => {
    expect(checkEndpoint(url) === undefined).toBe(ok);
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.256')).toBe(false);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });

  it.each([
    ['2026-05-01T12:00:00Z', true],
    ['2026-05-01T12:00:00.123456Z', true],
    ['2026-05-01T12:00+08:00', true],
    ['2026-05-01T12:00:00', false],
    ['2026-05-01', false],
    ['tomorrow', false],
    ['2026-13-01T12:00:00Z', false],
  ])('instant %j valid: %s', (v, ok) => {
    expect(checkInstant(v) === undefined).toBe(ok);
  });

  it('warns about unusual key shapes without ever echoing the secret', () => {
    expect(accessKeyAdvisory('QTWAOYTTINDUT2QVKYUC')).toBeUndefined();
    expect(accessKeyAdvisory('short')).toMatchObject({ level: 'warning', code: 'ak-shape', field: 'accessKeyId' });
    expect(secretKeyAdvisory('MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc')).toBeUndefined();
    const odd = 'MFyfvK41ba2giqM7Uio6Pzn/dUKGpownRZlmVmHc+x';
    const w = secretKeyAdvisory(odd);
    expect(w).toMatchObject({ level: 'warning', code: 'sk-shape' });
    expect(w!.message).toContain('42 characters');
    expect(w!.message).toContain('other than letters and digits');
    expect(w!.message).not.toContain(odd);
  });
});

describe('validation primitives of the minted kinds', () => {
  it.each([
    [900, true],
    [3600, true],
    [86400, true],
    [899, false],
    [86401, false],
    [1800.5, false],
    ['3600', false],
    [Number.NaN, false],
  ])('duration %j valid: %s', (v, ok) => {
    expect(checkDuration(v) === undefined).toBe(ok);
  });

  it('says the range of a refresh margin', () => {
    expect(checkRefreshMargin(120)).toBeUndefined();
    expect(checkRefreshMargin(86400)).toBeUndefined();
    expect(checkRefreshMargin(60)).toBe('the refresh margin must be between 120 and 86400 seconds (got 60)');
  });

  it.each([
    ['alice', true],
    ['a_b-c1', true],
    ['A'.repeat(32), true],
    ['A'.repeat(33), false],
    ['abcd', false],
    ['1alice', false],
    ['alice.laptop', false],
    ['alice laptop', false],
  ])('session user %j valid: %s', (v, ok) => {
    expect(checkSessionUserName(v) === undefined).toBe(ok);
  });

  it.each([
    ['http://169.254.169.254', true],
    ['https://metadata.internal:8443/base', true],
    ['http://127.0.0.1:9000', true],
    ['ftp://169.254.169.254', false],
    ['http://user:pw@169.254.169.254', false],
    ['http://169.254.169.254/?x=1', false],
    ['169.254.169.254', false],
  ])('metadata URL %j valid: %s', (v, ok) => {
    expect(checkMetadataUrl(v) === undefined).toBe(ok);
  });

  it('holds the STS endpoint to the IAM endpoint rule and names it', () => {
    expect(checkStsEndpoint('https://sts.cn-north-4.myhuaweicloud.com')).toBeUndefined();
    expect(checkStsEndpoint('http://127.0.0.1:8443')).toBeUndefined();
    expect(checkStsEndpoint('http://sts.example.com')).toMatch(/^the STS endpoint must use https:\/\//);
  });

  it('checks the shape of a session policy', () => {
    const ok = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['obs:object:*'], Resource: ['obs:*:*:object:*'] }] };
    expect(checkPolicy(ok)).toBeUndefined();
    expect(checkPolicy({ Version: '1.1', Statement: [] })).toBeUndefined();
    expect(checkPolicy([ok])).toMatch(/must be a JSON object/);
    expect(checkPolicy('{"Version":"1.1"}')).toMatch(/must be a JSON object/);
    expect(checkPolicy({ Statement: [] })).toMatch(/needs a "Version" string/);
    expect(checkPolicy({ Version: 1.1, Statement: [] })).toMatch(/needs a "Version" string/);
    expect(checkPolicy({ Version: '1.1', Statement: {} })).toMatch(/needs a "Statement" array/);
    expect(checkPolicy({ Version: '1.1', Statement: ['Allow'] })).toMatch(/every entry of "Statement" must be a JSON object/);
    expect(checkPolicy({ ...ok, Id: 'x' })).toBe('a policy has only "Version" and "Statement"; remove "Id"');
    expect(checkPolicy({ Version: '1.1', Statement: [{ n: Number.POSITIVE_INFINITY }] })).toMatch(/only JSON values/);
    expect(checkPolicy({ Version: '1.1', Statement: [{ d: new Date(0) }] })).toMatch(/only JSON values/);
  });
});
