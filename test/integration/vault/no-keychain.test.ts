import { promises as fsp, type Dirent } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPS, sessionSeed } from '../../support/broker-fixture';
import { createIamEmulator, type IamEmulator } from '../../support/iam-emulator/server';
import { listFiles, scanForSecrets } from '../../support/secret-scan';
import { makeTempDirs } from '../../support/temp-dir';
import { assertCliBuilt, runAkvault } from '../profiles/support/cli';
import { fakeAccessKeyId, fakeSecurityToken } from '../../support/fake-keys';

/**
 * The main job on a machine without any Secret Service (no D-Bus at all), as on WSL, SSH hosts and
 * fresh servers: akvault picks the encrypted vault file by itself, and everything works with the
 * passphrase from AKVAULT_VAULT_PASSPHRASE — with nothing secret in plain text anywhere, private
 * permissions, and a wrong passphrase that changes no byte.
 */
const temp = makeTempDirs('akvault-it-vault-');
const PASS = 'vault passphrase for the test run';
let emulator: IamEmulator;
let root: string;
let env: NodeJS.ProcessEnv;
const secrets: string[] = [OPS.sk, PASS];

function run(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  return runAkvault(args, { env: { ...env, ...opts.env }, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
}

async function bytesUnder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[path.relative(dir, f)] = (await fsp.readFile(f)).toString('base64');
  return out;
}

async function modes(dir: string): Promise<Array<{ path: string; mode: string }>> {
  const out: Array<{ path: string; mode: string }> = [];
  const walk = async (d: string) => {
    const entries: Dirent[] = await fsp.readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const full = path.join(d, e.name);
      out.push({ path: path.relative(dir, full), mode: ((await fsp.stat(full)).mode & 0o777).toString(8) });
      if (e.isDirectory()) await walk(full);
    }
  };
  await walk(dir);
  return out;
}

beforeAll(async () => {
  assertCliBuilt();
  emulator = await createIamEmulator({ seed: sessionSeed({ tokenExpiresAt: '2099-12-31T00:00:00Z' }) });
  root = temp.make();
  const home = path.join(root, 'home');
  const tmp = path.join(root, 'tmp');
  await fsp.mkdir(home, { mode: 0o700 });
  await fsp.mkdir(tmp, { mode: 0o700 });
  env = {
    PATH: process.env.PATH,
    HOME: home,
    TMPDIR: tmp,
    LANG: 'C.UTF-8',
    // No Secret Service anywhere: a bus address that leads nowhere, no display to autolaunch one from.
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    AKVAULT_VAULT_PASSPHRASE: PASS,
    NO_PROXY: '127.0.0.1,localhost',
  };
});

afterAll(async () => {
  await emulator?.close();
  temp.cleanup();
});

describe('akvault without an OS keychain', () => {
  it('profile add + agency + env give IAM-issued keys from the vault file; nothing in plain text; private modes', async () => {
    const add = await run(['profile', 'add', '--name', 'ops', '--kind', 'access-key', '--access-key-id', OPS.ak, '--domain-id', OPS.domainId, '--iam-endpoint', emulator.url], {
      stdin: `${OPS.sk}\n`,
    });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    // A temporary key with a 16 KB token: no sealing needed, still nothing in plain text.
    const tmpAk = fakeAccessKeyId();
    const tmpSk = 'TmpSecretKey0000000000000000000000000001';
    const token = fakeSecurityToken(16 * 1024);
    secrets.push(tmpSk, token.slice(0, 64), token.slice(-64));
    const tmpAdd = await run(['profile', 'add', '--name', 'tmp', '--kind', 'temporary-key', '--access-key-id', tmpAk, '--expires-at', '2099-01-01T00:00:00Z'], {
      stdin: `${tmpSk}\n${token}\n`,
    });
    expect(tmpAdd.stderr).toBe('');
    const tmpEnv = JSON.parse((await run(['env', 'tmp', '--format', 'json'])).stdout) as { secretAccessKey: string; securityToken: string };
    expect(tmpEnv).toMatchObject({ secretAccessKey: tmpSk, securityToken: token });

    const agency = await run([
      'profile', 'add', '--name', 'prod', '--kind', 'agency', '--source', 'ops',
      '--agency-domain-name', 'acme-prod', '--agency-name', 'prod-admin', '--duration', '900', '--iam-endpoint', emulator.url,
    ]);
    expect(agency.stderr).toBe('');
    const out = await run(['env', 'prod', '--format', 'json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const creds = JSON.parse(out.stdout) as { accessKeyId: string; secretAccessKey: string; securityToken: string };
    expect(creds.accessKeyId).not.toBe(OPS.ak);
    expect(creds.securityToken.length).toBeGreaterThan(100);
    expect(emulator.callsTo('securitytokens').filter((c) => c.status === 201 && c.accessKeyId === OPS.ak)).toHaveLength(1);
    secrets.push(creds.secretAccessKey, creds.securityToken.slice(0, 64));

    const dataDir = path.join(env.HOME!, '.config', 'akvault');
    expect(JSON.parse(await fsp.readFile(path.join(dataDir, 'secret-backend.json'), 'utf8'))).toEqual({ backend: 'file' });
    expect(await listFiles(path.join(dataDir, 'vault'))).toHaveLength(2);
    expect(await listFiles(path.join(dataDir, 'sealed'))).toEqual([]);
    for (const dir of [env.HOME!, env.TMPDIR!]) expect(await scanForSecrets(dir, secrets)).toEqual([]);
    for (const m of await modes(dataDir)) {
      const isDir = (await fsp.stat(path.join(dataDir, m.path))).isDirectory();
      expect(m, m.path).toEqual({ path: m.path, mode: isDir ? '700' : '600' });
    }
  });

  it('a wrong passphrase exits 1 at once, says "passphrase" on stderr, prints nothing, changes no byte', async () => {
    const before = await bytesUnder(root);
    // The audit log is there (the earlier env calls were served) and must not grow by a failed call.
    expect(Object.keys(before)).toContain(path.join('home', '.config', 'akvault', 'audit.log'));
    for (const args of [['env', 'prod', '--format', 'json'], ['env', 'ops'], ['profile', 'add', '--name', 'x', '--access-key-id', fakeAccessKeyId()], ['profile', 'remove', 'tmp']]) {
      const r = await run(args, { env: { AKVAULT_VAULT_PASSPHRASE: 'not the right passphrase' }, stdin: 'XSecretKey00000000000000000000000000000\n' });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('passphrase');
      expect(r.stderr).toContain('[vault.passphrase]');
    }
    expect(await bytesUnder(root)).toEqual(before);
  });

  it('without a passphrase and without a terminal, fails at once and says how to give one', async () => {
    const before = await bytesUnder(root);
    const r = await run(['env', 'ops'], { env: { AKVAULT_VAULT_PASSPHRASE: '' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('[vault.no-passphrase]');
    expect(r.stderr).toContain('AKVAULT_VAULT_PASSPHRASE');
    // Reading profile data needs no passphrase.
    expect((await run(['profile', 'list'], { env: { AKVAULT_VAULT_PASSPHRASE: '' } })).code).toBe(0);
    expect(await bytesUnder(root)).toEqual(before);
  });

  it('the vault opens with the standard age format: key.age is a scrypt file, secrets.age is for an X25519 recipient', async () => {
    const vault = path.join(env.HOME!, '.config', 'akvault', 'vault');
    const key = await fsp.readFile(path.join(vault, 'key.age'), 'latin1');
    const data = await fsp.readFile(path.join(vault, 'secrets.age'), 'latin1');
    expect(key).toMatch(/^age-encryption\.org\/v1\n-> scrypt \S+ 18\n/);
    expect(data).toMatch(/^age-encryption\.org\/v1\n-> X25519 \S+\n/);
    // …and the reference implementation opens them the documented way.
    const age = await import('age-encryption');
    const d1 = new age.Decrypter();
    d1.addPassphrase(PASS);
    const identity = (await d1.decrypt(await fsp.readFile(path.join(vault, 'key.age')), 'text')).split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    const d2 = new age.Decrypter();
    d2.addIdentity(identity);
    const doc = JSON.parse(await d2.decrypt(await fsp.readFile(path.join(vault, 'secrets.age')), 'text')) as { secrets: Record<string, string> };
    expect(Object.values(doc.secrets)).toContain(OPS.sk);
  });

  it('passphrase change: the old passphrase stops working, the new one opens every secret', async () => {
    const NEW = 'the new vault passphrase';
    secrets.push(NEW);
    const wrong = await run(['passphrase', 'change'], { stdin: `not it at all\n${NEW}\n` });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('[vault.passphrase]');
    const r = await run(['passphrase', 'change'], { stdin: `${PASS}\n${NEW}\n` });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('The vault passphrase is changed.');
    expect((await run(['env', 'ops'])).stderr).toContain('[vault.passphrase]');
    const ok = await run(['env', 'tmp', '--format', 'json'], { env: { AKVAULT_VAULT_PASSPHRASE: NEW } });
    expect(ok.stderr).toBe('');
    for (const dir of [env.HOME!, env.TMPDIR!]) expect(await scanForSecrets(dir, secrets)).toEqual([]);
  });
});
