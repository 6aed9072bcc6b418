import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type IamClient, keySourceFrom } from '../../../main/core/iam';
import { totp } from '../../support/iam-emulator/totp';
import type { IamEmulator } from '../../support/iam-emulator/server';
import { clientFor, domainId, expectNoSecrets, failure, seeded, ShiftableClock, startEmulator } from './helpers';

let emulator: IamEmulator;
let clock: ShiftableClock;
let client: IamClient;

beforeAll(async () => {
  clock = new ShiftableClock();
  emulator = await startEmulator(clock);
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  client = clientFor(emulator, clock);
});

describe('assumeAgency (v3 securitytokens, assume_role)', () => {
  it('returns temporary keys signed for by permanent keys, expiring as asked', async () => {
    const alice = seeded(emulator, 'alice');
    const before = clock.now();
    const creds = await client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 3600, sessionUserName: 'alice-laptop' });
    expect(creds.accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
    expect(creds.secretAccessKey).toHaveLength(40);
    // Not capped: longer than a Windows credential item can hold.
    expect(creds.securityToken.length).toBeGreaterThan(2560);
    expect(creds.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(creds.expiresAt) - before).toBeGreaterThanOrEqual(3600_000 - 1);
    expect(Date.parse(creds.expiresAt) - before).toBeLessThan(3600_000 + 5_000);
    expect(emulator.calls).toEqual([expect.objectContaining({ route: 'securitytokens', status: 201, auth: 'aksk', accessKeyId: alice.key.accessKeyId })]);
  });

  it('by account ID as well as by name', async () => {
    const alice = seeded(emulator, 'alice');
    await expect(client.assumeAgency(alice.key, { domainId: domainId(emulator, 'acme-prod'), agencyName: 'dev-admin', durationSeconds: 900 })).resolves.toHaveProperty('securityToken');
  });

  it('with an IAM token instead of keys (X-Auth-Token)', async () => {
    const bob = seeded(emulator, 'bob');
    const token = await client.tokenFromPassword({ domainName: 'acme-dev', userName: 'bob', password: bob.user.password }, { domain: { name: 'acme-dev' } });
    const creds = await client.assumeAgency({ type: 'token', token: token.token }, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 900 });
    expect(creds.accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
    expect(emulator.callsTo('securitytokens')).toEqual([expect.objectContaining({ status: 201, auth: 'token' })]);
  });

  it('chains: temporary keys sign the next switch, security token checked by the emulator', async () => {
    const alice = seeded(emulator, 'alice');
    const first = await client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 3600 });
    const second = await client.assumeAgency(keySourceFrom(first), { domainName: 'acme-dev', agencyName: 'ci-deployer', durationSeconds: 900 });
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(emulator.calls.map((c) => [c.status, c.accessKeyId])).toEqual([
      [201, alice.key.accessKeyId],
      [201, first.accessKeyId],
    ]);
    const me = await client.callerIdentity(keySourceFrom(second));
    expect(me).toMatchObject({ accountId: domainId(emulator, 'acme-dev'), via: 'sts' });
    expect(me.principalUrn).toContain('assumed-agency:ci-deployer');
  });

  it('a temporary key without its own security token is refused, once, without leaking either token', async () => {
    const alice = seeded(emulator, 'alice');
    const a = await client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 3600 });
    const b = await client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 3600 });
    emulator.resetCalls();
    const e = await failure(client.assumeAgency({ ...keySourceFrom(a), securityToken: b.securityToken }, { domainName: 'acme-dev', agencyName: 'ci-deployer', durationSeconds: 900 }));
    expect(e.code).toBe('iam.token-expired');
    expect(emulator.calls).toHaveLength(1);
    expectNoSecrets(e, [a.secretAccessKey, a.securityToken, b.securityToken]);
  });

  it('issued keys stop working when they expire', async () => {
    const alice = seeded(emulator, 'alice');
    const creds = await client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 900 });
    clock.shift(901_000);
    const e = await failure(client.callerIdentity(keySourceFrom(creds)));
    expect(e.code).toBe('iam.token-expired');
    expect(e.message).toMatch(/temporary keys have expired/);
  });

  it('agency not found', async () => {
    const alice = seeded(emulator, 'alice');
    const e = await failure(client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'no-such-agency', durationSeconds: 900 }));
    expect(e.code).toBe('iam.agency-not-found');
    expect(e.message).toContain('"no-such-agency"');
    expect(e.params).toMatchObject({ status: 404, agency: 'no-such-agency', account: 'acme-prod' });
    expect(e.params.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(e.params.traceId).toBeDefined();
  });

  it('agency that does not trust the caller', async () => {
    const bob = seeded(emulator, 'bob');
    const e = await failure(client.assumeAgency(bob.key, { domainName: 'acme-prod', agencyName: 'alice-only-readonly', durationSeconds: 900 }));
    expect(e.code).toBe('iam.agency-not-found');
    expect(e.message).toMatch(/does not trust/);
  });

  it('caller without the Agent Operator role', async () => {
    const carol = seeded(emulator, 'carol');
    const e = await failure(client.assumeAgency(carol.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 900 }));
    expect(e.code).toBe('iam.forbidden');
    expect(e.hint).toContain('Agent Operator');
    expect(emulator.calls).toHaveLength(1);
  });

  it("duration above the agency's maximum", async () => {
    const alice = seeded(emulator, 'alice');
    const e = await failure(client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'alice-only-readonly', durationSeconds: 7200 }));
    expect(e.code).toBe('iam.bad-request');
    expect(e.params.serverCode).toBe('IAM.0007');
    expect(e.hint).toMatch(/shorter duration/);
  });

  it('invalid input is refused before anything is sent', async () => {
    const alice = seeded(emulator, 'alice');
    const e = await failure(client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 60 }));
    expect(e.code).toBe('validation');
    expect(emulator.calls).toHaveLength(0);
  });
});

describe('temporaryKeysFromToken (token method)', () => {
  it('turns a token into temporary keys', async () => {
    const alice = seeded(emulator, 'alice');
    const token = await client.tokenFromPassword(
      { domainName: 'acme-dev', userName: 'alice', password: alice.user.password, totp: { userId: alice.user.id, passcode: totp(alice.user.totpSecret as string, clock.now()) } },
      { project: { name: 'ap-southeast-1' } },
    );
    const creds = await client.temporaryKeysFromToken(token.token, 1800);
    expect(Date.parse(creds.expiresAt) - clock.now()).toBeGreaterThan(1790_000);
    const me = await client.callerIdentity(keySourceFrom(creds));
    expect(me.principalUrn).toBe(`iam::${alice.domain.id}:user:alice`);
  });

  it('a token from the seed works as issued', async () => {
    const seededToken = emulator.seed.tokens[0]!;
    const creds = await client.temporaryKeysFromToken(seededToken.token, 900);
    expect((await client.callerIdentity(keySourceFrom(creds))).principalId).toBe(seededToken.userId);
  });

  it('an unknown token is refused as an invalid token', async () => {
    const e = await failure(client.temporaryKeysFromToken('MIIunknown', 900));
    expect(e.code).toBe('iam.token-expired');
    expectNoSecrets(e, ['MIIunknown']);
  });
});

describe('assumeAgencyV5 (STS v5)', () => {
  it('returns keys; the seconds-precision expiration is read', async () => {
    const alice = seeded(emulator, 'alice');
    const creds = await client.assumeAgencyV5(alice.key, { domainId: domainId(emulator, 'acme-prod'), agencyName: 'dev-admin', sessionName: 'alice-laptop', durationSeconds: 1800 });
    expect(creds.expiresAt).toMatch(/\.000Z$/);
    expect(emulator.callsTo('sts-assume')).toEqual([expect.objectContaining({ status: 200, accessKeyId: alice.key.accessKeyId })]);
    const me = await client.callerIdentity(keySourceFrom(creds));
    expect(me.principalUrn).toBe(`sts::${domainId(emulator, 'acme-prod')}:assumed-agency:dev-admin/alice-laptop`);
  });

  it('not authorised (v5 error shape, encoded message) and not found', async () => {
    const bob = seeded(emulator, 'bob');
    const denied = await failure(client.assumeAgencyV5(bob.key, { domainId: domainId(emulator, 'acme-prod'), agencyName: 'alice-only-readonly', sessionName: 'bob' }));
    expect(denied.code).toBe('iam.forbidden');
    expect(denied.params).toMatchObject({ status: 403, serverCode: 'STS.0403' });
    const missing = await failure(client.assumeAgencyV5(bob.key, { domainId: domainId(emulator, 'acme-prod'), agencyName: 'nope', sessionName: 'bob' }));
    expect(missing.code).toBe('iam.agency-not-found');
  });

  it('needs an STS endpoint', async () => {
    const noSts = clientFor(emulator, clock, { stsEndpoint: undefined });
    const e = await failure(noSts.assumeAgencyV5(seeded(emulator, 'alice').key, { domainId: 'x', agencyName: 'y', sessionName: 'zz' }));
    expect(e.code).toBe('validation');
  });
});
