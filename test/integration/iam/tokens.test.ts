import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Clock, systemClock } from '../../../main/core/clock';
import type { IamClient } from '../../../main/core/iam';
import { ManualClock } from '../../support/manual-clock';
import type { IamEmulator } from '../../support/iam-emulator/server';
import { totp } from '../../support/iam-emulator/totp';
import { clientFor, expectNoSecrets, failure, seeded, startEmulator } from './helpers';

// The emulator runs on a manual clock; the client reads the same "now" but waits in real time.
const manual = new ManualClock(Date.UTC(2026, 10, 22, 9, 0, 0));
const clientClock: Clock = { now: () => manual.now(), setTimeout: systemClock.setTimeout, sleep: systemClock.sleep };
let emulator: IamEmulator;
let client: IamClient;

beforeAll(async () => {
  emulator = await startEmulator(manual);
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  client = clientFor(emulator, clientClock);
});

describe('tokenFromPassword', () => {
  it('password only: token from X-Subject-Token, expiry and IDs from the body', async () => {
    const bob = seeded(emulator, 'bob');
    const t = await client.tokenFromPassword({ domainName: 'acme-dev', userName: 'bob', password: bob.user.password }, { project: { name: 'ap-southeast-1' } });
    expect(t.token).toMatch(/^MII/);
    expect(t).toMatchObject({ userId: bob.user.id, userName: 'bob', domainId: bob.domain.id, domainName: 'acme-dev', expiresAt: '2026-11-23T09:00:00.000Z' });
    expect(emulator.calls).toEqual([expect.objectContaining({ route: 'tokens', status: 201, auth: 'none' })]);
  });

  it('wrong password: one call, a clear message, nothing echoed', async () => {
    const e = await failure(client.tokenFromPassword({ domainName: 'acme-dev', userName: 'bob', password: 'guess-1234' }, { domain: { name: 'acme-dev' } }));
    expect(e.code).toBe('iam.bad-password');
    expect(emulator.calls).toHaveLength(1);
    expectNoSecrets(e, ['guess-1234']);
  });

  it('MFA user: code required, wrong code, right code', async () => {
    const alice = seeded(emulator, 'alice');
    const secret = alice.user.totpSecret as string;
    const login = { domainName: 'acme-dev', userName: 'alice', password: alice.user.password };
    const scope = { domain: { name: 'acme-dev' } };

    expect((await failure(client.tokenFromPassword(login, scope))).code).toBe('iam.mfa-required');

    const wrongCode = totp(secret, manual.now() - 10 * 60_000);
    const wrong = await failure(client.tokenFromPassword({ ...login, totp: { userId: alice.user.id, passcode: wrongCode } }, scope));
    expect(wrong.code).toBe('iam.mfa-wrong');
    expectNoSecrets(wrong, [alice.user.password, wrongCode]);

    const t = await client.tokenFromPassword({ ...login, totp: { userId: alice.user.id, passcode: totp(secret, manual.now()) } }, scope);
    expect(t.userId).toBe(alice.user.id);
    expect(emulator.calls.map((c) => c.status)).toEqual([401, 401, 201]);
  });

  it('tokens expire with the emulator clock', async () => {
    const bob = seeded(emulator, 'bob');
    const t = await client.tokenFromPassword({ domainName: 'acme-dev', userName: 'bob', password: bob.user.password }, { domain: { name: 'acme-dev' } });
    manual.jump(24 * 3600_000 + 1_000);
    const e = await failure(client.temporaryKeysFromToken(t.token, 900));
    expect(e.code).toBe('iam.token-expired');
    expectNoSecrets(e, [t.token]);
  });
});
