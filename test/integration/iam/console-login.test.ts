import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IamClient } from '../../../main/core/iam';
import type { IamEmulator } from '../../support/iam-emulator/server';
import { clientFor, expectNoSecrets, failure, seeded, ShiftableClock, startEmulator } from './helpers';

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

const service = 'https://console.huaweicloud.com/console/?region=ap-southeast-1';

describe('consoleLoginUrl', () => {
  it('gets a login token (X-Subject-LoginToken) and builds the federation URL', async () => {
    const alice = seeded(emulator, 'alice');
    const keys = await client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 3600, sessionUserName: 'alice-laptop' });
    const login = await client.consoleLoginUrl(keys, { service, durationSeconds: 1200, idpLoginUrl: 'https://sso.example.com/' });
    const url = new URL(login.url);
    expect(url.origin + url.pathname).toBe('https://auth.huaweicloud.com/authui/federation/login');
    expect(url.searchParams.get('service')).toBe(service);
    expect(url.searchParams.get('idp_login_url')).toBe('https://sso.example.com/');
    expect(url.searchParams.get('logintoken')).toMatch(/^MII/);
    expect(Date.parse(login.expiresAt) - clock.now()).toBeGreaterThan(1190_000);
    expect(emulator.callsTo('logintokens')).toEqual([expect.objectContaining({ status: 201, accessKeyId: keys.accessKeyId })]);
  });

  it('caps the duration at the keys’ remaining life, on a configurable host', async () => {
    const alice = seeded(emulator, 'alice');
    const keys = await client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 900, sessionUserName: 'alice-laptop' });
    const login = await client.consoleLoginUrl(keys, { service, durationSeconds: 43_200, loginHost: 'https://auth.example.eu' });
    expect(login.url.startsWith('https://auth.example.eu/authui/federation/login?service=')).toBe(true);
    expect(Date.parse(login.expiresAt)).toBeLessThanOrEqual(Date.parse(keys.expiresAt));
  });

  it('keys from an agency switch without a session user cannot log in', async () => {
    const alice = seeded(emulator, 'alice');
    const keys = await client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 3600 });
    const e = await failure(client.consoleLoginUrl(keys, { service }));
    expect(e.code).toBe('iam.bad-request');
    expect(e.hint).toMatch(/session user name/);
    expectNoSecrets(e, [keys.secretAccessKey, keys.securityToken]);
  });

  it('keys about to expire are refused locally', async () => {
    const alice = seeded(emulator, 'alice');
    const keys = await client.assumeAgency(alice.key, { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 900, sessionUserName: 'alice-laptop' });
    clock.shift(400_000);
    emulator.resetCalls();
    expect((await failure(client.consoleLoginUrl(keys, { service }))).code).toBe('session.expired');
    expect(emulator.calls).toHaveLength(0);
  });
});
