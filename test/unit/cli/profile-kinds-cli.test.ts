import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/program';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { secretAccounts } from '../../../main/core/secrets/secret-store';
import { fakeAccessKeyId, fakeSecretKey, fakeSecurityToken } from '../../support/fake-keys';
import { scanForSecrets } from '../../support/secret-scan';
import { makeTempDirs } from '../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

function harness() {
  const dataDir = path.join(temp.make(), 'data');
  const secretStore = new MemorySecretStore();
  const seen: string[] = [];
  let stdinReads = 0;
  async function run(args: string[], stdin = '') {
    let stdout = '';
    let stderr = '';
    // Counts reads without consuming: a command that must not read stdin never pulls from it.
    const source = new Readable({
      read() {
        stdinReads++;
        if (stdin) this.push(Buffer.from(stdin));
        this.push(null);
      },
    });
    const code = await runCli(args, {
      stdin: source,
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
  const output = () => seen.join('\n');
  const json = async (args: string[]) => {
    const r = await run(args);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  const addBase = async (name = 'base') => {
    const r = await run(['profile', 'add', '--name', name, '--access-key-id', fakeAccessKeyId()], `${fakeSecretKey()}\n`);
    expect(r.code, r.stderr).toBe(0);
  };
  return { run, json, addBase, dataDir, secretStore, output, stdinReads: () => stdinReads };
}

describe('akvault profile add --kind token', () => {
  it('reads the token from stdin line 1 into the keychain and prints only non-secret fields', async () => {
    const h = harness();
    const token = `MII${fakeSecurityToken(600)}`;
    // Twelve hours from now (IAM tokens live 24 h), written with a +08:00 offset; the CLI stores UTC.
    const expiry = new Date(Math.floor(Date.now() / 1000) * 1000 + 12 * 3_600_000);
    const beijing = new Date(expiry.getTime() + 8 * 3_600_000).toISOString().replace('.000Z', '+08:00');
    const r = await h.run(['profile', 'add', '--name', 'tok', '--kind', 'token', '--expires-at', beijing, '--duration', '7200', '--json'], `${token}\n`);
    expect(r.code, r.stderr).toBe(0);
    const { profile, warnings } = JSON.parse(r.stdout);
    expect(warnings).toEqual([]);
    expect(profile).toMatchObject({ name: 'tok', kind: 'token', expiresAt: expiry.toISOString(), durationSeconds: 7200, accessKeyId: null, default: false });
    expect(await h.secretStore.get(secretAccounts.authToken(profile.id))).toBe(token);
    expect(await h.secretStore.list()).toEqual([secretAccounts.authToken(profile.id)]);
    expect(h.output()).not.toContain(token.slice(0, 40));
    expect(await scanForSecrets(h.dataDir, [token])).toEqual([]);
  });

  it('exits 2 without --expires-at or without the token on stdin, storing nothing', async () => {
    const h = harness();
    const noExpiry = await h.run(['profile', 'add', '--name', 'tok', '--kind', 'token'], 'MIIabc\n');
    expect(noExpiry).toMatchObject({ code: 2, stdout: '' });
    expect(noExpiry.stderr).toContain('--kind token needs --expires-at');
    const noToken = await h.run(['profile', 'add', '--name', 'tok', '--kind', 'token', '--expires-at', '2099-11-23T00:00:00Z']);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('No iam token on stdin (expected line 1: iam token)');
    expect(await h.secretStore.list()).toEqual([]);
  });
});

describe('akvault profile add --kind account', () => {
  it('stores the password from stdin and lists user@domain with MFA on/off', async () => {
    const h = harness();
    const password = 'Correct horse 42!';
    const r = await h.run(['profile', 'add', '--name', 'acct', '--kind', 'account', '--domain-name', 'acme', '--user-name', 'alice', '--mfa-user-id', '0b1c2d3e'], `${password}\n`);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'Added profile "acct" (account: alice@acme, MFA on).\n' });
    await h.run(['profile', 'add', '--name', 'plain', '--kind', 'account', '--domain-name', 'acme', '--user-name', 'bob'], 'pw-of-bob\n');
    const table = await h.run(['profile', 'list']);
    expect(table.stdout).toMatch(/^\s+acct\s+account\s+alice@acme, MFA on\s+-\s+-$/m);
    expect(table.stdout).toMatch(/^\s+plain\s+account\s+bob@acme, MFA off\s+-\s+-$/m);
    const [acct] = (await h.json(['profile', 'list', '--json'])) as unknown as Array<{ id: string; mfaUserId: string }>;
    expect(acct).toMatchObject({ kind: 'account', domainName: 'acme', userName: 'alice', mfaUserId: '0b1c2d3e' });
    expect(await h.secretStore.get(secretAccounts.password(acct!.id))).toBe(password);
    expect(h.output()).not.toContain(password);
    expect(h.output()).not.toContain('pw-of-bob');
  });

  it('exits 2 when the user name is missing or an option of another kind is given', async () => {
    const h = harness();
    const noUser = await h.run(['profile', 'add', '--name', 'a', '--kind', 'account', '--domain-name', 'acme'], 'pw\n');
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain('--kind account needs --user-name');
    const misplaced = await h.run(['profile', 'add', '--name', 'a', '--kind', 'account', '--domain-name', 'acme', '--user-name', 'u', '--access-key-id', fakeAccessKeyId()], 'pw\n');
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('--access-key-id does not apply to --kind account; it is only for access-key, temporary-key profiles.');
  });
});

describe('akvault profile add --kind ecs-agency', () => {
  it('reads nothing from stdin and stores nothing in the keychain', async () => {
    const h = harness();
    const r = await h.run(['profile', 'add', '--name', 'ecs', '--kind', 'ecs-agency', '--metadata-url', 'http://169.254.169.254/'], 'not-for-us\n');
    expect(r).toMatchObject({ code: 0, stdout: 'Added profile "ecs" (ecs-agency: metadata http://169.254.169.254).\n' });
    expect(h.stdinReads()).toBe(0);
    expect(await h.secretStore.list()).toEqual([]);
    expect(await h.json(['profile', 'show', 'ecs', '--json'])).toMatchObject({ kind: 'ecs-agency', metadataUrl: 'http://169.254.169.254' });
  });
});

describe('akvault profile add --kind agency', () => {
  it('stores the source by id, the default duration, a policy file, and shows the chain', async () => {
    const h = harness();
    await h.addBase();
    const policy = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['obs:object:*'] }] };
    const policyFile = path.join(temp.make(), 'policy.json');
    await fsp.writeFile(policyFile, `\uFEFF${JSON.stringify(policy)}`);
    const add = await h.run([
      'profile', 'add', '--name', 'ag', '--kind', 'agency', '--source', 'base', '--agency-domain-name', 'acme', '--agency-name', 'admin',
      '--session-user', 'alice-laptop', '--policy-file', policyFile, '--region', 'cn-north-4', '--write-koocli', '--refresh-margin', '2700',
    ]);
    expect(add).toMatchObject({ code: 0, stdout: 'Added profile "ag" (agency: acme/admin ← base).\n' });
    expect(h.stdinReads()).toBe(1); // only the base's SK
    const top = await h.run(['profile', 'add', '--name', 'top', '--kind', 'agency', '--source', 'ag', '--agency-domain-id', 'd0123', '--agency-name', 'ops', '--duration', '900', '--api', 'v5', '--sts-endpoint', 'https://sts.example.com', '--json']);
    expect(top.code, top.stderr).toBe(0);

    const base = await h.json(['profile', 'show', 'base', '--json']);
    const ag = await h.json(['profile', 'show', 'ag', '--json']);
    expect(ag).toMatchObject({
      kind: 'agency', sourceId: base.id, source: 'base', agencyDomainName: 'acme', agencyName: 'admin', durationSeconds: 3600, sessionUserName: 'alice-laptop',
      policy, region: 'cn-north-4', toolFiles: { koocli: true }, refreshMarginSeconds: 2700, chain: ['ag', 'base'], chainEnd: 'base',
    });
    expect(await h.json(['profile', 'show', 'top', '--json'])).toMatchObject({ agencyDomainId: 'd0123', durationSeconds: 900, api: 'v5', chain: ['top', 'ag', 'base'] });
    const show = await h.run(['profile', 'show', 'top']);
    expect(show.stdout).toMatch(/^chain\s+top ← ag ← base$/m);
    const list = await h.run(['profile', 'list']);
    expect(list.stdout).toMatch(/^\s+top\s+agency\s+d0123\/ops ← ag \(v5\)\s+-\s+-$/m);
    expect(list.stdout).toMatch(/^\s+ag\s+agency\s+acme\/admin ← base\s+cn-north-4\s+-$/m);
    const rows = (await h.json(['profile', 'list', '--json'])) as unknown as Array<Record<string, unknown>>;
    expect(rows.find((r) => r.name === 'ag')).toMatchObject({ policy, sessionUserName: 'alice-laptop', source: 'base' });
  });

  it('exits 2 with a message that says what to do for misplaced or conflicting options', async () => {
    const h = harness();
    await h.addBase();
    const agency = ['profile', 'add', '--name', 'ag', '--kind', 'agency', '--source', 'base', '--agency-name', 'admin'];
    const cases: Array<[string[], RegExp]> = [
      [['profile', 'add', '--name', 'k', '--access-key-id', fakeAccessKeyId(), '--source', 'base'], /--source does not apply to --kind access-key; it is only for agency profiles/],
      [[...agency, '--agency-domain-name', 'acme', '--agency-domain-id', 'd1'], /either by name \(--agency-domain-name\) or by ID \(--agency-domain-id\), not both/],
      [agency, /--kind agency needs the delegating account: --agency-domain-name NAME or --agency-domain-id ID/],
      [[...agency, '--agency-domain-name', 'acme', '--duration', '100'], /argument '100' is invalid\. The duration must be between 900 and 86400 seconds \(got 100\)/],
      [[...agency, '--agency-domain-name', 'acme', '--duration', '1h'], /Give a whole number of seconds, e\.g\. 3600/],
      [[...agency, '--agency-domain-id', 'd1', '--api', 'v5'], /--api v5 needs --agency-domain-id .* and --sts-endpoint/],
      [[...agency, '--agency-domain-name', 'acme', '--api', 'v4'], /Allowed choices are v3, v5/],
      [[...agency, '--agency-domain-name', 'acme', '--refresh-margin', '30'], /refresh margin must be between 120 and 86400/],
      [['profile', 'add', '--name', 'ag', '--kind', 'agency', '--agency-domain-name', 'acme', '--agency-name', 'admin'], /--kind agency needs --source/],
    ];
    for (const [args, message] of cases) {
      const r = await h.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect((await h.json(['profile', 'list', '--json'])) as unknown as unknown[]).toHaveLength(1);
  });

  it('exits 2 for an unreadable or malformed policy file, 1 for a policy of the wrong shape or a missing source', async () => {
    const h = harness();
    await h.addBase();
    const dir = temp.make();
    const args = (file: string) => ['profile', 'add', '--name', 'ag', '--kind', 'agency', '--source', 'base', '--agency-domain-name', 'acme', '--agency-name', 'admin', '--policy-file', file];
    const missing = await h.run(args(path.join(dir, 'nope.json')));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read the policy file .*nope\.json \(ENOENT\)/);
    await fsp.writeFile(path.join(dir, 'broken.json'), '{"Version": "1.1",\n  "Statement": [}');
    const broken = await h.run(args(path.join(dir, 'broken.json')));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
    expect(broken.stderr).toContain('Fix the JSON');
    await fsp.writeFile(path.join(dir, 'shape.json'), '{"Version": "1.1", "Statements": []}');
    const shape = await h.run(args(path.join(dir, 'shape.json')));
    expect(shape.code).toBe(1);
    expect(shape.stderr).toMatch(/Invalid profile: policy: a policy has only "Version" and "Statement"; remove "Statements"\. \[validation\]/);
    const noSource = await h.run(['profile', 'add', '--name', 'ag', '--kind', 'agency', '--source', 'Base', '--agency-domain-name', 'acme', '--agency-name', 'admin']);
    expect(noSource).toMatchObject({ code: 1, stderr: 'akvault: error: The source profile "Base" does not exist. [profile.not-found]\nakvault: hint: Did you mean "base"?\n' });
  });

  it('refuses to remove a source in use (exit 1, naming the agency), then removes in order', async () => {
    const h = harness();
    await h.addBase();
    await h.run(['profile', 'add', '--name', 'ag', '--kind', 'agency', '--source', 'base', '--agency-domain-name', 'acme', '--agency-name', 'admin']);
    const refused = await h.run(['profile', 'remove', 'base']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('akvault: error: Profile "base" is the source of agency "ag". [profile.in-use]');
    expect(refused.stderr).toContain('akvault: hint: Remove that agency or point it at another source first');
    expect((await h.run(['profile', 'remove', 'ag'])).stdout).toBe('Removed profile "ag" and 0 keychain items.\n');
    expect((await h.run(['profile', 'remove', 'base'])).code).toBe(0);
    expect(await h.secretStore.list()).toEqual([]);
  });
});

describe('akvault profile update', () => {
  it('renames (keeping the id and the default), edits fields, and clears one with ""', async () => {
    const h = harness();
    await h.addBase();
    await h.run(['profile', 'add', '--name', 'ag', '--kind', 'agency', '--source', 'base', '--agency-domain-name', 'acme', '--agency-name', 'admin', '--region', 'cn-north-4', '--write-koocli']);
    await h.run(['default', 'base']);
    const before = await h.json(['profile', 'show', 'base', '--json']);
    const r = await h.run(['profile', 'update', 'base', '--rename', 'root', '--region', 'ap-southeast-1']);
    expect(r).toMatchObject({ code: 0, stdout: 'Updated profile "root" (renamed from "base").\n' });
    expect(await h.json(['profile', 'show', 'root', '--json'])).toMatchObject({ id: before.id, createdAt: before.createdAt, region: 'ap-southeast-1', default: true });
    expect((await h.run(['default'])).stdout).toBe('root\n');
    expect((await h.run(['profile', 'show', 'ag'])).stdout).toMatch(/^chain\s+ag ← root$/m);

    const edited = await h.run(['profile', 'update', 'ag', '--region', '', '--agency-domain-id', 'd0123', '--no-write-koocli', '--write-sdk-credentials', '--duration', '7200', '--json']);
    expect(edited.code, edited.stderr).toBe(0);
    const { profile } = JSON.parse(edited.stdout);
    expect(profile).toMatchObject({ agencyDomainId: 'd0123', durationSeconds: 7200, toolFiles: { sdkCredentials: true } });
    expect(profile).not.toHaveProperty('region');
    expect(profile).not.toHaveProperty('agencyDomainName');
  });

  it('replaces secrets only with --secrets-from-stdin, read per kind', async () => {
    const h = harness();
    await h.run(['profile', 'add', '--name', 'acct', '--kind', 'account', '--domain-name', 'acme', '--user-name', 'alice'], 'first-pass\n');
    const { id } = await h.json(['profile', 'show', 'acct', '--json']);
    const noSecrets = await h.run(['profile', 'update', 'acct', '--mfa-user-id', 'u-1'], 'ignored-line\n');
    expect(noSecrets).toMatchObject({ code: 0, stdout: 'Updated profile "acct".\n' });
    expect(await h.secretStore.get(secretAccounts.password(String(id)))).toBe('first-pass');
    const replaced = await h.run(['profile', 'update', 'acct', '--secrets-from-stdin'], 'second-pass\n');
    expect(replaced).toMatchObject({ code: 0, stdout: 'Updated profile "acct" (secrets replaced).\n' });
    expect(await h.secretStore.get(secretAccounts.password(String(id)))).toBe('second-pass');
    const empty = await h.run(['profile', 'update', 'acct', '--secrets-from-stdin']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('No password on stdin');
    expect(h.output()).not.toMatch(/first-pass|second-pass/);
  });

  it('exits 2 for nothing to change, secrets on a kind without any, options of another kind, or a secret on argv', async () => {
    const h = harness();
    await h.addBase();
    await h.run(['profile', 'add', '--name', 'ag', '--kind', 'agency', '--source', 'base', '--agency-domain-name', 'acme', '--agency-name', 'admin']);
    const cases: Array<[string[], RegExp]> = [
      [['profile', 'update', 'ag'], /Nothing to change for "ag"/],
      [['profile', 'update', 'ag', '--secrets-from-stdin'], /^akvault: error: An agency profile has no secrets to replace; leave out --secrets-from-stdin\. \[usage\]$/m],
      [['profile', 'update', 'base', '--agency-name', 'x'], /--agency-name does not apply to an access-key profile; it is only for agency profiles\./],
      [['profile', 'update', 'ag', '--agency-domain-name', 'a', '--agency-domain-id', 'b'], /not both/],
      [['profile', 'update', 'base', '--password', 'OnTheCommandLine123'], /never taken from the command line/],
    ];
    for (const [args, message] of cases) {
      const r = await h.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(h.output()).not.toContain('OnTheCommandLine123');
  });

  it('exits 1 with profile.cycle for a loop, naming it, and changes nothing', async () => {
    const h = harness();
    await h.addBase();
    await h.run(['profile', 'add', '--name', 'a', '--kind', 'agency', '--source', 'base', '--agency-domain-name', 'acme', '--agency-name', 'x']);
    await h.run(['profile', 'add', '--name', 'b', '--kind', 'agency', '--source', 'a', '--agency-domain-name', 'acme', '--agency-name', 'y']);
    const r = await h.run(['profile', 'update', 'a', '--source', 'b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('akvault: error: Agency "a" would be part of a loop of sources: a ← b ← a. [profile.cycle]');
    expect((await h.run(['profile', 'show', 'b'])).stdout).toMatch(/^chain\s+b ← a ← base$/m);
  });
});

describe('akvault default', () => {
  it('shows, sets and clears the default profile', async () => {
    const h = harness();
    await h.addBase('prod');
    expect(await h.run(['default'])).toMatchObject({ code: 0, stdout: 'No default profile is set (set one with `akvault default NAME`).\n' });
    expect(await h.run(['default', 'prod'])).toMatchObject({ code: 0, stdout: 'The default profile is now "prod".\n' });
    expect(await h.json(['default', '--json'])).toEqual({ defaultProfile: 'prod' });
    expect((await h.run(['profile', 'list'])).stdout).toMatch(/^\*\s+prod\s/m);
    expect(await h.run(['default', '--clear'])).toMatchObject({ code: 0, stdout: 'The default profile is cleared.\n' });
    expect(await h.json(['default', '--json'])).toEqual({ defaultProfile: null });
    const unknown = await h.run(['default', 'Prod']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'akvault: error: There is no profile named "Prod". [profile.not-found]\nakvault: hint: Did you mean "prod"?\n' });
    expect((await h.run(['default', 'prod', '--clear'])).code).toBe(2);
  });

  it('has help (exit 0) like every other command', async () => {
    const h = harness();
    for (const args of [['default', '--help'], ['profile', 'update', '--help']]) {
      const r = await h.run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: akvault');
    }
    expect((await h.run(['profile', 'add', '--help'])).stdout).toContain('account: line 1 password');
  });
});
