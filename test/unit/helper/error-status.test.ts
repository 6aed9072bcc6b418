import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../main/core/errors';
import { reasonPhrase, statusForError } from '../../../main/core/helper/error-status';

describe('AkvaultError → HTTP status', () => {
  it.each<[ErrorCode, number]>([
    ['profile.not-found', 404],
    ['validation', 400],
    ['session.expired', 401],
    ['session.mfa-cancelled', 401],
    ['iam.mfa-required', 401],
    ['iam.bad-key', 403],
    ['iam.forbidden', 403],
    ['iam.agency-not-found', 403],
    ['profile.unsupported-kind', 409],
    ['keychain.missing-secret', 409],
    ['iam.unreachable', 502],
    ['iam.server', 502],
    ['iam.bad-response', 502],
    ['iam.timeout', 504],
    ['iam.throttled', 429],
    ['iam.ak-locked', 423],
    ['keychain.locked', 423],
    ['keychain.unavailable', 503],
    ['store.locked', 423],
    ['store.corrupt', 500],
    ['internal', 500],
  ])('%s → %i', (code, status) => {
    expect(statusForError(code)).toBe(status);
  });

  it('falls back by family for codes added later', () => {
    expect(statusForError('iam.something-new' as ErrorCode)).toBe(409);
    expect(statusForError('keychain.something-new' as ErrorCode)).toBe(503);
    expect(statusForError('entirely.new' as ErrorCode)).toBe(500);
  });

  it("names akvault's code in the reason phrase, which is all an SDK exception shows", () => {
    expect(reasonPhrase(423, 'keychain.locked')).toBe('Locked (akvault: keychain.locked)');
    expect(reasonPhrase(504, 'iam.timeout')).toBe('Gateway Timeout (akvault: iam.timeout)');
    expect(reasonPhrase(500, 'x\r\nSet-Cookie: a' as ErrorCode)).toBe('Internal Server Error');
  });
});
