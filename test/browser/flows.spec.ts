/**
 * The profile manager against the real core: `akvault serve --ui` (built CLI, real keychain, the IAM
 * emulator as IAM), driven through the UI as a person would. One signed-in page for the whole file
 * (the sign-in link works once), the steps in order: add an access key, import a credentials.csv,
 * build an agency on the key, start its session and watch the countdown, copy an export, live through
 * an IAM outage (the alarm appears, and clears on recovery), rotate the key, and rotate again with a
 * failure midway that is then resumed.
 *
 * Run inside build/scripts/with-keyring.sh (real Secret Service), after `npm run build`.
 */
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { startRealCore, type RealCore } from './support/real-core';

const SRC = { id: 'd0000000000000000000000000000f01', name: 'acme-src' };
const TARGET = { id: 'd0000000000000000000000000000f02', name: 'acme-target' };
const ALICE = { id: 'u0000000000000000000000000000f01', ak: 'FLOWALICEKEY00000001', sk: 'FlowAliceSecret0000000000000000000000001' };
const CAROL = { id: 'u0000000000000000000000000000f02', ak: 'FLOWCAROLKEY00000001', sk: 'FlowCarolSecret0000000000000000000000001' };

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
          users: [
            { id: ALICE.id, name: 'f-alice', password: 'F-Alice-1', roles: ['Agent Operator'], accessKeys: [{ accessKeyId: ALICE.ak, secretAccessKey: ALICE.sk }] },
            { id: CAROL.id, name: 'f-carol', password: 'F-Carol-1', accessKeys: [{ accessKeyId: CAROL.ak, secretAccessKey: CAROL.sk }] },
          ],
        },
        { ...TARGET, agencies: [{ name: 'auditor', trustedDomains: [SRC.name, SRC.id] }] },
      ],
    },
    profiles: [],
  });
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: core.origin });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(core.loginUrl);
  await expect(page.getByTestId('empty')).toBeVisible({ timeout: 15_000 });
});

test.afterAll(async () => {
  await context?.close();
  await core?.stop();
});

const details = () => page.getByTestId('profile-details');
const row = (name: string) => page.locator(`[data-profile="${name}"]`);

async function select(name: string) {
  await page.getByTestId('nav-profiles').click();
  await row(name).locator('[data-row-focus]').click();
  await expect(details().getByRole('heading', { name })).toBeVisible();
}

test('add an access key: the secret goes to the keychain, never back to the page', async () => {
  await page.getByRole('button', { name: 'Add profile' }).first().click();
  const form = page.getByTestId('profile-form');
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
  await expect(details()).toContainText('alice-src');
  expect(await page.content()).not.toContain(ALICE.sk);
  // The core has it: the CLI sees the profile.
  const listed = await core.akvault(['profile', 'list']);
  expect(listed.stdout).toContain('alice-src');
});

test('import a credentials.csv: preview, then the key is stored', async () => {
  await page.getByTestId('nav-import').click();
  const csv = `User Name,Access Key Id,Secret Access Key\nf-carol,${CAROL.ak},${CAROL.sk}\nf-alice,${ALICE.ak},${ALICE.sk}\n`;
  await page.getByTestId('csv-file').setInputFiles({ name: 'credentials.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('1 new, 1 already stored, 0 invalid.');
  await expect(preview.locator('tr[data-status="existing"]')).toContainText('already stored as alice-src');
  await preview.getByRole('button', { name: 'Import 1 key' }).click();
  await expect(page.getByTestId('import-report')).toContainText('1 added, 1 unchanged');
  expect(await page.content()).not.toContain(CAROL.sk);
  await page.getByRole('button', { name: 'Go to profiles' }).click();
  await expect(row('f-carol')).toContainText(CAROL.ak);
});

test('create an agency on the key: the source picker shows the chain', async () => {
  await page.getByRole('button', { name: 'Add profile' }).first().click();
  const form = page.getByTestId('profile-form');
  await form.getByTestId('kind-select').selectOption('agency');
  await form.getByLabel('Profile name').fill('target-auditor');
  await form.getByLabel('Filter source profiles').fill('alice');
  const source = form.getByTestId('source-select');
  await source.selectOption({ index: 1 });
  await expect(form.getByTestId('chain-preview')).toContainText('target-auditor ← alice-src (1 agency)');
  await form.getByLabel('Delegating account name').fill(TARGET.name);
  await form.getByLabel('Agency name').fill('auditor');
  await form.getByText('More: region, project, account and user, endpoint, refresh margin').click();
  await form.getByLabel('IAM endpoint').fill(core.emulator.url);
  await form.getByRole('button', { name: 'Add profile' }).click();
  await expect(form).toBeHidden();
  await expect(row('target-auditor')).toContainText('Agency auditor in acme-target via alice-src');
});

test('start the agency session and watch the countdown', async () => {
  await row('target-auditor').getByRole('button', { name: 'Start session for target-auditor' }).click();
  await expect(row('target-auditor')).toContainText('Active', { timeout: 15_000 });
  const countdown = row('target-auditor').getByTestId('countdown');
  await expect(countdown).toHaveText(/^(1 h 0 min|60 min|59 min) left$/);
  const expiresAt = Date.parse((await countdown.getAttribute('datetime'))!);
  expect(expiresAt - Date.now()).toBeGreaterThan(55 * 60_000);
  expect(expiresAt - Date.now()).toBeLessThanOrEqual(60 * 60_000 + 5_000);
  await select('target-auditor');
  await expect(details().getByTestId('countdown')).toHaveText(/left$/);
});

test('copy an export: it reaches the clipboard, the page says when it clears', async () => {
  await page.bringToFront();
  await select('target-auditor');
  await details().getByRole('button', { name: 'Copy credentials of target-auditor' }).click();
  await page.getByRole('menuitem', { name: 'Export for bash / zsh' }).click();
  const toast = page.getByTestId('toast').filter({ hasText: 'Copied' });
  await expect(toast).toContainText('Copied Export for bash / zsh of target-auditor.');
  await expect(toast.getByTestId('clears-in')).toHaveText(/The clipboard clears in \d+ s\./);
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toMatch(/^export /m);
  // The temporary keys are on the clipboard, not in the page or its store.
  const ak = /(?:AK|ACCESS_KEY[A-Z_]*)='?([A-Z0-9]{8,})/.exec(clip)?.[1];
  expect(ak).toBeTruthy();
  expect(await page.content()).not.toContain(ak!);
});

test('an IAM outage raises an alarm; recovery clears it', async () => {
  await core.emulator.inject('*', { kind: 'status', status: 503 });
  try {
    await select('target-auditor');
    await details().getByRole('button', { name: 'Refresh now' }).click();
    const banner = page.getByTestId('alarm-banner');
    await expect(banner).toContainText('Alarm: refreshing target-auditor failed', { timeout: 20_000 });
    await expect(page.getByTestId('nav-alarms')).toContainText('1');
    await expect(row('target-auditor')).toContainText('Refresh failing');
    await expect(page.getByTestId('toast').filter({ hasText: /IAM/ })).toBeVisible();
  } finally {
    await core.emulator.clearFaults();
  }
  await details().getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByTestId('alarm-banner')).toBeEmpty({ timeout: 20_000 });
  await expect(row('target-auditor')).toContainText('Active');
  await page.getByTestId('nav-alarms').click();
  await expect(page.getByTestId('alarms-none')).toBeVisible();
  await expect(page.getByTestId('alarms-history')).toContainText('target-auditor');
});

test('rotate the key: each step shown, the old key deleted on confirmation', async () => {
  await select('alice-src');
  await details().getByRole('button', { name: 'Rotate key…' }).click();
  const dialog = page.getByTestId('rotation-dialog');
  await dialog.getByRole('button', { name: 'Start rotation' }).click();
  const steps = dialog.getByTestId('rotation-steps');
  await expect(steps.locator('[data-step="done"]')).toHaveAttribute('data-state', 'waiting', { timeout: 30_000 });
  await expect(steps.locator('[data-state="complete"]')).toHaveCount(5);
  const keys = await core.emulator.keysOf(ALICE.id);
  const fresh = keys.find((k) => k.accessKeyId !== ALICE.ak)!;
  expect(keys).toEqual(expect.arrayContaining([{ accessKeyId: ALICE.ak, status: 'inactive' }, { accessKeyId: fresh.accessKeyId, status: 'active' }]));
  await dialog.getByRole('button', { name: `Delete old key ${ALICE.ak}` }).click();
  await expect(dialog.getByTestId('rotation-stage')).toContainText(`Done: alice-src uses ${fresh.accessKeyId}; the old key ${ALICE.ak} was deleted.`, { timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(details()).toContainText(fresh.accessKeyId);
  expect(await core.emulator.keysOf(ALICE.id)).toEqual([{ accessKeyId: fresh.accessKeyId, status: 'active' }]);
});

test('a rotation failing midway says what state the keys are in, and resumes', async () => {
  const before = (await core.emulator.keysOf(ALICE.id))[0]!.accessKeyId;
  // Deactivating the old key is refused: the profile has switched, the old key is still active.
  await core.emulator.inject('credentials.update', { kind: 'status', status: 403 });
  await select('alice-src');
  await details().getByRole('button', { name: 'Rotate key…' }).click();
  const dialog = page.getByTestId('rotation-dialog');
  await dialog.getByRole('button', { name: 'Start rotation' }).click();
  const steps = dialog.getByTestId('rotation-steps');
  await expect(steps.locator('[data-step="deactivated"]')).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(steps.locator('[data-step="switched"]')).toHaveAttribute('data-state', 'complete');
  await expect(dialog.getByTestId('rotation-stage')).toContainText(`The old key ${before} is still active`);
  await expect(dialog.getByTestId('rotation-error')).toBeVisible();
  await core.emulator.clearFaults();
  await dialog.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(steps.locator('[data-step="done"]')).toHaveAttribute('data-state', 'waiting', { timeout: 20_000 });
  // Keep the old key inactive instead of deleting it.
  await dialog.getByRole('button', { name: 'End rotation, keep the old key' }).click();
  await expect(dialog.getByTestId('rotation-stage')).toContainText(`the old key ${before} was left inactive`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  const keys = await core.emulator.keysOf(ALICE.id);
  expect(keys).toEqual(expect.arrayContaining([{ accessKeyId: before, status: 'inactive' }]));
  expect(keys).toHaveLength(2);
  expect(pageErrors).toEqual([]);
});
