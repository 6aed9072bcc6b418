/**
 * What a person does beyond editing, with the fake bridge: copy exports (and see the clipboard
 * countdown), import a credentials.csv by drag and drop, rotate a key (success, refusal, failure and
 * resume), answer an MFA prompt in the page, switch the language, change settings, remove a profile.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/app';
import { snapshot } from './support/fixtures';

const CSV = [
  'User Name,Access Key Id,Secret Access Key',
  'alice,QTWAOYTTINDUT2QVKYUC,abcdefghijABCDEFGHIJabcdefghijABCDEFGHIJ',
  'alice,NEWALICEKEY000000002,abcdefghijABCDEFGHIJabcdefghijABCDEFGH02',
  'carol,CAROLKEY000000000001,abcdefghijABCDEFGHIJabcdefghijABCDEFGH03',
  'dave,',
].join('\n');

async function select(page: Page, name: string) {
  await page.locator(`[data-profile="${name}"] [data-row-focus]`).click();
  const details = page.getByTestId('profile-details');
  await expect(details).toContainText(name);
  return details;
}

test('copy an export by keyboard: main copies, the page shows when the clipboard clears', async ({ page, openApp }) => {
  await openApp(snapshot());
  const details = await select(page, 'dev-temp');
  const menuButton = details.getByRole('button', { name: 'Copy credentials of dev-temp' });
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Export for bash / zsh' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Export for PowerShell' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Export for bash / zsh' }).press('Enter');
  const toast = page.getByTestId('toast').filter({ hasText: 'Copied' });
  await expect(toast).toContainText('Copied Export for bash / zsh of dev-temp.');
  await expect(toast.getByTestId('clears-in')).toHaveText(/The clipboard clears in 4[45] s\./);
  await expect(toast.getByTestId('clears-in')).toHaveText(/The clipboard clears in 4[34] s\./, { timeout: 3000 });
  expect(await page.evaluate(() => window.__akvaultCalls.filter((c) => c === 'copyToClipboard').length)).toBe(1);
  // A permanent key has no security token to copy.
  const prod = await select(page, 'prod-admin');
  await prod.getByRole('button', { name: 'Copy credentials of prod-admin' }).click();
  await expect(page.getByRole('menuitem', { name: 'Security token' })).toBeDisabled();
  await page.keyboard.press('Escape');
});

test('import credentials.csv by drag and drop: preview, duplicates, then the report with the second-key notice', async ({ page, openApp }) => {
  await openApp(snapshot());
  await page.getByTestId('nav-import').click();
  await expect(page.getByRole('heading', { name: 'Import credentials.csv' })).toBeVisible();
  const drop = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'credentials.csv', { type: 'text/csv' }));
    return dt;
  }, CSV);
  await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer: drop });
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: drop });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('2 new, 1 already stored, 1 invalid.');
  await expect(preview.locator('tr[data-status="existing"]')).toContainText('already stored as prod-admin');
  await expect(preview.locator('tr[data-status="invalid"]')).toHaveCount(1);
  await preview.getByRole('button', { name: 'Import 2 keys' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('2 added, 1 unchanged, 0 conflicts, 1 invalid, 0 failed.');
  await expect(report.getByTestId('import-advisory')).toContainText('This is the second access key stored for this IAM user');
  await expect(preview).toBeHidden();
  // The file's keys went to main only.
  expect((await page.evaluate(() => window.__akvaultSecretsSeen)).map((s) => s.operation)).toEqual(['importCsv']);
  await report.getByRole('button', { name: 'Go to profiles' }).click();
  await expect(page.getByTestId('profile-count')).toHaveText('9 profiles');
});

test('rotation: every step shown, the old key deleted only on confirmation', async ({ page, openApp }) => {
  await openApp(snapshot());
  const details = await select(page, 'prod-admin');
  await details.getByRole('button', { name: 'Rotate key…' }).click();
  const dialog = page.getByTestId('rotation-dialog');
  await dialog.getByRole('button', { name: 'Start rotation' }).click();
  const steps = dialog.getByTestId('rotation-steps');
  await expect(steps.locator('[data-state="complete"]')).toHaveCount(5);
  await expect(steps.locator('[data-step="done"]')).toHaveAttribute('data-state', 'waiting');
  await expect(dialog.getByTestId('rotation-stage')).toContainText('prod-admin now uses NEWKEYROTATED0000001, and the old key QTWAOYTTINDUT2QVKYUC is inactive');
  await expect(dialog.getByRole('button', { name: 'Delete old key QTWAOYTTINDUT2QVKYUC' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(steps.locator('[data-state="complete"]')).toHaveCount(6);
  await expect(dialog.getByTestId('rotation-stage')).toContainText('Done: prod-admin uses NEWKEYROTATED0000001; the old key QTWAOYTTINDUT2QVKYUC was deleted.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(details).toContainText('NEWKEYROTATED0000001');
});

test('rotation refused when the user has two keys: names the key to delete', async ({ page, openApp }) => {
  await openApp(snapshot(), { options: { rotation: { refuse: { userId: '0a1b2c3d4e5f', deleteAccessKeyId: 'OLDINACTIVEKEY000001', deleteKeyStatus: 'inactive' } } } });
  const details = await select(page, 'prod-admin');
  await details.getByRole('button', { name: 'Rotate key…' }).click();
  const dialog = page.getByTestId('rotation-dialog');
  await dialog.getByRole('button', { name: 'Start rotation' }).click();
  await expect(dialog.getByTestId('rotation-refused')).toHaveText(
    'IAM user 0a1b2c3d4e5f already has 2 access keys, the most IAM allows. Delete the inactive key OLDINACTIVEKEY000001 in the console first, then rotate again.',
  );
  await expect(dialog.getByTestId('rotation-steps')).toHaveCount(0);
});

test('rotation failing midway says where things stand, then resumes; or aborts and rolls back', async ({ page, openApp }) => {
  await openApp(snapshot(), {
    options: { rotation: { failAt: 'verified-not-switched', failure: { code: 'keychain.locked', message: 'The keychain is locked.', params: {} } } },
  });
  const details = await select(page, 'prod-admin');
  await details.getByRole('button', { name: 'Rotate key…' }).click();
  const dialog = page.getByTestId('rotation-dialog');
  await dialog.getByRole('button', { name: 'Start rotation' }).click();
  const steps = dialog.getByTestId('rotation-steps');
  await expect(steps.locator('[data-step="verified"]')).toHaveAttribute('data-state', 'complete');
  await expect(steps.locator('[data-step="switched"]')).toHaveAttribute('data-state', 'failed');
  await expect(dialog.getByTestId('rotation-stage')).toContainText('New key NEWKEYROTATED0000001 works, but prod-admin could not be switched to it and still uses QTWAOYTTINDUT2QVKYUC.');
  await expect(dialog.getByTestId('rotation-error')).toContainText('The keychain is locked: unlock it and try again.');
  // Closing keeps the rotation; opening the dialog again shows where it stopped, and why.
  await dialog.getByRole('button', { name: 'Close, resume later' }).click();
  await details.getByRole('button', { name: 'Rotate key…' }).click();
  await expect(steps.locator('[data-step="switched"]')).toHaveAttribute('data-state', 'failed');
  await expect(dialog.getByTestId('rotation-error')).toContainText('The keychain is locked');
  await dialog.getByRole('button', { name: 'Abort and delete the new key' }).click();
  await expect(dialog.getByTestId('rotation-stage')).toContainText('Rolled back: the new key NEWKEYROTATED0000001 was deleted and prod-admin still uses QTWAOYTTINDUT2QVKYUC.');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Again, failing at the verification, and this time resumed to the end.
  await page.evaluate(() => Object.assign(window.__akvaultTest.options, { rotation: { failAt: 'stored-not-verified' } }));
  await details.getByRole('button', { name: 'Rotate key…' }).click();
  await dialog.getByRole('button', { name: 'Start rotation' }).click();
  await expect(steps.locator('[data-step="verified"]')).toHaveAttribute('data-state', 'failed');
  await expect(dialog.getByTestId('rotation-error')).toContainText('IAM cannot be reached.');
  await dialog.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(steps.locator('[data-step="done"]')).toHaveAttribute('data-state', 'waiting');
  await dialog.getByRole('button', { name: 'End rotation, keep the old key' }).click();
  await expect(dialog.getByTestId('rotation-stage')).toContainText('the old key QTWAOYTTINDUT2QVKYUC was left inactive');
});

test('MFA in the page: a modal names who signs in, Enter sends the code, Escape cancels', async ({ page, openApp }) => {
  await openApp(snapshot());
  const request = (id: string) => ({ requestId: id, profile: 'console-bob', account: 'acme-prod', userName: 'bob', expiresAt: new Date(Date.now() + 120_000).toISOString(), queued: 0, locale: 'en' as const });
  const opener = page.getByRole('button', { name: 'Add profile' }).first();
  await opener.focus();
  await page.evaluate((r) => window.__akvaultTest.pushMfa(r), request('r1'));
  const dialog = page.getByTestId('mfa-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('akvault is signing in to account acme-prod as IAM user bob for profile console-bob.');
  const code = dialog.getByLabel('6-digit code from your virtual MFA app');
  await expect(code).toBeFocused();
  await page.keyboard.type('12a3');
  await expect(code).toHaveValue('123');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Enter the 6 digits shown in your authenticator app.')).toBeVisible();
  await page.keyboard.type('456');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(await page.evaluate(() => window.__akvaultCalls.filter((c) => c.startsWith('mfa')))).toEqual(['mfaSubmit']);
  await expect(opener).toBeFocused();

  await page.evaluate((r) => window.__akvaultTest.pushMfa(r), request('r2'));
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await page.evaluate(() => window.__akvaultCalls.filter((c) => c.startsWith('mfa')))).toEqual(['mfaSubmit', 'mfaCancel']);
});

test('switching the language applies at once, everywhere, and back', async ({ page, openApp }) => {
  await openApp(snapshot());
  await page.getByTestId('nav-settings').click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('nav-profiles')).toHaveText('配置');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(page.getByTestId('alarm-banner')).toContainText('告警：ops-readonly 刷新失败 — 无法连接 IAM。');
  expect(await page.evaluate(() => window.__akvaultCalls)).toContain('setLocale');
  await page.getByTestId('nav-profiles').click();
  await expect(page.locator('[data-profile="dev-temp"]')).toContainText('临时访问密钥');
  await expect(page.locator('[data-profile="dev-temp"]').getByTestId('countdown')).toHaveText(/^剩余 \d+ 分钟$/);
  await page.getByTestId('nav-settings').click();
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByTestId('nav-profiles')).toHaveText('Profiles');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('settings: numbers are range-checked inline, toggles and theme apply at once', async ({ page, openApp }) => {
  await openApp(snapshot());
  await page.getByTestId('nav-settings').click();
  const margin = page.getByTestId('setting-refreshMarginSeconds');
  await margin.fill('30');
  await margin.press('Enter');
  await expect(page.getByText('Enter a whole number from 120 to 86400.')).toBeVisible();
  await expect(margin).toHaveAttribute('aria-invalid', 'true');
  await margin.fill('900');
  await margin.press('Enter');
  await expect(page.getByText('Enter a whole number from 120 to 86400.')).toBeHidden();
  await expect.poll(() => page.evaluate(() => window.__akvaultTest.snapshot().settings.refreshMarginSeconds)).toBe(900);
  await page.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 20, 24)');
  await page.getByTestId('setting-helperEnabled').uncheck();
  await expect.poll(() => page.evaluate(() => window.__akvaultTest.snapshot().settings.helperEnabled)).toBe(false);
});

test('removing a profile other agencies use is refused with the reason; removing a leaf works', async ({ page, openApp }) => {
  await openApp(snapshot());
  let details = await select(page, 'prod-admin');
  await details.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByTestId('remove-dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Profile prod-admin is the source of agencies ops-readonly: remove them or choose another source first.');
  await page.keyboard.press('Escape');
  details = await select(page, 'ecs-worker');
  await details.getByRole('button', { name: 'Remove' }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-profile="ecs-worker"]')).toHaveCount(0);
  await expect(page.getByTestId('toast').last()).toContainText('Profile ecs-worker removed');
});
