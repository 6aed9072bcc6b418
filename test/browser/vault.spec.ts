/**
 * `akvault serve --ui` on a machine without any OS keychain (no D-Bus at all), as on WSL, SSH hosts and
 * fresh servers: the page offers to create the encrypted vault, then profiles can be added and sessions
 * started; locking brings back the unlock screen, a wrong passphrase is refused, and nothing secret is
 * ever in the page or in plain text on disk.
 */
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { listFiles, scanForSecrets } from '../support/secret-scan';
import { startRealCore, type RealCore } from './support/real-core';

const SRC = { id: 'd0000000000000000000000000000v01', name: 'acme-vault' };
const ALICE = { id: 'u0000000000000000000000000000v01', ak: 'VAULTALICEKEY0000001', sk: 'VaultAliceSecret000000000000000000000001' };
const PASS = 'four random words here';
const shots = path.join(__dirname, '../../test-results/browser/vault');

let core: RealCore;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  core = await startRealCore({
    seed: {
      domains: [
        {
          ...SRC,
          users: [{ id: ALICE.id, name: 'v-alice', password: 'V-Alice-1', roles: ['Agent Operator'], accessKeys: [{ accessKeyId: ALICE.ak, secretAccessKey: ALICE.sk }] }],
        },
        { id: 'd0000000000000000000000000000v02', name: 'acme-vault-target', agencies: [{ name: 'auditor', trustedDomains: [SRC.name, SRC.id] }] },
      ],
    },
    profiles: [],
    // No Secret Service: a bus that leads nowhere and no display to autolaunch one from.
    env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', DISPLAY: '', WAYLAND_DISPLAY: '', AKVAULT_VAULT_PASSPHRASE: '' },
  });
  context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(core.loginUrl);
});

test.afterAll(async () => {
  await context?.close();
  await core?.stop();
});

const row = (name: string) => page.locator(`[data-profile="${name}"]`);

test('the page offers to create the vault; serve said so on the terminal', async () => {
  const screen = page.getByTestId('vault-screen');
  await expect(screen).toBeVisible({ timeout: 15_000 });
  await expect(screen).toHaveAttribute('data-state', 'absent');
  await expect(screen.getByRole('heading', { name: 'Create vault' })).toBeVisible();
  expect(core.serveLog()).toContain('create it in the browser page');
  await page.screenshot({ path: path.join(shots, 'vault-create.png') });

  // Two passphrases that differ are refused in the page; nothing is created.
  await screen.getByLabel('New vault passphrase').fill(PASS);
  await screen.getByLabel('Repeat the passphrase').fill(`${PASS}!`);
  await screen.getByTestId('vault-submit').click();
  await expect(screen).toContainText('The two passphrases differ.');
  expect(await listFiles(path.join(core.dataDir, 'vault'))).toEqual([]);

  await screen.getByLabel('Repeat the passphrase').fill(PASS);
  await screen.getByTestId('vault-submit').click();
  await expect(page.getByTestId('vault-status')).toHaveAttribute('data-state', 'unlocked', { timeout: 20_000 });
  await expect(page.getByTestId('empty')).toBeVisible();
  expect(await listFiles(path.join(core.dataDir, 'vault'))).toHaveLength(2);
});

test('add an access key and an agency, and start a session, all on the vault file', async () => {
  await page.getByRole('button', { name: 'Add profile' }).first().click();
  let form = page.getByTestId('profile-form');
  await form.getByLabel('Profile name').fill('alice-src');
  await form.getByLabel('Access key ID (AK)').fill(ALICE.ak);
  await form.locator('input[name="secretAccessKey"]').fill(ALICE.sk);
  await form.getByText('More: region, project, account and user, endpoint, refresh margin').click();
  await form.getByLabel('Region').fill('cn-north-4');
  await form.getByLabel('Account ID').fill(SRC.id);
  await form.getByLabel('IAM user ID').fill(ALICE.id);
  await form.getByLabel('IAM endpoint').fill(core.emulator.url);
  await form.getByRole('button', { name: 'Add profile' }).click();
  await expect(form).toBeHidden();
  await expect(row('alice-src')).toContainText(ALICE.ak);

  await page.getByRole('button', { name: 'Add profile' }).first().click();
  form = page.getByTestId('profile-form');
  await form.getByTestId('kind-select').selectOption('agency');
  await form.getByLabel('Profile name').fill('target-auditor');
  await form.getByLabel('Filter source profiles').fill('alice');
  await form.getByTestId('source-select').selectOption({ index: 1 });
  await form.getByLabel('Delegating account name').fill('acme-vault-target');
  await form.getByLabel('Agency name').fill('auditor');
  await form.getByText('More: region, project, account and user, endpoint, refresh margin').click();
  await form.getByLabel('IAM endpoint').fill(core.emulator.url);
  await form.getByRole('button', { name: 'Add profile' }).click();
  await expect(form).toBeHidden();

  await row('target-auditor').getByRole('button', { name: 'Start session for target-auditor' }).click();
  await expect(row('target-auditor')).toContainText('Active', { timeout: 15_000 });
  await page.screenshot({ path: path.join(shots, 'vault-unlocked-session.png') });
  expect(await page.content()).not.toContain(ALICE.sk);

  // The CLI on the same data dir goes through the running serve: no passphrase asked.
  const env = await core.akvault(['env', 'target-auditor', '--format', 'json']);
  expect(env.stderr).toBe('');
  expect(JSON.parse(env.stdout).accessKeyId).toMatch(/^[A-Z0-9]{20}$/);

  const dataDir = core.dataDir;
  expect(JSON.parse(await fsp.readFile(path.join(dataDir, 'secret-backend.json'), 'utf8'))).toEqual({ backend: 'file' });
  expect(await scanForSecrets(dataDir, [ALICE.sk, PASS])).toEqual([]);
});

test('Lock brings back the unlock screen; a wrong passphrase is refused; the right one opens it', async () => {
  await page.getByTestId('vault-lock').click();
  const screen = page.getByTestId('vault-screen');
  await expect(screen).toHaveAttribute('data-state', 'locked');
  await expect(screen.getByRole('heading', { name: 'Vault locked' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'vault-locked.png') });

  await screen.getByLabel('Vault passphrase').fill('not the passphrase');
  await screen.getByTestId('vault-submit').click();
  await expect(screen.getByTestId('vault-error')).toContainText('Wrong vault passphrase', { timeout: 20_000 });
  await page.screenshot({ path: path.join(shots, 'vault-wrong-passphrase.png') });

  await screen.getByLabel('Vault passphrase').fill(PASS);
  await screen.getByTestId('vault-submit').click();
  await expect(row('target-auditor')).toBeVisible({ timeout: 20_000 });
  expect(pageErrors).toEqual([]);
});

test('the screens in Chinese', async () => {
  await page.getByTestId('nav-settings').click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByTestId('vault-lock').click();
  const screen = page.getByTestId('vault-screen');
  await expect(screen.getByRole('heading', { name: '保险库已锁定' })).toBeVisible();
  await expect(page.getByTestId('vault-status')).toContainText('保险库文件，已锁定');
  await page.screenshot({ path: path.join(shots, 'vault-locked-zh.png') });
});
