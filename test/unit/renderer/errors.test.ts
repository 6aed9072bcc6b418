import { describe, expect, it } from 'vitest';
import { errorViewOf, fieldsOfError } from '../../../renderer/src/lib/errors';
import { translateError } from '../../../renderer/src/i18n/translate';
import { createTranslator } from '../../../i18n';
import { ContractError } from '../../../preload/bridge';
import { stepStates } from '../../../renderer/src/lib/rotation';

describe('errors from main', () => {
  it('reads the view from a ContractError, and wraps anything else', () => {
    const e = new ContractError({ code: 'profile.exists', message: 'A profile named "x" already exists.', params: { name: 'x', reason: 'name' } });
    expect(errorViewOf(e)).toEqual({ code: 'profile.exists', message: 'A profile named "x" already exists.', params: { name: 'x', reason: 'name' } });
    expect(errorViewOf(new Error('boom'))).toEqual({ code: 'unexpected', message: 'boom', params: {} });
  });

  it('translates by code with params, falling back to the English message for unknown codes or missing params', () => {
    const zh = createTranslator('zh-CN');
    expect(translateError(zh, { code: 'profile.not-found', message: 'Profile "x" does not exist.', params: { name: 'x' } })).toBe('配置 x 不存在。');
    expect(translateError(zh, { code: 'iam.unreachable', message: 'IAM cannot be reached.', params: {} })).toBe('无法连接 IAM。');
    expect(translateError(zh, { code: 'brand-new.code', message: 'Something new.', params: {} })).toBe('Something new.');
    expect(translateError(zh, { code: 'profile.not-found', message: 'Profile gone.', params: {} })).toBe('Profile gone.');
  });

  it('maps errors to fields: params.field, validation lists with details, and codes about one field', () => {
    expect(fieldsOfError({ code: 'validation', message: 'x', params: { field: 'userId' } })).toEqual([{ field: 'userId', detail: 'x' }]);
    expect(
      fieldsOfError({ code: 'validation', message: 'Invalid profile: name: the name is empty; region: a region is lower-case.', params: { fields: 'name,region' } }),
    ).toEqual([
      { field: 'name', detail: 'the name is empty' },
      { field: 'region', detail: 'a region is lower-case' },
    ]);
    expect(fieldsOfError({ code: 'profile.exists', message: '', params: { reason: 'access-key' } })).toEqual([{ field: 'accessKeyId' }]);
    expect(fieldsOfError({ code: 'profile.cycle', message: '', params: {} })).toEqual([{ field: 'sourceId' }]);
    expect(fieldsOfError({ code: 'profile.not-found', message: '', params: { name: 'x' } })).toEqual([]);
    expect(fieldsOfError({ code: 'iam.unreachable', message: '', params: {} })).toEqual([]);
  });
});

describe('rotation steps', () => {
  it('marks completed steps, the failed one, and the confirmation the last step waits for', () => {
    expect(stepStates({ stage: 'stored-not-verified', oldKeyStatus: 'active' })).toEqual({
      created: 'complete', stored: 'complete', verified: 'pending', switched: 'pending', deactivated: 'pending', done: 'pending',
    });
    expect(stepStates({ stage: 'stored-not-verified', oldKeyStatus: 'active', error: { code: 'iam.bad-key', message: '', params: {} } }).verified).toBe('failed');
    expect(stepStates({ stage: 'old-deactivated', oldKeyStatus: 'inactive' }).done).toBe('waiting');
    expect(Object.values(stepStates({ stage: 'done', oldKeyStatus: 'deleted' }))).toEqual(Array(6).fill('complete'));
    expect(stepStates({ stage: 'done', oldKeyStatus: 'active' }).deactivated).toBe('skipped');
    expect(stepStates({ stage: 'rolled-back', oldKeyStatus: 'active' }).switched).toBe('skipped');
  });
});
