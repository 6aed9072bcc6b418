/**
 * Profile forms with the fake bridge: inline validation mirroring the core, main's errors mapped onto
 * fields, write-only secrets that never reach the store or stay in the DOM, keyboard operation of the
 * dialog (focus in, trapped, Escape, focus back), and an agency built on a picked source with its chain.
 */
import type { Page } from '@playwright/test';
import { test, expect, storeJson } from './support/app';
import { ids, snapshot } from './support/fixtures';

const SK = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY1';

async function openAdd(page: Page) {
  await page.getByRole('button', { name: 'Add profile' }).first().click();
  const form = page.getByTestId('profile-form');
  await expect(form).toBeVisible();
  return form;
}

/** Every input value and the whole markup: where a secret could linger in the page. */
const domText = (page: Page) =>
  page.evaluate(() => [document.documentElement.outerHTML, ...[...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value)].join('\n'));

test('inline validation: errors after leaving a field or on submit, warnings for unusual key shapes', async ({ page, openApp, pageErrors }) => {
  await openApp(snapshot());
  const form = await openAdd(page);
  const name = form.getByLabel('Profile name');
  await name.fill('bad name!');
  await expect(form.getByTestId('field-error')).toHaveCount(0); // not while typing
  await name.blur();
  await expect(form.getByText('Use only letters, digits, “-”, “_” and “.”.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('PROD-ADMIN');
  await expect(form.getByText('Another profile already has this name.')).toBeVisible();
  await name.fill('new-keys');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Access key ID (AK)').fill('short-ak');
  await expect(form.getByTestId('field-warning')).toContainText('Huawei Cloud AKs are 20 upper-case letters and digits');
  await form.locator('input[name="secretAccessKey"]').fill('tooShort');
  await expect(form.getByText('This SK has 8 characters; Huawei Cloud SKs are 40 letters and digits.', { exact: false })).toBeVisible();
  await form.locator('input[name="secretAccessKey"]').fill('');

  await form.getByRole('button', { name: 'Add profile' }).click();
  await expect(form.getByTestId('form-summary')).toHaveText('Please correct the 1 field marked below.');
  await expect(form.locator('input[name="secretAccessKey"]')).toBeFocused();
  await expect(form.getByText('This field is required.')).toBeVisible();

  // Durations: 900–86400 s, checked like the core does.
  await form.getByTestId('kind-select').selectOption('token');
  await form.getByLabel('Duration of temporary keys (seconds)').fill('60');
  await form.getByLabel('Duration of temporary keys (seconds)').blur();
  await expect(form.getByText('Between 900 and 86400 seconds.')).toBeVisible();

  // An agency needs exactly one delegating account: one field, by name or by ID.
  await form.getByTestId('kind-select').selectOption('agency');
  await form.getByRole('button', { name: 'Add profile' }).click();
  await expect(form.getByText('Give the delegating account, by name or by ID.')).toBeVisible();
  await expect(form.getByText('Choose the profile whose keys assume this agency.')).toBeVisible();
  expect(await page.evaluate(() => window.__akvaultCalls.filter((c) => c === 'addProfile').length)).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('secrets are write-only: masked, revealed only on request, sent to main, never in the store or left in the page', async ({ page, openApp }) => {
  await openApp(snapshot());
  const form = await openAdd(page);
  await form.getByLabel('Profile name').fill('ci-deploy');
  await form.getByLabel('Access key ID (AK)').fill('HPUABCDEFGHIJKLMNOPQ');
  const sk = form.locator('input[name="secretAccessKey"]');
  await sk.fill(SK);
  await expect(sk).toHaveAttribute('type', 'password');
  await form.getByRole('button', { name: 'Show' }).click();
  await expect(sk).toHaveAttribute('type', 'text');
  // Leaving the field hides it again.
  await form.getByLabel('Description').focus();
  await expect(sk).toHaveAttribute('type', 'password');
  expect(await storeJson(page)).not.toContain(SK);

  await form.getByRole('button', { name: 'Add profile' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('profile-details')).toContainText('ci-deploy');
  const seen = await page.evaluate(() => window.__akvaultSecretsSeen);
  expect(seen).toEqual([{ operation: 'addProfile', fields: { secretAccessKey: 40 } }]);
  const store = await storeJson(page);
  expect(store).toContain('ci-deploy');
  expect(store).not.toContain(SK);
  expect(await domText(page)).not.toContain(SK);

  // Editing never prefills a secret; leaving it empty keeps the stored one (no secrets sent).
  await page.getByTestId('profile-details').getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByTestId('profile-form');
  await expect(edit.locator('input[name="secretAccessKey"]')).toHaveValue('');
  await expect(edit.locator('input[name="secretAccessKey"]')).toHaveAttribute('placeholder', 'unchanged');
  await edit.getByLabel('Description').fill('deploys from CI');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  expect((await page.evaluate(() => window.__akvaultSecretsSeen)).at(-1)).toEqual({ operation: 'updateProfile', fields: {} });
  await expect(page.getByTestId('profile-details')).toContainText('deploys from CI');
});

test("main's errors land on the field they name, and typed secrets are cleared after the call", async ({ page, openApp }) => {
  await openApp(snapshot(), {
    options: {
      failNext: {
        addProfile: {
          code: 'validation',
          message: 'Invalid profile: accessKeyId: the access key ID contains spaces or line breaks.',
          params: { fields: 'accessKeyId' },
        },
      },
    },
  });
  const form = await openAdd(page);
  await form.getByLabel('Profile name').fill('odd-key');
  await form.getByLabel('Access key ID (AK)').fill('HPUABCDEFGHIJKLMNOPQ');
  await form.locator('input[name="secretAccessKey"]').fill(SK);
  await form.getByRole('button', { name: 'Add profile' }).click();
  await expect(form.getByTestId('form-error')).toContainText('Some values are not valid: check the marked fields.');
  await expect(form.getByTestId('form-error')).toContainText('For safety the secret fields were cleared');
  const ak = form.getByLabel('Access key ID (AK)');
  await expect(ak).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('the access key ID contains spaces or line breaks')).toBeVisible();
  await expect(ak).toBeFocused();
  await expect(form.locator('input[name="secretAccessKey"]')).toHaveValue('');
  expect(await domText(page)).not.toContain(SK);
});

test('the dialog is keyboard operable: focus moves in, Tab is trapped, Escape closes, focus returns', async ({ page, openApp }) => {
  await openApp(snapshot());
  const add = page.getByRole('button', { name: 'Add profile' }).first();
  await add.focus();
  await page.keyboard.press('Enter');
  const form = page.getByTestId('profile-form');
  await expect(form).toBeVisible();
  await expect(form.getByTestId('kind-select')).toBeFocused();
  // Shift+Tab from the first control wraps to the last; Tab from the last wraps to the first.
  await page.keyboard.press('Shift+Tab');
  await expect(form.getByRole('button', { name: 'Add profile' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByTestId('kind-select')).toBeFocused();
  // Walking forward never leaves the dialog.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="profile-form"]'))).toBe(true);
  }
  // Enter in a field submits (and the checks stop it); Escape closes and gives focus back.
  await form.getByLabel('Profile name').focus();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('form-summary')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(add).toBeFocused();
});

test('an agency picks its source with the chain shown, and the list shows its target and chain', async ({ page, openApp }) => {
  await openApp(snapshot());
  const form = await openAdd(page);
  await form.getByTestId('kind-select').selectOption('agency');
  await form.getByLabel('Profile name').fill('deep-audit');
  // The source list is filterable, and shows each agency's own chain.
  await form.getByLabel('Filter source profiles').fill('audit');
  await expect(form.getByTestId('source-select').locator('option')).toHaveCount(2); // "Choose…" + audit-chain
  await expect(form.getByTestId('source-select').locator('option').nth(1)).toHaveText('audit-chain — Agency — via ops-readonly ← prod-admin');
  await form.getByTestId('source-select').selectOption(ids.audit);
  await expect(form.getByTestId('chain-preview')).toContainText('deep-audit ← audit-chain ← ops-readonly ← prod-admin (3 agencies)');
  await form.getByLabel('By account ID').check();
  await form.getByLabel('Delegating account ID').fill('0123456789abcdef');
  await form.getByLabel('Agency name').fill('security_audit');
  await form.getByRole('button', { name: 'Add profile' }).click();
  await expect(form).toBeHidden();
  const row = page.locator('[data-profile="deep-audit"]');
  await expect(row).toContainText('Agency security_audit in 0123456789abcdef');
  await expect(row).toContainText('via audit-chain ← ops-readonly ← prod-admin');
  await expect(page.getByTestId('profile-details')).toContainText('deep-audit ← audit-chain ← ops-readonly ← prod-admin');

  // Editing an agency cannot pick a source that leads back to it.
  await page.locator('[data-profile="ops-readonly"] [data-row-focus]').click();
  await page.getByTestId('profile-details').getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByTestId('profile-form');
  await expect(edit.getByTestId('source-select').locator('option', { hasText: /^audit-chain/ })).toBeDisabled();
  await expect(edit.getByTestId('source-select').locator('option', { hasText: /^audit-chain/ })).toContainText('would loop back to this agency');
  await page.keyboard.press('Escape');
});
