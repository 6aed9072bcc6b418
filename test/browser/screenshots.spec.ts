/**
 * Screenshots of every main view in light and dark, English and Chinese (plus 200% zoom), for people
 * to look at: spacing, overflow, contrast, Chinese text fitting. Saved under test-results/screenshots/.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, screenshotDir } from './support/app';
import { alarmHistory, auditEntries, diagnosticsReport, snapshot } from './support/fixtures';
import { openAppIn } from './support/open';

const CSV = 'User Name,Access Key Id,Secret Access Key\nalice,QTWAOYTTINDUT2QVKYUC,abcdefghijABCDEFGHIJabcdefghijABCDEFGHIJ\ncarol,ZZWAOYTTINDUT2QVKY01,abcdefghijABCDEFGHIJabcdefghijABCDEFGHIJ\ndave,\n';

async function shot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

async function nav(page: Page, view: string) {
  await page.getByTestId(`nav-${view}`).click();
}

for (const theme of ['light', 'dark'] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    test(`main views, ${theme}, ${locale}`, async ({ page, openApp, pageErrors }) => {
      const s = snapshot({ locale, settings: { ...snapshot().settings, theme, language: locale } });
      await openApp(s, {
        options: {
          audit: auditEntries(),
          alarmHistory: alarmHistory(),
          diagnostics: diagnosticsReport(),
          rotation: { failAt: 'stored-not-verified', failure: { code: 'iam.bad-key', message: 'IAM does not accept this access key.', params: {} } },
        },
      });
      const suffix = `${theme}-${locale}`;
      await expect(page.getByTestId('profile-row').first()).toBeVisible();
      await page.locator('[data-profile="prod-admin"] [data-row-focus]').click();
      await expect(page.getByTestId('profile-details')).toBeVisible();
      await shot(page, `profiles-${suffix}`);

      await page.getByRole('button', { name: /Add profile|添加配置/ }).first().click();
      const form = page.getByTestId('profile-form');
      await form.getByTestId('kind-select').selectOption('agency');
      await form.locator('input[name="name"]').fill('audit-readonly');
      await form.getByTestId('source-select').selectOption('0b9f7a52-9a4d-4c1e-8d7b-1f0a7f1c0003');
      await form.locator('input[name="agencyDomain"]').fill('acme-audit');
      await form.locator('input[name="durationSeconds"]').fill('60');
      await form.locator('input[name="durationSeconds"]').blur();
      await shot(page, `add-agency-${suffix}`);
      await page.keyboard.press('Escape');
      await expect(form).toBeHidden();

      await page.locator('[data-profile="prod-admin"] [data-row-focus]').click();
      await page.getByTestId('profile-details').getByRole('button', { name: /Rotate|轮换/ }).click();
      const rotation = page.getByTestId('rotation-dialog');
      await rotation.getByRole('button', { name: /Start rotation|开始轮换/ }).click();
      await expect(rotation.getByTestId('rotation-error')).toBeVisible();
      await shot(page, `rotation-${suffix}`);
      await page.keyboard.press('Escape');

      await nav(page, 'import');
      await page.getByTestId('csv-file').setInputFiles({ name: 'credentials.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await expect(page.getByTestId('import-preview')).toBeVisible();
      await shot(page, `import-${suffix}`);

      await nav(page, 'alarms');
      await expect(page.getByTestId('alarms-history')).toBeVisible();
      await shot(page, `alarms-${suffix}`);

      await nav(page, 'audit');
      await expect(page.getByTestId('audit-table')).toBeVisible();
      await shot(page, `audit-${suffix}`);

      await nav(page, 'settings');
      await expect(page.getByTestId('setting-language')).toBeVisible();
      await shot(page, `settings-${suffix}`);

      await nav(page, 'diagnostics');
      await expect(page.getByTestId('check-clock')).toHaveAttribute('data-status', 'fail');
      await expect(page.getByTestId('diagnostics-verdict')).toHaveText(locale === 'en' ? /2 problems found/ : /发现 2 个问题/);
      await shot(page, `diagnostics-${suffix}`);

      await page.evaluate(() =>
        window.__akvaultTest.pushMfa({ requestId: 'r1', profile: 'console-bob', account: 'acme-prod', userName: 'bob', expiresAt: new Date(Date.now() + 120_000).toISOString(), queued: 1, locale: 'en' }),
      );
      await expect(page.getByTestId('mfa-dialog')).toBeVisible();
      await shot(page, `mfa-${suffix}`);
      expect(pageErrors).toEqual([]);
    });
  }
}

test('200% zoom: no horizontal scrolling, one pane at a time', async ({ browser, server }) => {
  // 200% of a 1100×720 window: half the CSS pixels, twice the device pixels.
  const context = await browser.newContext({ viewport: { width: 550, height: 360 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await openAppIn(page, server.url, snapshot());
  const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await expect(page.getByTestId('profile-row').first()).toBeVisible();
  expect(await noHorizontalScroll()).toBe(true);
  await shot(page, 'profiles-zoom200-light-en');
  await page.locator('[data-profile="ops-readonly"] [data-row-focus]').click();
  await expect(page.getByTestId('profile-details')).toBeVisible();
  await expect(page.getByTestId('profile-scroller')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'ops-readonly' })).toBeFocused();
  expect(await noHorizontalScroll()).toBe(true);
  await shot(page, 'details-zoom200-light-en');
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await expect(page.locator('[data-profile="ops-readonly"] [data-row-focus]')).toBeFocused();
  await page.getByRole('button', { name: 'Add profile' }).first().click();
  await page.getByTestId('kind-select').selectOption('agency');
  expect(await noHorizontalScroll()).toBe(true);
  await shot(page, 'add-agency-zoom200-light-en');
  await page.keyboard.press('Escape');
  for (const view of ['import', 'alarms', 'audit', 'settings', 'diagnostics']) {
    await page.getByTestId(`nav-${view}`).click();
    expect(await noHorizontalScroll(), view).toBe(true);
  }
  await shot(page, 'settings-zoom200-light-en');
  await context.close();
});
