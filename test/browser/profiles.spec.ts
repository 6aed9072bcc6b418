/**
 * The profile list with the fake bridge: thousands of profiles stay virtualised and searchable, the
 * keyboard moves through them, countdowns tick, alarms come and go as main pushes them.
 */
import { test, expect } from './support/app';
import { alarm, manyProfiles, snapshot } from './support/fixtures';

test('5,000 profiles: only a window of rows exists, filtering by name finds one', async ({ page, openApp, pageErrors }) => {
  const profiles = manyProfiles(5000);
  await openApp(snapshot({ profiles, sessions: [], alarms: [], defaultProfile: null }));
  await expect(page.getByTestId('profile-count')).toHaveText('5000 profiles');
  const rendered = await page.getByTestId('profile-row').count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(60);

  // The list announces its full size even though most rows are not in the DOM.
  await expect(page.locator('.list-item').first()).toHaveAttribute('aria-setsize', '5000');

  // Scrolling to the end renders the last rows and drops the first ones.
  // (Rows are measured as they render, so the end moves a little: scroll until it stays.)
  await expect(async () => {
    await page.getByTestId('profile-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.locator('[data-profile="profile-04999"]')).toBeVisible({ timeout: 300 });
  }).toPass();
  await expect(page.locator('[data-profile="profile-00000"]')).toHaveCount(0);
  expect(await page.getByTestId('profile-row').count()).toBeLessThan(60);

  const search = page.getByRole('searchbox', { name: 'Search profiles' });
  await search.fill('profile-04321');
  await expect(page.getByTestId('profile-row')).toHaveCount(1);
  await expect(page.locator('[data-profile="profile-04321"]')).toBeVisible();
  await expect(page.getByTestId('profile-count')).toHaveText('1 of 5000 profiles');

  // Kind and state filters combine with the text.
  await search.fill('account-07');
  await page.getByLabel('Kind').selectOption('agency');
  const agencies = profiles.filter((p) => p.domainName === 'account-07' && p.kind === 'agency').length;
  await expect(page.getByTestId('profile-count')).toHaveText(`${agencies} of 5000 profiles`);
  await page.getByLabel('State').selectOption('active');
  await expect(page.getByTestId('empty')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(page.getByTestId('profile-count')).toHaveText('5000 profiles');
  expect(pageErrors).toEqual([]);
});

test('arrow keys move through the virtualised list, End reaches the last profile', async ({ page, openApp }) => {
  await openApp(snapshot({ profiles: manyProfiles(800), sessions: [], alarms: [] }));
  await page.getByLabel('Group by account').uncheck();
  const first = page.locator('[data-profile="profile-00000"] [data-row-focus]');
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-profile="profile-00001"] [data-row-focus]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator('[data-profile="profile-00799"] [data-row-focus]')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[data-profile="profile-00798"] [data-row-focus]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('profile-details')).toContainText('profile-00798');
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
});

test('the countdown is computed locally and ticks; starting a session shows one', async ({ page, openApp }) => {
  const soon = new Date(Date.now() + 65_000).toISOString();
  await openApp(snapshot({ sessions: [{ profile: 'prod-admin', kind: 'access-key', state: 'active', expiresAt: soon }], alarms: [] }));
  const countdown = page.locator('[data-profile="prod-admin"]').getByTestId('countdown');
  await expect(countdown).toHaveText(/^1 min [0-9] s left$/);
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before!, { timeout: 3000 });
  await expect(countdown).toHaveClass(/countdown-critical/);
  await expect(countdown).toHaveAttribute('datetime', soon);

  const ecs = page.locator('[data-profile="ecs-worker"]');
  await expect(ecs).toContainText('No session');
  await ecs.getByRole('button', { name: 'Start session for ecs-worker' }).click();
  await expect(ecs).toContainText('Active');
  await expect(ecs.getByTestId('countdown')).toHaveText(/^(1 h 0 min|60 min|59 min) left$/);
  await expect(page.getByTestId('toast').last()).toContainText('Session of ecs-worker started.');
  await ecs.getByRole('button', { name: 'Stop session for ecs-worker' }).click();
  await expect(ecs).toContainText('No session');
});

test('an alarm pushed by main appears as an alert and goes when it clears', async ({ page, openApp }) => {
  await openApp(snapshot({ alarms: [] }));
  const banner = page.getByTestId('alarm-banner');
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toBeEmpty();
  await page.evaluate((a) => window.__akvaultTest.publish({ alarms: [a] }), alarm());
  await expect(banner).toContainText('Alarm: refreshing ops-readonly failed — IAM cannot be reached.');
  await expect(page.getByTestId('nav-alarms')).toContainText('1');
  await expect(page.locator('[data-profile="ops-readonly"]')).toContainText('Alarm');
  await page.evaluate(() => window.__akvaultTest.publish({ alarms: [] }));
  await expect(banner).toBeEmpty();
  await expect(page.locator('[data-profile="ops-readonly"]')).not.toContainText('Alarm');
});

test('a push older than the snapshot held is ignored', async ({ page, openApp }) => {
  await openApp(snapshot());
  await page.evaluate(() => window.__akvaultTest.publish({ defaultProfile: 'dev-temp' }));
  await expect(page.locator('[data-profile="dev-temp"]')).toContainText('default');
  // Deliver an old version straight to the store, as a late push would.
  await page.evaluate(() => {
    const stale: unknown = { ...window.__akvaultTest.snapshot(), version: 1, defaultProfile: 'ci-token' };
    (window.__akvaultStore!.getState() as { applySnapshot(s: unknown): void }).applySnapshot(stale);
  });
  await expect(page.locator('[data-profile="dev-temp"]')).toContainText('default');
  await expect(page.locator('[data-profile="ci-token"]')).not.toContainText('default');
});
