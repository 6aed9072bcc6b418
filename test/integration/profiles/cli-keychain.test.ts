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
import { assertCliBuilt, cliEnv, repoRoot, runAkvault } from './support/cli';
import { clearService, itemsOf } from './support/keychain';

/**
 * The CLI end to end on the real Secret Service (gnome-keyring, via build/scripts/with-keyring.sh):
 * secrets really land in the keychain and really leave it, large tokens go through the sealed store,
 * and a missing or locked keychain fails clearly without storing anything anywhere else.
 */
const temp = makeTempDirs('akvault-it-cli-');
const service = `akvault-test-${randomBytes(4).toString('hex')}`;
const secretsUsed: string[] = [];
const dataDirs: string[] = [];

function newDataDir(): string {
  const dir = path.join(temp.make(), 'data');
  dataDirs.push(dir);
  return dir;
}

function key() {
  const k = { ak: fakeAccessKeyId(), sk: fakeSecretKey() };
  secretsUsed.push(k.sk);
  return k;
}

type ProfileJson = { id: string; name: string; kind: string; accessKeyId: string };

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

describe('akvault profile on the real keychain', () => {
  it('add → list → remove round trip puts the SK in the keychain and takes it out again', async () => {
    const dir = newDataDir();
    const env = cliEnv(dir, service);
    const k = key();
    const add = await runAkvault(['profile', 'add', '--name', 'prod', '--kind', 'access-key', '--access-key-id', k.ak, '--region', 'cn-north-4'], { env, stdin: `${k.sk}\n` });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);

    const list = await runAkvault(['profile', 'list', '--json'], { env });
    expect(list.code).toBe(0);
    const [p] = JSON.parse(list.stdout) as ProfileJson[];
    expect(p).toMatchObject({ name: 'prod', kind: 'access-key', accessKeyId: k.ak });
    const items = await itemsOf(service);
    expect(items.get(secretAccounts.secretKey(p!.id))).toBe(k.sk);

    const remove = await runAkvault(['profile', 'remove', 'prod'], { env });
    expect(remove).toMatchObject({ code: 0, stdout: 'Removed profile "prod" and 1 keychain item.\n' });
    expect((await itemsOf(service)).has(secretAccounts.secretKey(p!.id))).toBe(false);
    expect(JSON.parse((await runAkvault(['profile', 'list', '--json'], { env })).stdout)).toEqual([]);
  });

  it('keeps a 16 KB security token in the real keychain through the sealed store', async () => {
    const dir = newDataDir();
    const env = cliEnv(dir, service);
    const k = key();
    const token = fakeSecurityToken(16 * 1024);
    secretsUsed.push(token);
    const add = await runAkvault(
      ['profile', 'add', '--name', 'tmp', '--kind', 'temporary-key', '--access-key-id', k.ak, '--expires-at', '2099-01-01T00:00:00Z'],
      { env, stdin: `${k.sk}\n${token}\n` },
    );
    expect(add.code, add.stderr).toBe(0);
    const p = JSON.parse((await runAkvault(['profile', 'show', 'tmp', '--json'], { env })).stdout) as ProfileJson;

    const items = await itemsOf(service);
    expect(items.get(secretAccounts.securityToken(p.id))).toMatch(/^akvault-sealed:v2:[A-Za-z0-9+/]{43}=:[0-9a-f]{16}$/);
    const sealedFiles = await listFiles(dataFiles(dir).sealedDir);
    expect(sealedFiles).toHaveLength(1);
    expect((await fsp.stat(sealedFiles[0]!)).mode & 0o777).toBe(0o600);
    expect((await fsp.stat(dataFiles(dir).sealedDir)).mode & 0o777).toBe(0o700);

    // Read it back the way the app will: the same sealed store over the same keychain service.
    const store = new SealedSecretStore(new KeytarSecretStore({ service }), { sealedDir: dataFiles(dir).sealedDir, namespace: service });
    expect(await store.get(secretAccounts.securityToken(p.id))).toBe(token);
    expect(await store.get(secretAccounts.secretKey(p.id))).toBe(k.sk);

    expect((await runAkvault(['profile', 'remove', 'tmp'], { env })).code).toBe(0);
    const after = await itemsOf(service);
    expect(after.has(secretAccounts.securityToken(p.id))).toBe(false);
    expect(after.has(secretAccounts.secretKey(p.id))).toBe(false);
    expect(await listFiles(dataFiles(dir).sealedDir)).toEqual([]);
  });

  it('imports credentials.csv into the keychain, and a second import changes nothing', async () => {
    const dir = newDataDir();
    const env = cliEnv(dir, service);
    const [a, b] = [key(), key()];
    const csv = path.join(temp.make(), 'credentials.csv');
    await fsp.writeFile(csv, `\uFEFFUser Name,Access Key Id,Secret Access Key\r\nalice,${a.ak},${a.sk}\r\nbob,${b.ak},${b.sk}\r\n`);

    const first = await runAkvault(['profile', 'import', csv, '--name-prefix', 'acme', '--region', 'cn-north-4'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('2 added, 0 unchanged');
    const profiles = JSON.parse((await runAkvault(['profile', 'list', '--json'], { env })).stdout) as ProfileJson[];
    expect(profiles.map((p) => p.name)).toEqual(['acme-alice', 'acme-bob']);
    const items = await itemsOf(service);
    expect(items.get(secretAccounts.secretKey(profiles[0]!.id))).toBe(a.sk);
    expect(items.get(secretAccounts.secretKey(profiles[1]!.id))).toBe(b.sk);

    const fileBefore = await fsp.readFile(dataFiles(dir).profiles, 'utf8');
    const second = await runAkvault(['profile', 'import', csv], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('line 2: unchanged: already imported as "acme-alice"');
    expect(second.stdout).toContain('0 added, 2 unchanged');
    expect(await fsp.readFile(dataFiles(dir).profiles, 'utf8')).toBe(fileBefore);
    expect((await itemsOf(service)).size).toBe(items.size);

    for (const name of ['acme-alice', 'acme-bob']) expect((await runAkvault(['profile', 'remove', name], { env })).code).toBe(0);
    const left = await itemsOf(service);
    for (const p of profiles) expect(left.has(secretAccounts.secretKey(p.id))).toBe(false);
  });

  it('without a Secret Service, exits 1 with keychain.unavailable and stores nothing anywhere', async () => {
    const dir = newDataDir();
    const k = key();
    // The keychain chosen explicitly: left to choose on a fresh data dir, akvault would take the vault file instead.
    const env = cliEnv(dir, service, { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'no-such-bus')}`, AKVAULT_SECRET_BACKEND: 'keychain' });
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const add = await runAkvault(['profile', 'add', '--name', 'prod', '--access-key-id', k.ak], { env, stdin: `${k.sk}\n` });
    expect(add.code).toBe(1);
    expect(add.stdout).toBe('');
    expect(add.stderr).toMatch(/^akvault: error: The OS keychain is not available \(.*\)\. \[keychain\.unavailable\]\n/);
    expect(add.stderr).toContain('gnome-keyring-daemon --start --components=secrets');
    expect(add.stderr).not.toContain(k.sk);

    const csv = path.join(temp.make(), 'credentials.csv');
    const other = key();
    await fsp.writeFile(csv, `${other.ak},${other.sk}\n`);
    const imp = await runAkvault(['profile', 'import', csv], { env });
    expect(imp.code).toBe(1);
    expect(imp.stderr).toContain('[keychain.unavailable]');

    // Reading profiles needs no keychain.
    const list = await runAkvault(['profile', 'list', '--json'], { env });
    expect(list).toMatchObject({ code: 0, stdout: '[]\n' });
    expect(await scanForSecrets(dir, [k.sk, other.sk])).toEqual([]);
    expect(await listFiles(dir)).toEqual([]);
  });

  it('with a locked keyring, exits 1 with keychain.locked and stores nothing', async () => {
    // A session bus and keyring of its own, so locking it cannot disturb the keyring other tests use. Nothing
    // may point at the outer keyring: gnome-keyring-daemon finds a running daemon through GNOME_KEYRING_CONTROL
    // or $XDG_RUNTIME_DIR/keyring.
    const dir = newDataDir();
    const home = temp.make();
    await fsp.mkdir(path.join(home, '.local/share/keyrings'), { recursive: true });
    const k = key();
    const env = cliEnv(dir, service, {
      HOME: home,
      XDG_DATA_HOME: path.join(home, '.local/share'),
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_RUNTIME_DIR: home,
      AKVAULT_SECRET_BACKEND: 'keychain',
    });
    for (const v of ['GNOME_KEYRING_CONTROL', 'SSH_AUTH_SOCK', 'DBUS_SESSION_BUS_ADDRESS']) delete env[v];
    const unlockLockRun = [
      'eval "$(printf %s nested-test-password | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"',
      'export GNOME_KEYRING_CONTROL',
      'dbus-send --session --dest=org.freedesktop.secrets --type=method_call --print-reply /org/freedesktop/secrets ' +
        'org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null',
      'exec "$0" "$@"',
    ].join(' && ');
    const r = await runAkvault(['profile', 'add', '--name', 'prod', '--access-key-id', k.ak], {
      env,
      stdin: `${k.sk}\n`,
      command: ['dbus-run-session', '--', 'bash', '-c', unlockLockRun, process.execPath, path.join(repoRoot, 'bin/akvault.cjs')],
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/akvault: error: The OS keychain is locked .*\[keychain\.locked\]/);
    expect(r.stderr).toContain('akvault: hint: Unlock your keyring and retry.');
    expect(r.stderr).not.toContain(k.sk);
    expect(await listFiles(dir)).toEqual([]);
    // …and the keyring the other tests use is still there and unlocked.
    expect((await new KeytarSecretStore({ service }).status()).state).toBe('available');
  });

  it('leaves no SK or token in any file under the data directories', async () => {
    expect(secretsUsed.length).toBeGreaterThan(5);
    for (const dir of dataDirs) expect(await scanForSecrets(dir, secretsUsed)).toEqual([]);
  });
});
