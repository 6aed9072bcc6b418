import { describe, expect, it } from 'vitest';
import { AkvaultError } from '../../../main/core/errors';
import { envFor, envRecord, HANDOFF_VARIABLE_NAMES, SECRET_VARIABLE_NAMES } from '../../../main/core/handoff/env-vars';
import { PERMANENT, TEMPORARY } from './fixtures';

describe('envFor', () => {
  it('maps temporary keys to every SDK, Terraform, OBS and akvault variable, in order', () => {
    expect(envFor('prod', TEMPORARY)).toEqual([
      { name: 'HUAWEICLOUD_SDK_AK', value: TEMPORARY.accessKeyId },
      { name: 'HUAWEICLOUD_SDK_SK', value: TEMPORARY.secretAccessKey },
      { name: 'HUAWEICLOUD_SDK_SECURITY_TOKEN', value: TEMPORARY.securityToken },
      { name: 'HUAWEICLOUD_SDK_PROJECT_ID', value: TEMPORARY.projectId },
      { name: 'HUAWEICLOUD_SDK_DOMAIN_ID', value: TEMPORARY.domainId },
      { name: 'HUAWEICLOUD_SDK_IAM_ENDPOINT', value: TEMPORARY.iamEndpoint },
      { name: 'HW_ACCESS_KEY', value: TEMPORARY.accessKeyId },
      { name: 'HW_SECRET_KEY', value: TEMPORARY.secretAccessKey },
      { name: 'HW_SECURITY_TOKEN', value: TEMPORARY.securityToken },
      { name: 'HW_REGION_NAME', value: 'cn-north-4' },
      { name: 'HW_PROJECT_ID', value: TEMPORARY.projectId },
      { name: 'HW_DOMAIN_ID', value: TEMPORARY.domainId },
      { name: 'OBS_ACCESS_KEY_ID', value: TEMPORARY.accessKeyId },
      { name: 'OBS_SECRET_ACCESS_KEY', value: TEMPORARY.secretAccessKey },
      { name: 'OBS_SECURITY_TOKEN', value: TEMPORARY.securityToken },
      { name: 'AKVAULT_PROFILE', value: 'prod' },
      { name: 'AKVAULT_EXPIRES_AT', value: TEMPORARY.expiresAt },
    ]);
  });

  it('leaves out variables for values the profile lacks instead of setting them empty', () => {
    const vars = envRecord(envFor('perm', PERMANENT));
    expect(Object.keys(vars)).toEqual([
      'HUAWEICLOUD_SDK_AK',
      'HUAWEICLOUD_SDK_SK',
      'HW_ACCESS_KEY',
      'HW_SECRET_KEY',
      'OBS_ACCESS_KEY_ID',
      'OBS_SECRET_ACCESS_KEY',
      'AKVAULT_PROFILE',
    ]);
    // Empty strings count as absent too.
    const empty = envRecord(envFor('p', { ...PERMANENT, securityToken: '', region: '', iamEndpoint: '' }));
    expect(empty).not.toHaveProperty('HW_SECURITY_TOKEN');
    expect(empty).not.toHaveProperty('HW_REGION_NAME');
    expect(empty).not.toHaveProperty('HUAWEICLOUD_SDK_IAM_ENDPOINT');
  });

  it('sets only names from the exported list, which covers every variable', () => {
    const names = envFor('prod', TEMPORARY).map((v) => v.name);
    expect(names).toEqual([...HANDOFF_VARIABLE_NAMES]);
    for (const s of SECRET_VARIABLE_NAMES) expect(HANDOFF_VARIABLE_NAMES).toContain(s);
    expect(SECRET_VARIABLE_NAMES.has('HW_ACCESS_KEY')).toBe(false);
    expect(SECRET_VARIABLE_NAMES.has('OBS_SECURITY_TOKEN')).toBe(true);
  });

  it('refuses credentials without keys and values no environment can hold, without echoing them', () => {
    expect(() => envFor('p', { accessKeyId: '', secretAccessKey: 'x' })).toThrow(AkvaultError);
    expect(() => envFor('', TEMPORARY)).toThrow(/profile name/);
    const bad = 'tok\0en-SECRET';
    try {
      envFor('p', { ...TEMPORARY, securityToken: bad });
      expect.unreachable();
    } catch (e) {
      expect((e as AkvaultError).code).toBe('validation');
      expect((e as AkvaultError).message).toContain('HUAWEICLOUD_SDK_SECURITY_TOKEN');
      expect(JSON.stringify((e as AkvaultError).toJSON())).not.toContain('SECRET');
    }
  });
});
