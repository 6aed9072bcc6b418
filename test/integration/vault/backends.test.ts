import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAccessKeyId, fakeSecretKey, fakeSecurityToken } from '../../support/fake-keys';
import { listFiles, scanForSecrets } from '../../support/secret-scan';
import { makeTempDirs } from '../../support/temp-dir';
import { assertCliBuilt, cliEnv, runAkvault } from '../profiles/support/cli';
import { clearService, itemsOf, keytar } from '../profiles/support/keychain';

/**
 * The two backends side by side on a desktop with a working keychain (the real gnome-keyring):
 * AKVAULT_SECRET_BACKEND=file keeps everything out of the keychain (the sealing key too), the choice is
 * recorded and never silently switched, `secrets migrate` moves every secret both ways and finishes or
 * undoes an interrupted run, and a recorded keychain that stops answering is an error saying what to do.
 */
const temp = makeTempDirs('akvault-it-backends-');
const service = `akvault-test-${randomBytes(4).toString('hex')}`;
const PASS = 'backend test passphrase';
let dir: string;
let env: NodeJS.ProcessEnv;
const sk = fakeSecretKey();
const token = fakeSecurityToken(16 * 1024);
const tmpSk = fakeSecretKey();

function run(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  return runAkvault(args, { env: { ...env, ...opts.env }, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
}

async function tmpCredentials(extra: NodeJS.ProcessEnv = {}) {
  const r = await run(['env', 'tmp', '--format', 'json'], { env: extra });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { secretAccessKey: string; securityToken: string };
}

beforeAll(() => {
  assertCliBuilt();
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('run the integration tests inside build/scripts/with-keyring.sh');
  dir = path.join(temp.make(), 'data');
  env = cliEnv(dir, service, { AKVAULT_VAULT_PASSPHRASE: PASS, AKVAULT_VAULT_SCRYPT_LOG_N: '12' });
});

afterAll(async () => {
  try {
    await clearService(service);
  } finally {
    temp.cleanup();
  }
});

describe('secret backends on a desktop with a keychain', () => {
  it('AKVAULT_SECRET_BACKEND=file: nothing goes to the OS keychain, not even the sealing key of a 16 KB token', async () => {
    const file = { AKVAULT_SECRET_BACKEND: 'file' };
    expect((await run(['profile', 'add', '--name', 'ops', '--access-key-id', fakeAccessKeyId()], { stdin: `${sk}\n`, env: file })).stderr).toBe('');
    const add = await run(['profile', 'add', '--name', 'tmp', '--kind', 'temporary-key', '--access-key-id', fakeAccessKeyId(), '--expires-at', '2099-01-01T00:00:00Z'], {
      stdin: `${tmpSk}\n${token}\n`,
      env: file,
    });
    expect(add.stderr).toBe('');
    expect(await itemsOf(service)).toEqual(new Map());
    expect(await listFiles(path.join(dir, 'sealed'))).toEqual([]);
    expect(await tmpCredentials(file)).toMatchObject({ secretAccessKey: tmpSk, securityToken: token });
    // Recorded: without the variable it stays the vault file.
    expect(JSON.parse(await fsp.readFile(path.join(dir, 'secret-backend.json'), 'utf8'))).toEqual({ backend: 'file' });
    expect(await tmpCredentials()).toMatchObject({ securityToken: token });
    expect(await itemsOf(service)).toEqual(new Map());
    const shown = await run(['secrets', 'backend', '--json']);
    expect(JSON.parse(shown.stdout)).toEqual({ backend: 'file', reason: 'recorded', vault: 'locked' });
  });

  it('asking for the other backend than the recorded one is an error naming migrate, never a silent switch', async () => {
    const r = await run(['env', 'tmp'], { env: { AKVAULT_SECRET_BACKEND: 'keychain' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('[secrets.backend]');
    expect(r.stderr).toContain('akvault secrets migrate --to keychain');
    expect(await itemsOf(service)).toEqual(new Map());
  });

  it('secrets migrate --to keychain moves every secret, verifies, deletes the vault copies; and back again', async () => {
    const to = await run(['secrets', 'migrate', '--to', 'keychain']);
    expect(to.stderr).toBe('');
    expect(to.stdout).toMatch(/^Moved 3 secrets to the OS keychain; the old copies are deleted\.\n$/);
    const items = await itemsOf(service);
    expect([...items.keys()].filter((a) => a.startsWith('profile:'))).toHaveLength(3);
    expect([...items.values()]).toContain(sk);
    // The 16 KB token went through the sealed store, as every keychain write does.
    expect([...items.values()].some((v) => v.startsWith('akvault-sealed:v2:'))).toBe(true);
    expect(JSON.parse(await fsp.readFile(path.join(dir, 'secret-backend.json'), 'utf8'))).toEqual({ backend: 'keychain' });
    // No passphrase needed any more.
    expect(await tmpCredentials({ AKVAULT_VAULT_PASSPHRASE: '' })).toMatchObject({ secretAccessKey: tmpSk, securityToken: token });
    expect((await run(['secrets', 'migrate', '--to', 'keychain'])).stdout).toContain('already kept in the OS keychain');

    const back = await run(['secrets', 'migrate', '--to', 'file']);
    expect(back.stderr).toBe('');
    expect(back.stdout).toContain('Moved 3 secrets to the encrypted vault file');
    expect([...(await itemsOf(service)).keys()]).toEqual([]);
    expect(await tmpCredentials()).toMatchObject({ secretAccessKey: tmpSk, securityToken: token });
    expect(await scanForSecrets(dir, [sk, tmpSk, token.slice(0, 64), PASS])).toEqual([]);
  });

  it('an interrupted migration is undone by migrating back, or finished by running it again', async () => {
    const journal = path.join(dir, 'secrets-migration.json');
    const accounts = JSON.parse((await run(['profile', 'list', '--json'])).stdout).map((p: { id: string }) => `profile:${p.id}:sk`) as string[];
    const k = await keytar();
    // As if killed after copying one secret to the keychain.
    await fsp.writeFile(journal, JSON.stringify({ from: 'file', to: 'keychain', stage: 'copying', accounts }), { mode: 0o600 });
    await k.setPassword(service, accounts[0]!, 'partial-copy-value');
    const undo = await run(['secrets', 'migrate', '--to', 'file']);
    expect(undo.stdout).toContain('Undid the unfinished migration');
    expect(await itemsOf(service)).toEqual(new Map());
    await expect(fsp.access(journal)).rejects.toThrow();
    expect(await tmpCredentials()).toMatchObject({ secretAccessKey: tmpSk });

    await fsp.writeFile(journal, JSON.stringify({ from: 'file', to: 'keychain', stage: 'copying', accounts }), { mode: 0o600 });
    const resume = await run(['secrets', 'migrate', '--to', 'keychain']);
    expect(resume.stdout).toMatch(/^Moved 3 secrets to the OS keychain \(resumed an interrupted run\); the old copies are deleted\.\n$/);
    expect(JSON.parse(await fsp.readFile(path.join(dir, 'secret-backend.json'), 'utf8'))).toEqual({ backend: 'keychain' });
  });

  it('a recorded keychain that stops answering is an error saying how to proceed; no vault appears', async () => {
    const before = await listFiles(dir);
    const r = await run(['env', 'tmp'], { env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', AKVAULT_VAULT_PASSPHRASE: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[keychain.unavailable]');
    expect(r.stderr).toContain('akvault secrets migrate --to file');
    expect(await listFiles(dir)).toEqual(before);
  });
});
