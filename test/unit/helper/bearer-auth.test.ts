import { describe, expect, it } from 'vitest';
import { checkBearer } from '../../../main/core/helper/bearer-auth';
import { digestToken, newToken } from '../../../main/core/helper/helper-token';

describe('bearer check', () => {
  const token = newToken();
  const digest = digestToken(token);

  it.each([`Bearer ${token}`, `bearer ${token}`, `Bearer  ${token} `])('accepts %j', (header) => {
    expect(checkBearer(header, digest)).toBeNull();
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', token, `Basic ${token}`, `Bearer ${token} extra`])('%j is a missing token', (header) => {
    expect(checkBearer(header, digest)).toMatchObject({ status: 401, code: 'auth.missing-token' });
  });

  it('a different token is a wrong token', () => {
    expect(checkBearer(`Bearer ${newToken()}`, digest)).toMatchObject({ status: 401, code: 'auth.wrong-token' });
  });
});
