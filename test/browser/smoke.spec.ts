import path from 'node:path';
import { test, expect, screenshotDir } from './support/app';
import { snapshot } from './support/fixtures';

test('the React window renders profiles through the preload contract', async ({ page, openApp, pageErrors }) => {
  await openApp(snapshot());
  await expect(page.getByTestId('profile-row')).toHaveCount(7);
  const prodGroup = page.locator('li.list-group', { hasText: 'acme-prod' });
  await expect(prodGroup).toBeVisible();
  await expect(page.locator('[data-profile="prod-admin"]')).toContainText('default');
  await expect(page.locator('[data-profile="dev-temp"]')).toContainText('Temporary access key');
  await page.getByRole('searchbox', { name: 'Search profiles' }).fill('dev-temp');
  await expect(page.getByTestId('profile-row')).toHaveCount(1);
  expect(await page.evaluate(() => window.__akvaultCalls)).toContain('getSnapshot');
  await page.screenshot({ path: path.join(screenshotDir, 'smoke-profiles.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

test('a tool file main could not update is shown on its profile', async ({ page, openApp }) => {
  await openApp(snapshot({ toolFileProblems: [{ profile: 'dev-temp', tool: 'koocli', code: 'handoff.io', message: 'could not write ~/.hcloud/config.json' }] }));
  await page.locator('[data-profile="dev-temp"] [data-row-focus]').click();
  await expect(page.getByTestId('tool-file-problem')).toHaveText('akvault could not update the KooCLI configuration: A tool file could not be written.');
});
