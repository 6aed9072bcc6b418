import { describe, expect, it } from 'vitest';
import { koocliArgs, koocliArgsLine } from '../../../main/core/handoff/koocli-args';
import { PERMANENT, TEMPORARY } from './fixtures';

describe('KooCLI arguments', () => {
  it('passes region, keys, token, project and account ids as --cli-* options', () => {
    expect(koocliArgs(TEMPORARY)).toEqual([
      '--cli-region=cn-north-4',
      `--cli-access-key=${TEMPORARY.accessKeyId}`,
      `--cli-secret-key=${TEMPORARY.secretAccessKey}`,
      `--cli-security-token=${TEMPORARY.securityToken}`,
      `--cli-project-id=${TEMPORARY.projectId}`,
      `--cli-domain-id=${TEMPORARY.domainId}`,
    ]);
  });

  it('leaves out what the profile lacks (no token means permanent keys to KooCLI)', () => {
    expect(koocliArgs(PERMANENT)).toEqual([`--cli-access-key=${PERMANENT.accessKeyId}`, `--cli-secret-key=${PERMANENT.secretAccessKey}`]);
    expect(() => koocliArgs({ accessKeyId: '', secretAccessKey: '' })).toThrow(/no access key/);
  });

  it('quotes the line for each shell', () => {
    const creds = { ...PERMANENT, region: 'cn-north-4' };
    expect(koocliArgsLine(creds)).toBe(
      `'--cli-region=cn-north-4' '--cli-access-key=${PERMANENT.accessKeyId}' '--cli-secret-key=${PERMANENT.secretAccessKey}'`,
    );
    expect(koocliArgsLine(creds, 'fish')).toBe(koocliArgsLine(creds, 'bash'));
    expect(koocliArgsLine(creds, 'powershell')).toBe(koocliArgsLine(creds, 'bash'));
    expect(koocliArgsLine(creds, 'cmd')).toBe(
      `"--cli-region=cn-north-4" "--cli-access-key=${PERMANENT.accessKeyId}" "--cli-secret-key=${PERMANENT.secretAccessKey}"`,
    );
    expect(koocliArgsLine({ ...creds, securityToken: "to'k" }, 'bash')).toContain("'--cli-security-token=to'\\''k'");
    // A trailing backslash must not escape cmd's closing quote.
    expect(koocliArgsLine({ ...PERMANENT, secretAccessKey: 'sk\\' }, 'cmd')).toContain('"--cli-secret-key=sk\\\\"');
    expect(() => koocliArgsLine({ ...PERMANENT, secretAccessKey: 'SECRET%PATH%' }, 'cmd')).toThrow(/--cli-secret-key/);
    try {
      koocliArgsLine({ ...PERMANENT, secretAccessKey: 'SECRET%PATH%' }, 'cmd');
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('SECRET');
    }
  });
});
