/**
 * The pod-identity endpoint as the Huawei Cloud SDKs use it, against the real broker and the IAM
 * emulator on a manual clock: a POST whose Authorization is the token file's exact content, body `{}`,
 * and the SDK's 5-second timeout. Keys come with at least 45 minutes left; while cached keys are valid
 * the answer never waits for IAM (a background refresh renews them); only an empty or expired cache does.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenFile, type TokenFile } from '../../../main/cli/token-file';
import { createHelperServer } from '../../../main/core/helper';
import type { HelperServer } from '../../../main/core/helper';
import { SERVED_MINIMUM_MS } from '../../../main/core/sessions/serve-policy';
import { createBrokerFixture, OPS, sessionSeed, type BrokerFixture } from '../../support/broker-fixture';

const MIN = 60_000;
const seed = sessionSeed({ tokenExpiresAt: '2099-12-31T00:00:00.000000Z' });

interface PodAnswer {
  status: number;
  credentials?: { accessKeyId: string; secretAccessKey: string; securityToken: string; expiration: string };
}

/** What the SDK's PodIdentityAccessor sends: POST, Authorization = token file content, JSON body {}, 5 s timeout. */
async function sdkFetch(uri: string, tokenFile: string): Promise<PodAnswer> {
  const token = readFileSync(tokenFile, 'utf8');
  const res = await fetch(uri, {
    method: 'POST',
    headers: { Authorization: token, 'Content-Type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await res.json()) as { credentials?: PodAnswer['credentials'] };
  return { status: res.status, ...(body.credentials ? { credentials: body.credentials } : {}) };
}

let fx: BrokerFixture | undefined;
let helper: HelperServer | undefined;
let tokenFile: TokenFile | undefined;

afterEach(async () => {
  tokenFile?.remove();
  await helper?.close();
  await fx?.close();
  fx = undefined;
  helper = undefined;
  tokenFile = undefined;
});

async function setUp(durationSeconds = 3600) {
  fx = await createBrokerFixture({ seed });
  await fx.add({ name: 'ops', kind: 'access-key', accessKeyId: OPS.ak, domainId: OPS.domainId }, { secretKey: OPS.sk });
  await fx.add({ name: 'hour', kind: 'agency', sourceId: fx.idOf('ops'), agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds });
  helper = await createHelperServer({ provider: fx.broker, clock: fx.clock });
  const client = helper.addPodIdentityClient('hour', { label: 'python deploy.py' });
  tokenFile = createTokenFile(client.token);
  return { f: fx, uri: client.uri, file: tokenFile.path };
}

/** Polls a condition on real I/O (the emulator receiving a request); gives up after 5 s. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}

const left = (c: PodAnswer['credentials'], now: number) => Date.parse(c!.expiration) - now;

describe('pod identity as the SDKs call it', () => {
  it('the token file holds the token without a trailing newline', async () => {
    const { file } = await setUp();
    expect(readFileSync(file, 'utf8')).not.toMatch(/\s$/);
  });

  it('the first fetch from a one-hour agency has at least 45 minutes left', async () => {
    const { f, uri, file } = await setUp();
    const first = await sdkFetch(uri, file);
    expect(first.status).toBe(200);
    expect(left(first.credentials, f.clock.now())).toBeGreaterThanOrEqual(SERVED_MINIMUM_MS);
  });

  it('with IAM 8 s slow and the cache valid, answers from the cache without waiting, then serves the renewed keys', async () => {
    const { f, uri, file } = await setUp();
    const first = await sdkFetch(uri, file);
    expect(f.emulator.callsTo('securitytokens').map((c) => c.status)).toEqual([201]);

    // 20 minutes on, 40 are left: below the served minimum, still valid.
    await f.clock.advance(20 * MIN);
    f.emulator.inject('securitytokens', { kind: 'latency', ms: 8_000 }, { times: 1 });
    const during = await sdkFetch(uri, file);
    expect(during.status).toBe(200);
    expect(during.credentials!.accessKeyId).toBe(first.credentials!.accessKeyId);
    // The answer came before IAM answered the renewal (it may not even have reached IAM yet): it did not wait.
    expect(f.emulator.callsTo('securitytokens').filter((c) => c.status !== null)).toHaveLength(1);
    await until(() => f.emulator.callsTo('securitytokens').length === 2);

    // Once the background renewal lands, the next fetch gets the new keys, again with >= 45 minutes left.
    await f.broker.settled();
    expect(f.emulator.callsTo('securitytokens').map((c) => c.status)).toEqual([201, 201]);
    const after = await sdkFetch(uri, file);
    expect(after.credentials!.accessKeyId).not.toBe(first.credentials!.accessKeyId);
    expect(left(after.credentials, f.clock.now())).toBeGreaterThanOrEqual(SERVED_MINIMUM_MS);
    expect(f.emulator.callsTo('securitytokens')).toHaveLength(2);
  });

  it('many fetches during one slow renewal start one IAM call, all answered from the cache', async () => {
    const { f, uri, file } = await setUp();
    const first = await sdkFetch(uri, file);
    await f.clock.advance(20 * MIN);
    f.emulator.inject('securitytokens', { kind: 'timeout' }, { times: 1 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => sdkFetch(uri, file)));
    expect(answers.map((a) => a.credentials!.accessKeyId)).toEqual(Array(20).fill(first.credentials!.accessKeyId));
    expect(f.emulator.callsTo('securitytokens')).toHaveLength(2);
  });

  it('a failure the SDK can only show as a status line names akvault\'s code there, and keeps the JSON hint', async () => {
    const { f, uri, file } = await setUp();
    f.emulator.inject('securitytokens', { kind: 'status', status: 403, body: { error_code: 'IAM.0002', error_msg: 'You do not have permission' } });
    const res = await fetch(uri, { method: 'POST', headers: { Authorization: readFileSync(file, 'utf8'), 'Content-Type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(403);
    expect(res.statusText).toBe('Forbidden (akvault: iam.forbidden)');
    const body = (await res.json()) as { error: { code: string; hint?: string } };
    expect(body.error.code).toBe('iam.forbidden');
    expect(body.error.hint).toBeTruthy();
  });

  it('an expired cache waits for IAM (there is nothing valid to answer with)', async () => {
    const { f, uri, file } = await setUp();
    const first = await sdkFetch(uri, file);
    await f.clock.advance(61 * MIN);
    const renewed = await sdkFetch(uri, file);
    expect(renewed.status).toBe(200);
    expect(renewed.credentials!.accessKeyId).not.toBe(first.credentials!.accessKeyId);
    expect(left(renewed.credentials, f.clock.now())).toBeGreaterThanOrEqual(SERVED_MINIMUM_MS);
  });

  it('a failed background renewal keeps serving the valid keys and is not retried on every request', async () => {
    const { f, uri, file } = await setUp();
    const first = await sdkFetch(uri, file);
    await f.clock.advance(20 * MIN);
    f.emulator.inject('securitytokens', { kind: 'status', status: 403, body: { error_code: 'IAM.0002', error_msg: 'forbidden' } });
    expect((await sdkFetch(uri, file)).credentials!.accessKeyId).toBe(first.credentials!.accessKeyId);
    await f.broker.settled();
    expect((await sdkFetch(uri, file)).credentials!.accessKeyId).toBe(first.credentials!.accessKeyId);
    await f.broker.settled();
    expect(f.emulator.callsTo('securitytokens')).toHaveLength(2);
    // After the pause, one more attempt.
    await f.clock.advance(31_000);
    await sdkFetch(uri, file);
    await f.broker.settled();
    expect(f.emulator.callsTo('securitytokens')).toHaveLength(3);
  });

  it('a handoff (env, exec) never gets cached keys under 45 minutes when the duration allows: it mints fresh', async () => {
    const { f } = await setUp();
    const first = await f.broker.getCredentials('hour', { kind: 'cli', command: 'env' });
    await f.clock.advance(20 * MIN);
    const later = await f.broker.getCredentials('hour', { kind: 'cli', command: 'exec python' });
    expect(later.accessKeyId).not.toBe(first.accessKeyId);
    expect(Date.parse(later.expiresAt!) - f.clock.now()).toBeGreaterThanOrEqual(SERVED_MINIMUM_MS);
    // Within the first 15 minutes the cached keys still have 45 left and are reused.
    await f.clock.advance(10 * MIN);
    expect((await f.broker.getCredentials('hour', { kind: 'cli', command: 'env' })).accessKeyId).toBe(later.accessKeyId);
    expect(f.emulator.callsTo('securitytokens')).toHaveLength(2);
  });

  it('a 15-minute duration cannot keep 45 minutes: keys are handed out with at least 10 minutes left', async () => {
    const { f } = await setUp(900);
    const first = await f.broker.getCredentials('hour', { kind: 'cli', command: 'env' });
    await f.clock.advance(4 * MIN);
    expect((await f.broker.getCredentials('hour', { kind: 'cli', command: 'env' })).accessKeyId).toBe(first.accessKeyId);
    await f.clock.advance(2 * MIN);
    const next = await f.broker.getCredentials('hour', { kind: 'cli', command: 'env' });
    expect(next.accessKeyId).not.toBe(first.accessKeyId);
    expect(Date.parse(next.expiresAt!) - f.clock.now()).toBeGreaterThanOrEqual(10 * MIN);
  });
});
