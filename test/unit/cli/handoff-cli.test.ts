/**
 * `akvault env|exec|login` in-process (memory keychain, temp data dir): argument handling, the default
 * profile, the choice between a running helper and working alone, and the refusals.
 */
import { spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runHandoffCli } from '../../../main/cli/handoff-program';
import { serializeHelperInfo } from '../../../main/core/helper/helper-file';
import { runCli } from '../../../main/cli/program';
import { systemClock } from '../../../main/core/clock';
import { createHelperServer } from '../../../main/core/helper/helper-server';
import type { HelperServer } from '../../../main/core/helper/types';
import { dataFiles } from '../../../main/core/paths';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { fakeAccessKeyId, fakeSecretKey } from '../../support/fake-keys';
import { makeTempDirs } from '../../support/temp-dir';
import { FakeProvider } from '../../integration/helper/support/fake-provider';

const temp = makeTempDirs();
let helper: HelperServer | undefined;
afterEach(async () => {
  await helper?.close();
  helper = undefined;
  temp.cleanup();
});

function harness(env: NodeJS.ProcessEnv = {}) {
  const dataDir = path.join(temp.make(), 'data');
  const secretStore = new MemorySecretStore();
  const io = (stdin: string, tty: boolean) => {
    const out = { text: '', isTTY: tty, write: (s: string) => (out.text += s) };
    const err = { text: '', write: (s: string) => (err.text += s) };
    return { out, err, io: { stdin: Readable.from(stdin ? [Buffer.from(stdin)] : []), stdout: out, stderr: err, env, isTTY: false, secretStore, dataDir } };
  };
  return {
    dataDir,
    async profile(args: string[], stdin = '') {
      const { out, err, io: cliIo } = io(stdin, false);
      const code = await runCli(['profile', ...args], cliIo);
      if (code !== 0) throw new Error(`profile ${args.join(' ')} failed: ${err.text}${out.text}`);
    },
    async setDefault(name: string) {
      const { io: cliIo } = io('', false);
      expect(await runCli(['default', name], cliIo)).toBe(0);
    },
    async run(args: string[], opts: { tty?: boolean } = {}) {
      const { out, err, io: cliIo } = io('', opts.tty ?? false);
      const code = await runHandoffCli(args, cliIo);
      return { code, stdout: out.text, stderr: err.text };
    },
  };
}

async function withAccessKey(h: ReturnType<typeof harness>, name = 'prod') {
  const k = { ak: fakeAccessKeyId(), sk: fakeSecretKey() };
  await h.profile(['add', '--name', name, '--kind', 'access-key', '--access-key-id', k.ak, '--region', 'cn-north-4', '--project-id', 'proj1'], `${k.sk}\n`);
  return k;
}

describe('akvault env (working alone)', () => {
  it('prints the variables in the chosen format, and only on a terminal warns on stderr', async () => {
    const h = harness();
    const k = await withAccessKey(h);
    const bash = await h.run(['env', 'prod']);
    expect(bash).toMatchObject({ code: 0, stderr: '' });
    expect(bash.stdout).toContain(`export HUAWEICLOUD_SDK_AK='${k.ak}'\n`);
    expect(bash.stdout).toContain(`export HUAWEICLOUD_SDK_SK='${k.sk}'\n`);
    expect(bash.stdout).toContain("export AKVAULT_PROFILE='prod'\n");
    expect(bash.stdout).toMatch(/^unset .*HUAWEICLOUD_SDK_SECURITY_TOKEN/m);

    expect(JSON.parse((await h.run(['env', 'PROD', '--format', 'json'])).stdout)).toEqual({ accessKeyId: k.ak, secretAccessKey: k.sk, region: 'cn-north-4', projectId: 'proj1' });
    expect((await h.run(['env', 'prod', '--format', 'hcloud'])).stdout).toBe(`'--cli-region=cn-north-4' '--cli-access-key=${k.ak}' '--cli-secret-key=${k.sk}' '--cli-project-id=proj1'\n`);

    const onTty = await h.run(['env', 'prod'], { tty: true });
    expect(onTty.code).toBe(0);
    expect(onTty.stderr.trim().split('\n')).toHaveLength(1);
    expect(onTty.stderr).toMatch(/^akvault: warning: printing the secret keys of "prod"/);
    expect(onTty.stderr).not.toContain(k.sk);
  });

  it('uses the default profile when none is named, and says how to set one when there is none', async () => {
    const h = harness();
    const k = await withAccessKey(h);
    const none = await h.run(['env']);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('akvault default NAME');
    await h.setDefault('prod');
    expect((await h.run(['env', '--format', 'dotenv'])).stdout).toContain(`HUAWEICLOUD_SDK_AK='${k.ak}'`);
  });

  it('refuses an unknown format and an unknown profile clearly', async () => {
    const h = harness();
    await withAccessKey(h);
    const bad = await h.run(['env', 'prod', '--format', 'yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are bash, zsh, fish, powershell, cmd, dotenv, json, hcloud/);
    const missing = await h.run(['env', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[profile.not-found]');
  });
});

describe('through a running helper', () => {
  async function runningHelper(h: ReturnType<typeof harness>, defaultProfile: string | null = null) {
    const provider = new FakeProvider(
      { shared: { kind: 'agency', source: { accessKeyId: 'AKFROMHELPER0000001', secretAccessKey: 'SK-from-helper-0123456789', securityToken: 'ST-from-helper', expiresAt: '2099-01-01T00:00:00.000Z', iamEndpoint: 'https://iam.example.test' } } },
      defaultProfile,
      systemClock,
    );
    helper = await createHelperServer({ provider });
    await fsp.mkdir(h.dataDir, { recursive: true });
    await fsp.writeFile(dataFiles(h.dataDir).helper, serializeHelperInfo({ url: helper.url, token: helper.token, pid: process.pid }), { mode: 0o600 });
    return provider;
  }

  it('gets the credentials from it, audited as the CLI command', async () => {
    const h = harness();
    const provider = await runningHelper(h);
    const r = await h.run(['env', 'shared', '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`akvault: note: using the running akvault helper at ${helper!.url}.\n`);
    expect(r.stdout).toContain("export HUAWEICLOUD_SDK_AK='AKFROMHELPER0000001'");
    expect(r.stdout).toContain("export HUAWEICLOUD_SDK_IAM_ENDPOINT='https://iam.example.test'");
    expect(provider.calls).toEqual([{ profile: 'shared', consumer: { kind: 'cli', command: 'env' } }]);
  });

  it('maps "no default profile" from the helper to the same usage error as alone', async () => {
    const h = harness();
    await runningHelper(h, null);
    const r = await h.run(['env']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('akvault default NAME');
  });

  it('ignores a helper.json whose process is gone, or whose helper does not answer, and says so only with --verbose', async () => {
    const h = harness();
    const k = await withAccessKey(h);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const token = 'K_2keTAwP8-HcOVYjo9JeIesOKXPc_af8vnPwXdhRh4';
    await fsp.writeFile(dataFiles(h.dataDir).helper, serializeHelperInfo({ url: 'http://127.0.0.1:9', token, pid: dead }));
    const quiet = await h.run(['env', 'prod']);
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    expect(quiet.stdout).toContain(k.ak);
    const verbose = await h.run(['env', 'prod', '--verbose']);
    expect(verbose.stderr).toContain(`process ${dead} is not running`);
    expect(verbose.stderr).toContain('working on my own');

    // A live pid (ours) but nothing listening on the port: connection refused.
    await fsp.writeFile(dataFiles(h.dataDir).helper, serializeHelperInfo({ url: 'http://127.0.0.1:9', token, pid: process.pid }));
    const refused = await h.run(['env', 'prod', '--verbose']);
    expect(refused.code).toBe(0);
    expect(refused.stderr).toMatch(/does not answer \(ECONNREFUSED\)/);
  });
});

describe('akvault exec (in-process)', () => {
  it('runs the command after `--` with the profile’s variables and returns its exit code', async () => {
    const h = harness({ PATH: process.env.PATH, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'stale-token-from-outer-shell' });
    const k = await withAccessKey(h);
    const out = path.join(temp.make(), 'seen.json');
    const script = `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ ak: process.env.HUAWEICLOUD_SDK_AK, token: process.env.HUAWEICLOUD_SDK_SECURITY_TOKEN ?? null, p: process.env.AKVAULT_PROFILE })); process.exit(7)`;
    const r = await h.run(['exec', 'prod', '--', process.execPath, '-e', script]);
    expect(r).toMatchObject({ code: 7, stderr: '' });
    expect(JSON.parse(await fsp.readFile(out, 'utf8'))).toEqual({ ak: k.ak, token: null, p: 'prod' });
  });

  it('refuses to nest unless --force, and needs `--`', async () => {
    const h = harness({ PATH: process.env.PATH, AKVAULT_PROFILE: 'outer' });
    await withAccessKey(h);
    const nested = await h.run(['exec', 'prod', '--', process.execPath, '-e', '0']);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain('profile "outer"');
    expect(nested.stderr).toContain('--force');
    expect((await h.run(['exec', '--force', 'prod', '--', process.execPath, '-e', 'process.exit(process.env.AKVAULT_PROFILE === "prod" ? 0 : 5)'])).code).toBe(0);
    const noDash = await h.run(['exec', '--force', 'prod', process.execPath]);
    expect(noDash.code).toBe(2);
    expect(noDash.stderr).toContain('Put `--` before the command');
  });

  it('reports a command that does not exist with 127', async () => {
    const h = harness({ PATH: process.env.PATH });
    await withAccessKey(h);
    const r = await h.run(['exec', 'prod', '--', 'no-such-command-akvault-test']);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('cannot run no-such-command-akvault-test: command not found');
  });

  it('--server refuses permanent keys', async () => {
    const h = harness({ PATH: process.env.PATH });
    await withAccessKey(h);
    const r = await h.run(['exec', 'prod', '--server', '--', process.execPath, '-e', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--server hands out temporary keys only');
  });
});

describe('akvault login refusals', () => {
  it('explains that permanent keys and agencies without a session user cannot open the console', async () => {
    const h = harness();
    await withAccessKey(h, 'base');
    const perm = await h.run(['login', 'base', '--print']);
    expect(perm.code).toBe(1);
    expect(perm.stderr).toContain('holds permanent access keys');
    expect(perm.stderr).toContain('agency profile');

    await h.profile(['add', '--name', 'adm', '--kind', 'agency', '--source', 'base', '--agency-domain-name', 'acme-prod', '--agency-name', 'admin']);
    const agency = await h.run(['login', 'adm', '--print']);
    expect(agency.code).toBe(1);
    expect(agency.stderr).toContain('has no session user name');
    expect(agency.stderr).toContain('akvault profile update adm --session-user');
    expect(agency.stdout).toBe('');

    expect((await h.run(['login', 'adm', '--duration', '30'])).code).toBe(2);
  });
});
