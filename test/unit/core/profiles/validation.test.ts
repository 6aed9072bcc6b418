import { describe, expect, it } from 'vitest';
import {
  accessKeyAdvisory,
  checkEndpoint,
  checkInstant,
  checkName,
  checkRegion,
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
