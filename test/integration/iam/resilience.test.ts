import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthFailureGuard, type IamClient, type KeySource } from '../../../main/core/iam';
import type { IamEmulator } from '../../support/iam-emulator/server';
import { clientFor, expectNoSecrets, failure, seeded, ShiftableClock, startEmulator } from './helpers';

let emulator: IamEmulator;
let clock: ShiftableClock;
let client: IamClient;
let alice: KeySource;

beforeAll(async () => {
  clock = new ShiftableClock();
  emulator = await startEmulator(clock);
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  client = clientFor(emulator, clock);
  alice = seeded(emulator, 'alice').key;
});

const toProd = { domainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 900 };

describe('retries', () => {
  it('three 503s then success = 4 calls', async () => {
    emulator.inject('securitytokens', { kind: 'status', status: 503 }, { times: 3 });
    await expect(client.assumeAgency(alice, toProd)).resolves.toHaveProperty('accessKeyId');
    expect(emulator.calls.map((c) => c.status)).toEqual([503, 503, 503, 201]);
  });

  it('503 every time: gives up after 4 calls with a server error', async () => {
    emulator.inject('securitytokens', { kind: 'status', status: 503 });
    const e = await failure(client.assumeAgency(alice, toProd));
    expect(e.code).toBe('iam.server');
    expect(e.params.status).toBe(503);
    expect(emulator.calls).toHaveLength(4);
  });

  it('one signature failure = 1 call, and the message gives nothing away', async () => {
    const wrong = { ...alice, secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret00' };
    const e = await failure(client.assumeAgency(wrong, toProd));
    expect(e.code).toBe('iam.bad-key');
    expect(emulator.calls).toHaveLength(1);
    expect(emulator.calls[0]).toMatchObject({ status: 401, accessKeyId: alice.accessKeyId });
    expectNoSecrets(e, [wrong.secretAccessKey, alice.secretAccessKey]);
  });

  it('a signature failure on temporary keys never echoes their security token', async () => {
    const temp = await client.assumeAgency(alice, { ...toProd, durationSeconds: 3600 });
    const e = await failure(client.callerIdentity({ type: 'keys', accessKeyId: temp.accessKeyId, secretAccessKey: 'x'.repeat(40), securityToken: temp.securityToken }));
    expect(e.code).toBe('iam.bad-key');
    expectNoSecrets(e, [temp.securityToken, temp.secretAccessKey]);
  });

  it('429 with Retry-After: waits that long, then succeeds', async () => {
    emulator.inject('securitytokens', { kind: 'status', status: 429, retryAfter: 1 }, { times: 1 });
    const started = Date.now();
    await client.assumeAgency(alice, toProd);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(emulator.calls.map((c) => c.status)).toEqual([429, 201]);
  });

  it('429 asking for longer than the deadline: reported at once as throttling', async () => {
    emulator.inject('securitytokens', { kind: 'status', status: 429, retryAfter: 120 });
    const started = Date.now();
    const e = await failure(client.assumeAgency(alice, toProd));
    expect(e.code).toBe('iam.throttled');
    expect(emulator.calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('creating a key is not repeated after a 503 (its answer may have been lost)', async () => {
    emulator.inject('credentials.create', { kind: 'status', status: 503 });
    const user = seeded(emulator, 'alice').user;
    expect((await failure(client.createAccessKey(alice, { userId: user.id }))).code).toBe('iam.server');
    expect(emulator.calls).toHaveLength(1);
  });

  it('a delete whose answer was lost: the retry finds the key gone (404) and reports success', async () => {
    const ops = seeded(emulator, 'ops-admin');
    const created = await client.createAccessKey(ops.key, { userId: ops.user.id });
    emulator.resetCalls();
    emulator.inject('credentials.delete', { kind: 'drop-answer' }, { times: 1 });
    await client.deleteAccessKey(ops.key, created.accessKeyId);
    expect(emulator.state.permanentKeys.has(created.accessKeyId)).toBe(false);
    expect(emulator.calls.map((c) => [c.outcome, c.status])).toEqual([
      ['reset', null],
      ['answered', 404],
    ]);
  });

  it('a 404 on the first delete attempt is still an error', async () => {
    expect((await failure(client.deleteAccessKey(alice, 'NOSUCHKEY00000000000'))).code).toBe('iam.not-found');
    expect(emulator.calls).toHaveLength(1);
  });
});

describe('timeouts and broken answers', () => {
  it('a call that never answers is abandoned after the timeout and retried', async () => {
    emulator.inject('securitytokens', { kind: 'timeout' }, { times: 1 });
    const quick = clientFor(emulator, clock, { timeoutMs: 200 });
    await expect(quick.assumeAgency(alice, toProd)).resolves.toHaveProperty('accessKeyId');
    expect(emulator.calls.map((c) => c.outcome)).toEqual(['timeout', 'answered']);
  });

  it('never answering at all ends in iam.timeout after the attempts', async () => {
    emulator.inject('securitytokens', { kind: 'timeout' });
    const quick = clientFor(emulator, clock, { timeoutMs: 150 });
    const e = await failure(quick.assumeAgency(alice, toProd));
    expect(e.code).toBe('iam.timeout');
    expect(e.params).toMatchObject({ timeoutMs: 150 });
    expect(emulator.calls).toHaveLength(4);
  });

  it('slow but within the timeout is fine', async () => {
    emulator.inject('securitytokens', { kind: 'latency', ms: 100 }, { times: 1 });
    await expect(clientFor(emulator, clock, { timeoutMs: 1_000 }).assumeAgency(alice, toProd)).resolves.toHaveProperty('accessKeyId');
    expect(emulator.calls).toHaveLength(1);
  });

  it('malformed JSON: iam.bad-response, not retried', async () => {
    emulator.inject('securitytokens', { kind: 'malformed-json', status: 201 }, { times: 1 });
    const e = await failure(client.assumeAgency(alice, toProd));
    expect(e.code).toBe('iam.bad-response');
    expect(emulator.calls).toHaveLength(1);
  });

  it('valid JSON of the wrong shape: iam.bad-response naming the fields', async () => {
    emulator.inject('securitytokens', { kind: 'status', status: 201, body: { credential: { access: 'AK', secret: 'SK', expires_at: 'tomorrow' } } }, { times: 1 });
    const e = await failure(client.assumeAgency(alice, toProd));
    expect(e.code).toBe('iam.bad-response');
    expect(e.params.fields).toBe('credential.securitytoken, credential.expires_at');
  });

  it('connection reset: retried, then succeeds', async () => {
    emulator.inject('securitytokens', { kind: 'reset' }, { times: 1 });
    await expect(client.assumeAgency(alice, toProd)).resolves.toHaveProperty('accessKeyId');
    expect(emulator.calls.map((c) => c.outcome)).toEqual(['reset', 'answered']);
  });

  it('connection reset every time: iam.unreachable after 4 calls', async () => {
    emulator.inject('securitytokens', { kind: 'reset' });
    const e = await failure(client.assumeAgency(alice, toProd));
    expect(e.code).toBe('iam.unreachable');
    expect(String(e.params.reason)).toMatch(/^(ECONNRESET|UND_ERR_SOCKET|EPIPE)$/);
    expect(emulator.calls).toHaveLength(4);
  });

  it('nothing listening: iam.unreachable (ECONNREFUSED)', async () => {
    const port = await freePort();
    const c = clientFor(emulator, clock, { iamEndpoint: `http://127.0.0.1:${port}`, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, deadlineMs: 5_000 } });
    const e = await failure(c.assumeAgency(alice, toProd));
    expect(e.code).toBe('iam.unreachable');
    expect(e.params).toMatchObject({ reason: 'ECONNREFUSED', host: `127.0.0.1:${port}` });
  });

  it('TLS failure: https to a plain HTTP port, not retried', async () => {
    const c = clientFor(emulator, clock, { iamEndpoint: emulator.url.replace('http:', 'https:') });
    const e = await failure(c.assumeAgency(alice, toProd));
    expect(e.code).toBe('iam.tls');
    expect(emulator.calls.filter((x) => x.route === 'securitytokens')).toHaveLength(0);
  });
});

describe('clock skew', () => {
  it('a clock 20 minutes fast gets "check the system clock", in one call', async () => {
    const skewed = new ShiftableClock();
    skewed.shift(20 * 60_000);
    const e = await failure(clientFor(emulator, skewed).assumeAgency(alice, toProd));
    expect(e.code).toBe('iam.clock-skew');
    expect(e.message).toMatch(/clock/);
    expect(e.hint).toMatch(/date and time/);
    expect(emulator.calls).toHaveLength(1);
  });

  it('14 minutes off is still accepted', async () => {
    const skewed = new ShiftableClock();
    skewed.shift(-14 * 60_000);
    await expect(clientFor(emulator, skewed).assumeAgency(alice, toProd)).resolves.toHaveProperty('accessKeyId');
  });
});

describe('AK lock-out', () => {
  it('5 bad signatures, then the 6th is refused locally with zero calls; 5 minutes later it works again', async () => {
    const guard = new AuthFailureGuard();
    const c = clientFor(emulator, clock, { authGuard: guard });
    const wrong = { ...alice, secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret00' };
    for (let i = 1; i <= 5; i++) {
      const e = await failure(c.assumeAgency(wrong, toProd));
      expect(e.code).toBe('iam.bad-key');
      expect(emulator.calls).toHaveLength(i);
    }
    const sixth = await failure(c.assumeAgency(alice, toProd));
    expect(sixth.code).toBe('iam.ak-locked');
    expect(sixth.params).toMatchObject({ accessKeyId: alice.accessKeyId, local: true });
    expect(emulator.calls).toHaveLength(5);

    // Another process without our count: the emulator has locked the AK too, even for a good signature.
    const other = clientFor(emulator, clock, { authGuard: new AuthFailureGuard() });
    const serverSide = await failure(other.assumeAgency(alice, toProd));
    expect(serverSide.code).toBe('iam.ak-locked');
    expect(serverSide.params.local).toBeUndefined();
    expect(emulator.calls).toHaveLength(6);

    clock.shift(5 * 60_000 + 1_000);
    await expect(c.assumeAgency(alice, toProd)).resolves.toHaveProperty('accessKeyId');
    expect(emulator.calls).toHaveLength(7);
  });

  it('a good call in between resets the count', async () => {
    const c = clientFor(emulator, clock, { authGuard: new AuthFailureGuard() });
    const wrong = { ...alice, secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret00' };
    for (let i = 0; i < 4; i++) await failure(c.assumeAgency(wrong, toProd));
    await c.assumeAgency(alice, toProd);
    for (let i = 0; i < 4; i++) await failure(c.assumeAgency(wrong, toProd));
    await expect(c.assumeAgency(alice, toProd)).resolves.toHaveProperty('accessKeyId');
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
