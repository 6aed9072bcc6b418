import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFiles } from '../../../main/core/paths';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-store';
import { SealedSecretStore } from '../../../main/core/secrets/sealed-store';
import { secretAccounts } from '../../../main/core/secrets/secret-store';
import { fakeAccessKeyId, fakeSecretKey, fakeSecurityToken } from '../../support/fake-keys';
import { listFiles, scanForSecrets } from '../../support/secret-scan';
import { makeTempDirs } from '../../support/temp-dir';
import { assertCliBuilt, cliEnv, runAkvault } from './support/cli';
import { clearService, itemsOf } from './support/keychain';

/**
 * The token, account, ecs-agency and agency kinds through the built CLI on the real Secret Service:
 * each kind's secret lands in its own keychain item (and a large token in the sealed store), the kinds
 * without secrets leave the keychain alone, removal cleans up, and nothing secret is left in any file.
 */
const temp = makeTempDirs('akvault-it-kinds-');
const service = `akvault-test-${randomBytes(4).toString('hex')}`;
const dir = path.join(temp.make(), 'data');
const env = cliEnv(dir, service);
const secretsUsed: string[] = [];

type ProfileJson = { id: string; name: string; kind: string };

async function cli(args: string[], stdin?: string) {
  const r = await runAkvault(args, { env, ...(stdin === undefined ? {} : { stdin }) });
  return r;
}

async function idOf(name: string): Promise<string> {
  const r = await cli(['profile', 'show', name, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as ProfileJson).id;
}

/** Every keychain item of this test's service that belongs to the profile id. */
async function itemsFor(id: string): Promise<string[]> {
  return [...(await itemsOf(service)).keys()].filter((a) => secretAccounts.ofProfile(id).includes(a)).sort();
}

function sealedStore(): SealedSecretStore {
  return new SealedSecretStore(new KeytarSecretStore({ service }), { sealedDir: dataFiles(dir).sealedDir, namespace: service });
}

beforeAll(() => {
  assertCliBuilt();
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('run the integration tests inside build/scripts/with-keyring.sh');
});

afterAll(async () => {
  try {
    await clearService(service);
  } finally {
    temp.cleanup();
  }
});

describe('the minted kinds on the real keychain', () => {
  it('token: the IAM token (8 KB) goes through the sealed store into its own item', async () => {
    const token = `MII${fakeSecurityToken(8 * 1024)}`;
    secretsUsed.push(token);
    const add = await cli(['profile', 'add', '--name', 'tok', '--kind', 'token', '--expires-at', '2099-01-01T00:00:00Z', '--duration', '7200'], `${token}\n`);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toBe('Added profile "tok" (token: IAM token, keys for 7200s).\n');
    const id = await idOf('tok');
    expect(await itemsFor(id)).toEqual([secretAccounts.authToken(id)]);
    expect((await itemsOf(service)).get(secretAccounts.authToken(id))).toMatch(/^akvault-sealed:v\d+:/);
    expect(await sealedStore().get(secretAccounts.authToken(id))).toBe(token);
    expect(`${add.stdout}${add.stderr}`).not.toContain(token.slice(0, 40));
  });

  it('account: the password lands in its item exactly as typed, and update --secrets-from-stdin replaces it', async () => {
    const password = `Pass word ${randomBytes(6).toString('hex')}`;
    const next = `Next-${randomBytes(8).toString('hex')}`;
    secretsUsed.push(password, next);
    const add = await cli(['profile', 'add', '--name', 'acct', '--kind', 'account', '--domain-name', 'acme', '--user-name', 'alice', '--mfa-user-id', '0b1c2d3e'], `${password}\n`);
    expect(add.code, add.stderr).toBe(0);
    const id = await idOf('acct');
    expect(await itemsFor(id)).toEqual([secretAccounts.password(id)]);
    expect((await itemsOf(service)).get(secretAccounts.password(id))).toBe(password);

    const update = await cli(['profile', 'update', 'acct', '--secrets-from-stdin'], `${next}\n`);
    expect(update).toMatchObject({ code: 0, stdout: 'Updated profile "acct" (secrets replaced).\n' });
    expect((await itemsOf(service)).get(secretAccounts.password(id))).toBe(next);
    expect(await itemsFor(id)).toEqual([secretAccounts.password(id)]);
  });

  it('ecs-agency and agency: no keychain items; the source in use cannot be removed', async () => {
    const sk = fakeSecretKey();
    secretsUsed.push(sk);
    expect((await cli(['profile', 'add', '--name', 'base', '--access-key-id', fakeAccessKeyId()], `${sk}\n`)).code).toBe(0);
    const before = (await itemsOf(service)).size;
    const ecs = await cli(['profile', 'add', '--name', 'ecs', '--kind', 'ecs-agency']);
    expect(ecs.code, ecs.stderr).toBe(0);
    const ag = await cli(['profile', 'add', '--name', 'ag', '--kind', 'agency', '--source', 'base', '--agency-domain-name', 'acme', '--agency-name', 'admin']);
    expect(ag).toMatchObject({ code: 0, stdout: 'Added profile "ag" (agency: acme/admin ← base).\n' });
    const top = await cli(['profile', 'add', '--name', 'top', '--kind', 'agency', '--source', 'ag', '--agency-domain-id', 'd0123', '--agency-name', 'ops']);
    expect(top.code, top.stderr).toBe(0);
    expect((await itemsOf(service)).size).toBe(before);
    expect((await cli(['profile', 'show', 'top'])).stdout).toMatch(/^chain\s+top ← ag ← base$/m);

    const refused = await cli(['profile', 'remove', 'base']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[profile.in-use]');
    expect(await itemsFor(await idOf('base'))).toHaveLength(1);
  });

  it('remove cleans every keychain item and sealed file of each kind', async () => {
    const ids = Object.fromEntries(await Promise.all(['tok', 'acct', 'ecs', 'ag', 'top', 'base'].map(async (n) => [n, await idOf(n)] as const)));
    for (const name of ['tok', 'acct', 'ecs', 'top', 'ag', 'base']) {
      const r = await cli(['profile', 'remove', name]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
    }
    for (const id of Object.values(ids)) expect(await itemsFor(id)).toEqual([]);
    expect(await listFiles(dataFiles(dir).sealedDir)).toEqual([]);
    expect(JSON.parse((await cli(['profile', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('leaves no token, password or SK in any file under the data directory', async () => {
    expect(secretsUsed).toHaveLength(4);
    expect((await listFiles(dir)).length).toBeGreaterThan(0);
    expect(await scanForSecrets(dir, secretsUsed)).toEqual([]);
    const profilesText = await fsp.readFile(dataFiles(dir).profiles, 'utf8');
    for (const s of secretsUsed) expect(profilesText).not.toContain(s.slice(0, 12));
  });
});
