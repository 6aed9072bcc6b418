import { describe, expect, it } from 'vitest';
import { baseName, sanitizeNamePart, uniqueName } from '../../../../main/core/profiles/names';
import { checkName } from '../../../../main/core/profiles/validation';

describe('profile names for imports', () => {
  it('makes a usable name from a user name, the user ID or the AK', () => {
    expect(baseName({ userName: 'alice', accessKeyId: 'AK' })).toBe('alice');
    expect(baseName({ userName: 'José García (ops)', accessKeyId: 'AK' })).toBe('Jose-Garcia-ops');
    expect(baseName({ userName: '张三', userId: 'u-123', accessKeyId: 'AK' })).toBe('u-123');
    expect(baseName({ accessKeyId: 'QTWAOYTTINDUT2QVKYUC' })).toBe('QTWAOYTTINDUT2QVKYUC');
    expect(baseName({ prefix: 'work', userName: 'alice', accessKeyId: 'AK' })).toBe('work-alice');
    expect(baseName({ prefix: 'work_', userName: 'alice', accessKeyId: 'AK' })).toBe('work_alice');
    expect(sanitizeNamePart('..--x--..')).toBe('x');
  });

  it('keeps names within 64 characters, suffix included', () => {
    const long = baseName({ prefix: 'p', userName: 'u'.repeat(100), accessKeyId: 'AK' });
    expect(long).toHaveLength(64);
    const next = uniqueName(long, [long]);
    expect(next).toHaveLength(64);
    expect(next.endsWith('-2')).toBe(true);
    expect(checkName(next)).toBeUndefined();
  });

  it('de-duplicates case-insensitively', () => {
    expect(uniqueName('alice', [])).toBe('alice');
    expect(uniqueName('alice', ['ALICE'])).toBe('alice-2');
    expect(uniqueName('alice', ['alice', 'alice-2', 'Alice-3'])).toBe('alice-4');
  });
});
