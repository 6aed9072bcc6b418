import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPS, sessionSeed } from '../../support/broker-fixture';
import { createIamEmulator, type IamEmulator } from '../../support/iam-emulator/server';
import { makeTempDirs } from '../../support/temp-dir';
import { assertCliBuilt, cliEntry, repoRoot, runAkvault } from '../profiles/support/cli';

/**
 * `akvault serve` holding the vault file (no keychain on the machine): the passphrase is typed once, by
 * `akvault unlock`, and every later command goes through serve without it; `akvault lock` drops the key;
 * a wrong passphrase leaves serve locked.
 */
const temp = makeTempDirs('akvault-it-serve-vault-');
const PASS = 'serve vault passphrase';
let emulator: IamEmulator;
let env: NodeJS.ProcessEnv;
let serve: ChildProcess | null = null;
let serveLog = '';

const run = (args: string[], extra: NodeJS.ProcessEnv = {}, stdin?: string) => runAkvault(args, { env: { ...env, ...extra }, ...(stdin ? { stdin } : {}) });

async function waitForLog(pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!pattern.test(serveLog)) {
    if (Date.now() > deadline) throw new Error(`serve did not log ${pattern}: ${serveLog}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  assertCliBuilt();
  emulator = await createIamEmulator({ seed: sessionSeed({ tokenExpiresAt: '2099-12-31T00:00:00Z' }) });
  const root = temp.make();
  await fsp.mkdir(path.join(root, 'home'), { mode: 0o700 });
  env = {
    PATH: process.env.PATH,
    HOME: path.join(root, 'home'),
    TMPDIR: root,
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    AKVAULT_VAULT_SCRYPT_LOG_N: '12',
    NO_PROXY: '127.0.0.1,localhost',
  };
  const add = await run(['profile', 'add', '--name', 'ops', '--access-key-id', OPS.ak, '--domain-id', OPS.domainId, '--iam-endpoint', emulator.url], { AKVAULT_VAULT_PASSPHRASE: PASS }, `${OPS.sk}\n`);
  expect(add.stderr).toBe('');
  const agency = await run(['profile', 'add', '--name', 'prod', '--kind', 'agency', '--source', 'ops', '--agency-domain-name', 'acme-prod', '--agency-name', 'prod-admin', '--iam-endpoint', emulator.url]);
  expect(agency.stderr).toBe('');
  serve = spawn(process.execPath, [cliEntry, 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  serve.stderr!.setEncoding('utf8').on('data', (d: string) => (serveLog += d));
  await waitForLog(/serving credentials at/);
}, 60_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const gone = new Promise((r) => serve!.once('exit', r));
    serve.kill('SIGTERM');
    await gone;
  }
  await emulator?.close();
  temp.cleanup();
});

describe('akvault serve with the vault file', () => {
  it('starts locked without a passphrase and says how to unlock; commands through it get vault.locked', async () => {
    expect(serveLog).toContain('the secrets vault is locked');
    const r = await run(['env', 'prod']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[vault.locked]');
    expect(r.stderr).toContain('akvault unlock');
  });

  it('a wrong passphrase in `akvault unlock` is refused and serve stays locked', async () => {
    const r = await run(['unlock'], { AKVAULT_VAULT_PASSPHRASE: 'not the passphrase' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('passphrase');
    expect((await run(['env', 'prod'])).stderr).toContain('[vault.locked]');
  });

  it('`akvault unlock` once: later commands go through serve with no passphrase; `akvault lock` drops the key', async () => {
    const u = await run(['unlock'], { AKVAULT_VAULT_PASSPHRASE: PASS });
    expect(u.stderr).toBe('');
    expect(u.stdout).toContain('unlocked in the running akvault');
    await waitForLog(/secrets vault unlocked/);
    for (let i = 0; i < 3; i++) {
      const r = await run(['env', 'prod', '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
    }
    // One assume-role for all three: the running serve's cache.
    expect(emulator.calls.map((c) => `${c.route} ${c.status}`)).toEqual(['securitytokens 201']);

    const l = await run(['lock']);
    expect(l.stdout).toContain('The vault is locked in the running akvault');
    await waitForLog(/secrets vault locked/);
    const after = await run(['env', 'ops']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('[vault.locked]');
  });
});
