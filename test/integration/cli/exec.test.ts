/**
 * `akvault exec` as a real process around a real child: exit codes and signals pass through, stdin
 * reaches the child, and a nested exec is refused unless forced.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../profiles/support/cli';
import { createCliFixture, credentialsOf, type CliFixture } from './support/cli-fixture';

let fx: CliFixture;
const node = process.execPath;
/** A child that prints "ready <pid>" and then waits; `extra` runs first (e.g. a signal handler). */
const waiting = (extra = '') => `${extra} console.log("ready " + process.pid); setInterval(() => {}, 1000);`;
async function ready(running: { waitFor(s: 'stdout', p: RegExp): Promise<RegExpMatchArray> }) {
  const [, pid] = await running.waitFor('stdout', /ready (\d+)/);
  fx.track(Number(pid));
}

beforeAll(async () => {
  fx = await createCliFixture();
  await fx.addProfiles();
  // Mint once up front: every exec below then starts from the keychain cache.
  const creds = credentialsOf(await fx.akvault(['env', 'prod', '--format', 'json']));
  fx.remember(creds.secretAccessKey, creds.securityToken);
});

afterAll(async () => {
  await fx?.close();
});

describe('exit codes', () => {
  it.each([0, 3, 255])('passes exit code %i through', async (code) => {
    const r = await fx.akvault(['exec', 'prod', '--', node, '-e', `process.exit(${code})`]);
    expect(r).toMatchObject({ code, stderr: '', signal: null });
  });

  it('hands stdin to the child and the child’s stdout back, with the profile’s keys in its environment only', async () => {
    const r = await fx.akvault(['exec', 'prod', '--', node, '-e', 'process.stdin.pipe(process.stdout); process.stdin.on("end", () => console.error(process.env.AKVAULT_PROFILE, process.env.HUAWEICLOUD_SDK_AK.length))'], {
      stdin: 'hello through akvault\n',
    });
    expect(r).toMatchObject({ code: 0, stdout: 'hello through akvault\n', stderr: 'prod 20\n' });
  });
});

describe('signals', () => {
  it('reports a child killed by SIGTERM and exits with 128 + 15', async () => {
    const r = await fx.akvault(['exec', 'prod', '--', node, '-e', 'process.kill(process.pid, "SIGTERM"); setTimeout(() => {}, 5000)']);
    expect(r.code).toBe(143);
    expect(r.stderr).toBe(`akvault: ${path.basename(node)} was killed by SIGTERM.\n`);
  });

  it('passes SIGINT sent to akvault on to the child, and the child’s own way of ending back', async () => {
    const running = fx.start(['exec', 'prod', '--', node, '-e', waiting('process.on("SIGINT", () => { console.log("child got SIGINT"); process.exit(42); });')]);
    await ready(running);
    running.child.kill('SIGINT'); // to akvault only, not to its process group
    expect(await running.exited).toEqual({ code: 42, signal: null });
    expect(running.stdout()).toMatch(/^ready \d+\nchild got SIGINT\n$/);
  });

  it('passes SIGTERM and SIGHUP on; a child that dies of them makes akvault exit 143 / 129', async () => {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
      const running = fx.start(['exec', 'prod', '--', node, '-e', waiting()]);
      await ready(running);
      running.child.kill(signal);
      expect(await running.exited).toEqual({ code, signal: null });
      expect(running.stderr()).toContain(`was killed by ${signal}`);
    }
  });
});

describe('nesting', () => {
  it('an akvault exec inside akvault exec is refused, and --force allows it', async () => {
    const marker = path.join(fx.root, 'inner-ran');
    const touch = ['-e', `require("fs").writeFileSync(${JSON.stringify(marker)}, process.env.AKVAULT_PROFILE)`];
    const nested = await fx.akvault(['exec', 'prod', '--', node, cliEntry, 'exec', 'prod', '--', node, ...touch]);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain('already holds the credentials of profile "prod"');
    expect(nested.stderr).toContain('--force');
    expect(existsSync(marker)).toBe(false);

    const forced = await fx.akvault(['exec', 'prod', '--', node, cliEntry, 'exec', '--force', 'ops', '--', node, ...touch]);
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(marker)).toBe(true);
  });
});
