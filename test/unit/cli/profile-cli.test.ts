import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/program';
import { dataFiles } from '../../../main/core/paths';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { secretAccounts } from '../../../main/core/secrets/secret-store';
import { fakeAccessKeyId, fakeSecretKey, fakeSecurityToken } from '../../support/fake-keys';
import { makeTempDirs } from '../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

function harness() {
  const dataDir = path.join(temp.make(), 'data');
  const secretStore = new MemorySecretStore();
  const seen: string[] = [];
  async function run(args: string[], stdin = '') {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdin: Readable.from(stdin ? [Buffer.from(stdin)] : []),
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
      isTTY: false,
      secretStore,
      dataDir,
    });
    seen.push(stdout, stderr);
    return { code, stdout, stderr };
  }
  /** Every byte the CLI printed, to check no secret ever appeared. */
  const output = () => seen.join('\n');
  return { run, dataDir, secretStore, output };
}

describe('akvault profile (in-process)', () => {
  it('adds an access key with the SK from stdin and lists it without secrets', async () => {
    const h = harness();
    const ak = fakeAccessKeyId();
    const sk = fakeSecretKey();
    const add = await h.run(['profile', 'add', '--name', 'prod', '--kind', 'access-key', '--access-key-id', ak, '--region', 'cn-north-4'], `${sk}\n`);
    expect(add).toMatchObject({ code: 0, stderr: '' });
    expect(add.stdout).toBe(`Added profile "prod" (access-key, access key ${ak}).\n`);

    const list = await h.run(['profile', 'list', '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'prod', kind: 'access-key', accessKeyId: ak, region: 'cn-north-4', default: false });
    const [profile] = rows;
    expect(await h.secretStore.get(secretAccounts.secretKey(String(profile!.id)))).toBe(sk);

    const table = await h.run(['profile', 'list']);
    expect(table.stdout).toMatch(/NAME\s+KIND\s+DETAILS\s+REGION\s+EXPIRES/);
    expect(table.stdout).toContain(ak);
    const show = await h.run(['profile', 'show', 'prod', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ name: 'prod', accessKeyId: ak });
    expect(h.output()).not.toContain(sk);
  });

  it('adds a temporary key with SK and a 16 KB token from stdin lines 1 and 2', async () => {
    const h = harness();
    const sk = fakeSecretKey();
    const token = fakeSecurityToken(16 * 1024);
    const r = await h.run(
      ['profile', 'add', '--name', 'tmp', '--kind', 'temporary-key', '--access-key-id', fakeAccessKeyId(), '--expires-at', '2099-01-01T00:00:00Z', '--json'],
      `${sk}\r\n${token}\r\n`,
    );
    expect(r.code).toBe(0);
    const { profile, warnings } = JSON.parse(r.stdout);
    expect(warnings).toEqual([]);
    expect(profile).toMatchObject({ kind: 'temporary-key', expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(await h.secretStore.get(secretAccounts.securityToken(profile.id))).toMatch(/^akvault-sealed:v2:/);
    expect(h.output()).not.toContain(sk);
    expect(h.output()).not.toContain(token.slice(0, 100));
  });

  it('prints shape warnings on stderr and still saves', async () => {
    const h = harness();
    const r = await h.run(['profile', 'add', '--name', 'partner', '--access-key-id', 'partner-ak'], 'short-secret\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^akvault: warning: The access key ID "partner-ak"/m);
    expect(r.stderr).toMatch(/^akvault: warning: The secret key is 12 characters long/m);
    expect(r.stderr).not.toContain('short-secret');
  });

  it('exits 2 on usage errors: missing stdin, unknown option, bad kind, missing option, secret on argv', async () => {
    const h = harness();
    const ak = fakeAccessKeyId();
    const noStdin = await h.run(['profile', 'add', '--name', 'p', '--access-key-id', ak]);
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toMatch(/No secret access key on stdin/);
    expect((await h.run(['profile', 'list', '--bogus'])).code).toBe(2);
    expect((await h.run(['profile', 'add', '--name', 'p', '--kind', 'password', '--access-key-id', ak], 'x\n')).code).toBe(2);
    expect((await h.run(['profile', 'add', '--name', 'p'], 'x\n')).code).toBe(2);
    expect((await h.run(['profile', 'add', '--name', 'p', '--kind', 'temporary-key', '--access-key-id', ak], 'x\ny\n')).code).toBe(2);
    const argvSecret = 'ArgvSecretValue1234567890abcdefghijklmn';
    const onArgv = await h.run(['profile', 'add', '--name', 'p', '--access-key-id', ak, '--secret-access-key', argvSecret]);
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).toMatch(/never taken from the command line/);
    expect(onArgv.stderr).not.toContain(argvSecret);
    expect((await h.run([])).code).toBe(2);
    expect((await h.run(['profile'])).code).toBe(2);
    expect(await h.secretStore.list()).toEqual([]);
  });

  it('exits 0 for --help and --version on every command', async () => {
    const h = harness();
    for (const args of [['--help'], ['--version'], ['profile', '--help'], ['profile', 'add', '--help'], ['profile', 'import', '--help'], ['profile', 'restore-backup', '--help']]) {
      const r = await h.run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout.length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('exits 1 with one clear line and a hint on failures', async () => {
    const h = harness();
    const badRegion = await h.run(['profile', 'add', '--name', 'p', '--access-key-id', fakeAccessKeyId(), '--region', 'Beijing'], `${fakeSecretKey()}\n`);
    expect(badRegion.code).toBe(1);
    expect(badRegion.stderr).toMatch(/^akvault: error: Invalid profile: region: a region is lower-case.* \[validation\]\n$/);
    const missing = await h.run(['profile', 'remove', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('akvault: error: There is no profile named "nope". [profile.not-found]\nakvault: hint: List profiles with `akvault profile list`.\n');
  });

  it('removes a profile and its keychain items', async () => {
    const h = harness();
    await h.run(['profile', 'add', '--name', 'prod', '--access-key-id', fakeAccessKeyId()], `${fakeSecretKey()}\n`);
    const r = await h.run(['profile', 'remove', 'prod']);
    expect(r).toMatchObject({ code: 0, stdout: 'Removed profile "prod" and 1 keychain item.\n' });
    expect(JSON.parse((await h.run(['profile', 'list', '--json'])).stdout)).toEqual([]);
    expect(await h.secretStore.list()).toEqual([]);
  });

  it('imports a CSV, is idempotent on re-import, and exits 1 on conflicts', async () => {
    const h = harness();
    const [a, b] = [
      { ak: fakeAccessKeyId(), sk: fakeSecretKey() },
      { ak: fakeAccessKeyId(), sk: fakeSecretKey() },
    ];
    const file = path.join(temp.make(), 'credentials.csv');
    await fsp.writeFile(file, `\uFEFFUser Name,Access Key Id,Secret Access Key\r\nalice,${a.ak},${a.sk}\r\nalice,${b.ak},${b.sk}\r\n`);
    const first = await h.run(['profile', 'import', file, '--name-prefix', 'acme', '--region', 'ap-southeast-1']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`line 2: added as "acme-alice" (access key ${a.ak})`);
    expect(first.stdout).toContain('line 3: added as "acme-alice-2"');
    expect(first.stdout).toContain('2 added, 0 unchanged, 0 conflicts, 0 invalid, 0 failed.');
    expect(first.stderr).toMatch(/akvault: notice: line 3: This is the second access key stored for user "alice"/);

    const again = await h.run(['profile', 'import', file, '--json']);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.counts).toMatchObject({ added: 0, unchanged: 2 });

    await fsp.writeFile(file, `${a.ak},${fakeSecretKey()}\n`);
    const conflict = await h.run(['profile', 'import', file]);
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toMatch(/line 1: conflict: .*different secret key/);
    expect(h.output()).not.toContain(a.sk);
    expect(h.output()).not.toContain(b.sk);

    const fromStdin = await h.run(['profile', 'import', '-'], `${b.ak};${b.sk}\n`);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toContain('line 1: unchanged: already imported as "acme-alice-2"');

    const unreadable = await h.run(['profile', 'import', path.join(path.dirname(file), 'missing.csv')]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/\[import\.unreadable\]/);
  });

  it('reports a corrupt profiles file and restores the backup', async () => {
    const h = harness();
    await h.run(['profile', 'add', '--name', 'one', '--access-key-id', fakeAccessKeyId()], `${fakeSecretKey()}\n`);
    await h.run(['profile', 'add', '--name', 'two', '--access-key-id', fakeAccessKeyId()], `${fakeSecretKey()}\n`);
    const files = dataFiles(h.dataDir);
    await fsp.writeFile(files.profiles, '{ "schemaVersion": 1,');
    const broken = await h.run(['profile', 'list']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`akvault: error: ${files.profiles} is not valid JSON`);
    expect(broken.stderr).toContain('akvault profile restore-backup');
    const restore = await h.run(['profile', 'restore-backup']);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored 1 profile from .*profiles\.json\.bak\.\nThe replaced file was kept as .*profiles\.json\.corrupt-/);
    expect(JSON.parse((await h.run(['profile', 'list', '--json'])).stdout).map((p: { name: string }) => p.name)).toEqual(['one']);
  });
});
