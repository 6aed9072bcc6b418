/**
 * `akvault serve` as a real process: it publishes helper.json (0600, its own pid), other akvault
 * processes go through it (50 at once cost one IAM call), `exec --server` registers children on it,
 * `login` works through it, a second serve is refused, and SIGTERM takes helper.json away again.
 * Working alone afterwards gives the same values. A serve killed with SIGKILL leaves a stale file that
 * commands ignore and the next serve replaces.
 */
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessAlive, parseHelperInfo } from '../../../main/core/helper/helper-file';
import { dataFiles } from '../../../main/core/paths';
import { createCliFixture, credentialsOf, type CliFixture, type RunningCli } from './support/cli-fixture';
import { POD_CLIENT_SCRIPT, podSteps } from './support/pod-client';

let fx: CliFixture;
let helperFile: string;
const node = process.execPath;

beforeAll(async () => {
  fx = await createCliFixture();
  await fx.addProfiles();
  helperFile = dataFiles(fx.dataDir).helper;
});

afterAll(async () => {
  await fx?.close();
});

async function startServe(): Promise<{ serve: RunningCli; url: string }> {
  const serve = fx.start(['serve']);
  const [, url] = await serve.waitFor('stderr', /serving credentials at (http:\/\/127\.0\.0\.1:\d+)/);
  return { serve, url: url! };
}

describe('akvault serve', () => {
  let throughServe = '';

  it('publishes helper.json and serves 50 cold parallel `env` processes with one IAM call', async () => {
    const { serve, url } = await startServe();
    const st = await stat(helperFile);
    expect(st.mode & 0o777).toBe(0o600);
    const info = parseHelperInfo(await readFile(helperFile, 'utf8'))!;
    expect(info).toMatchObject({ url, pid: serve.child.pid });
    expect(isProcessAlive(info.pid)).toBe(true);
    expect(serve.stderr()).not.toContain(info.token);

    fx.emulator.resetCalls();
    const results = await Promise.all(Array.from({ length: 50 }, () => fx.akvault(['env', 'prod', '--format', 'json'])));
    const outputs = new Set(results.map((r) => r.stdout));
    expect(results.map((r) => r.code)).toEqual(Array(50).fill(0));
    expect(results.filter((r) => r.stderr !== '')).toEqual([]);
    expect(outputs.size).toBe(1);
    expect(fx.emulator.callsTo('securitytokens')).toHaveLength(1);
    const creds = credentialsOf(results[0]!);
    fx.remember(creds.secretAccessKey, creds.securityToken);

    const verbose = await fx.akvault(['env', 'prod', '--verbose']);
    expect(verbose.stderr).toBe(`akvault: note: using the running akvault helper at ${url}.\n`);
    throughServe = verbose.stdout;

    const second = await fx.akvault(['serve']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Another akvault helper is already running (process ${serve.child.pid}, ${url})`);
    expect(parseHelperInfo(await readFile(helperFile, 'utf8'))).toEqual(info);

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(serve.stderr()).toContain('stopping (SIGTERM)');
    expect(existsSync(helperFile)).toBe(false);
  });

  it('working alone afterwards gives the same values (from the shared keychain cache, no new IAM call)', async () => {
    fx.emulator.resetCalls();
    const alone = await fx.akvault(['env', 'prod', '--verbose']);
    expect(alone.stderr).toBe('akvault: note: no running akvault helper; working on my own.\n');
    expect(alone.stdout).toBe(throughServe);
    expect(fx.emulator.callsTo('securitytokens')).toHaveLength(0);
  });

  it('registers exec --server children on the running helper and revokes them when they end', async () => {
    const { serve, url } = await startServe();
    const running = fx.start(['exec', 'prod', '--server', '--verbose', '--', node, '-e', POD_CLIENT_SCRIPT]);
    await running.waitFor('stdout', /"step":"fetch"/);
    const [env, first] = podSteps(running.stdout());
    fx.track(env!.pid, 'akvault pod-identity test client');
    fx.remember(env!.token);
    expect(env!.uri!.startsWith(`${url}/v1/pod-identity/`)).toBe(true);
    expect(first).toMatchObject({ status: 200 });
    running.child.stdin!.end('done\n');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.stderr()).toBe(`akvault: note: using the running akvault helper at ${url}.\n`);
    expect(existsSync(env!.tokenFile!)).toBe(false);
    // The endpoint itself is gone from the helper, not only the file.
    const after = await fetch(env!.uri!, { method: 'POST', headers: { Authorization: env!.token! }, body: '{}' });
    expect(after.status).toBe(404);

    serve.child.kill('SIGINT');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
  });

  it('login --print prints a federation URL through it; login opens it with the system opener, as one argument', async () => {
    const { serve } = await startServe();
    fx.emulator.resetCalls();
    const printed = await fx.akvault(['login', 'prod', '--print', '--duration', '900']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^https:\/\/auth\.huaweicloud\.com\/authui\/federation\/login\?service=https%3A%2F%2Fconsole\.huaweicloud\.com%2Fconsole%2F%3Fregion%3Dcn-north-4&logintoken=[A-Za-z0-9_-]+\n$/);
    expect(printed.stderr).toMatch(/^akvault: warning: this URL signs anyone in to the console as "prod" until .+: treat it like a password\.\n$/);
    expect(fx.emulator.callsTo('logintokens').map((c) => c.status)).toEqual([201]);
    fx.remember(printed.stdout.trim());

    // A stand-in for xdg-open that records its arguments.
    const bin = path.join(fx.root, 'bin');
    const record = path.join(fx.root, 'opened.txt');
    await import('node:fs/promises').then((f) => f.mkdir(bin, { recursive: true }));
    await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$#" "$1" > ${JSON.stringify(record)}\n`);
    await chmod(path.join(bin, 'xdg-open'), 0o755);
    const opened = await fx.akvault(['login', 'prod', '--service', 'https://console.huaweicloud.com/iam/?a=1&b=2'], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(opened).toMatchObject({ code: 0, stdout: '' });
    expect(opened.stderr).toBe('akvault: opened the console for "prod" in your browser.\n');
    let recorded = '';
    for (let i = 0; i < 100 && !recorded.includes('\n', 2); i++) {
      recorded = existsSync(record) ? await readFile(record, 'utf8') : '';
      await new Promise((r) => setTimeout(r, 20));
    }
    const [argc, url] = recorded.split('\n');
    expect(argc).toBe('1');
    expect(url).toMatch(/^https:\/\/auth\.huaweicloud\.com\/authui\/federation\/login\?service=https%3A%2F%2Fconsole\.huaweicloud\.com%2Fiam%2F%3Fa%3D1%26b%3D2&logintoken=/);
    fx.remember(url);

    serve.child.kill('SIGTERM');
    await serve.exited;
  });

  it('a serve killed outright leaves a stale helper.json that commands ignore and the next serve replaces', async () => {
    const { serve } = await startServe();
    serve.child.kill('SIGKILL');
    await serve.exited;
    expect(existsSync(helperFile)).toBe(true);
    const r = await fx.akvault(['env', 'prod', '--format', 'json', '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`process ${serve.child.pid} is not running`);
    expect(r.stderr).toContain('working on my own');

    const { serve: next, url } = await startServe();
    expect(parseHelperInfo(await readFile(helperFile, 'utf8'))).toMatchObject({ url, pid: next.child.pid });
    next.child.kill('SIGTERM');
    expect(await next.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(helperFile)).toBe(false);
  });
});
