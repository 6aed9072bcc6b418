/**
 * `akvault exec --server` without a running app: the child gets a pod-identity endpoint on a helper
 * inside the akvault process, keeps getting keys as they age (the test clock moves the CLI's and the
 * emulator's time together), never sees static keys, and its token file is gone once it ends, also
 * when it ends by a signal.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliFixture, PROD_PROJECT_ID, type CliFixture } from './support/cli-fixture';
import { POD_CLIENT_SCRIPT, podSteps } from './support/pod-client';

let fx: CliFixture;
const node = process.execPath;

beforeAll(async () => {
  fx = await createCliFixture();
  await fx.addProfiles();
});

afterAll(async () => {
  await fx?.close();
});

describe('exec --server on its own helper', () => {
  it('serves fresh keys to a long-running child, renewed once the first ones age, and cleans up after it', async () => {
    fx.emulator.resetCalls();
    const running = fx.start(['exec', 'prod', '--server', '--', node, '-e', POD_CLIENT_SCRIPT]);
    await running.waitFor('stdout', /"step":"fetch"/);
    const [env, first] = podSteps(running.stdout());
    fx.track(env!.pid, 'akvault pod-identity test client');
    expect(env).toMatchObject({ profile: 'prod', project: PROD_PROJECT_ID, region: 'cn-north-4', keysInEnv: [], fileMode: '600', dirMode: '700' });
    expect(env!.uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/pod-identity\/[A-Za-z0-9_-]+$/);
    expect(first!.status).toBe(200);
    const k1 = first!.body!.credentials!;
    fx.remember(k1.secretAccessKey, k1.securityToken, env!.token);
    // The expiry format the Python SDK insists on: fractional seconds, six digits.
    expect(k1.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(fx.emulator.state.temporaryKeys.get(k1.accessKeyId)).toMatchObject({ secretAccessKey: k1.secretAccessKey, securityToken: k1.securityToken });

    // The keys last 15 minutes; 8 minutes on, fewer than the 10 a 15-minute duration keeps are left: the
    // child still gets them at once (they are valid) while the broker mints new ones in the background.
    await fx.advanceClock(8 * 60_000);
    running.child.stdin!.write('again\n');
    await running.waitFor('stdout', /"step":"fetch"[^\n]*\n[^\n]*"step":"fetch"/);
    const second = podSteps(running.stdout())[2]!;
    expect(second.status).toBe(200);
    expect(second.body!.credentials!.accessKeyId).toBe(k1.accessKeyId);
    await waitUntil(() => fx.emulator.callsTo('securitytokens').filter((c) => c.status === 201).length === 2);
    // The next fetch gets the renewed keys.
    running.child.stdin!.write('again\n');
    await running.waitFor('stdout', /"step":"fetch"[\s\S]*"step":"fetch"[\s\S]*"step":"fetch"[^\n]*\n/);
    const third = podSteps(running.stdout())[3]!;
    expect(third.status).toBe(200);
    const k2 = third.body!.credentials!;
    fx.remember(k2.secretAccessKey, k2.securityToken);
    expect(k2.accessKeyId).not.toBe(k1.accessKeyId);
    expect(Date.parse(k2.expiration)).toBeGreaterThan(Date.parse(k1.expiration));
    expect(fx.emulator.callsTo('securitytokens').map((c) => c.status)).toEqual([201, 201]);

    running.child.stdin!.end('done\n');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.stderr()).toBe('');
    expect(existsSync(env!.tokenFile!)).toBe(false);
    expect(existsSync(path.dirname(env!.tokenFile!))).toBe(false);
  });

  it('removes the token file when the child is ended by a signal sent to akvault', async () => {
    const running = fx.start(['exec', 'prod', '--server', '--', node, '-e', POD_CLIENT_SCRIPT]);
    await running.waitFor('stdout', /"step":"fetch"/);
    const [env] = podSteps(running.stdout());
    fx.track(env!.pid, 'akvault pod-identity test client');
    fx.remember(env!.token);
    expect(existsSync(env!.tokenFile!)).toBe(true);
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 143, signal: null });
    expect(existsSync(path.dirname(env!.tokenFile!))).toBe(false);
  });
});

async function waitUntil(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}
