import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../main/core/errors';
import { statusForError } from '../../../main/core/helper/error-status';

describe('AkvaultError → HTTP status', () => {
  it.each<[ErrorCode, number]>([
    ['profile.not-found', 404],
    ['validation', 400],
    ['session.expired', 409],
    ['session.mfa-cancelled', 409],
    ['iam.mfa-required', 409],
    ['iam.bad-key', 409],
    ['iam.forbidden', 409],
    ['iam.agency-not-found', 409],
    ['profile.unsupported-kind', 409],
    ['keychain.missing-secret', 409],
    ['iam.unreachable', 502],
    ['iam.server', 502],
    ['iam.bad-response', 502],
    ['iam.timeout', 504],
    ['iam.throttled', 503],
    ['iam.ak-locked', 503],
    ['keychain.locked', 503],
    ['keychain.unavailable', 503],
    ['store.locked', 503],
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
});
