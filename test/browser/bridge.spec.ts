/**
 * The browser UI against the real core: `akvault serve --ui --no-open` (built CLI, real keychain, the
 * IAM emulator as endpoint), signed in through the one-time URL in Chromium. Checks that what the page
 * shows comes from the core, that the cookie is out of the page's reach, that the ticket works once,
 * that pushes arrive, and that a copy reaches the clipboard (and leaves it again) without the text
 * ever reaching the views.
 */
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';
import type { Snapshot } from '../../preload/contract';
import { startRealCore, type RealCore } from './support/real-core';

const DOMAIN = { id: 'd00000000000000000000000000000b1', name: 'acme-browser' };
const ALICE = { id: 'u00000000000000000000000000000b1', ak: 'BROWSERALICEKEY00001', sk: 'BrowserAliceSecret0000000000000000000001' };
const BOB = { id: 'u00000000000000000000000000000b2', ak: 'BROWSERBOBKEY0000001', sk: 'BrowserBobSecret000000000000000000000001' };

let core: RealCore;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  const probe = await build({ entryPoints: [path.join(__dirname, 'support/transport-probe.ts')], bundle: true, write: false, format: 'iife', platform: 'browser' });
  core = await startRealCore({
    seed: {
      domains: [
        {
          ...DOMAIN,
          users: [
            { id: ALICE.id, name: 'b-alice', password: 'B-Alice-1', accessKeys: [{ accessKeyId: ALICE.ak, secretAccessKey: ALICE.sk }] },
            { id: BOB.id, name: 'b-bob', password: 'B-Bob-1', accessKeys: [{ accessKeyId: BOB.ak, secretAccessKey: BOB.sk }] },
          ],
        },
      ],
    },
    profiles: [{ name: 'alice-prod', accessKeyId: ALICE.ak, secretAccessKey: ALICE.sk, userId: ALICE.id, domainId: DOMAIN.id, region: 'cn-north-4' }],
  });
  // One browser for the whole file: the sign-in link works once.
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: core.origin });
  // The app's own transport, for driving the contract from inside the page (init scripts are not subject to the CSP).
  await context.addInitScript(probe.outputFiles[0]!.text);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

test.afterAll(async () => {
  await context?.close();
  await core?.stop();
});

test('signs in through the one-time URL and renders the profiles of the real core', async ({ browser }) => {
  const response = await page.goto(core.loginUrl);
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${core.origin}/ui/`);
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");

  const cookies = await context.cookies(`${core.origin}/ui/`);
  expect(cookies).toEqual([expect.objectContaining({ name: 'akvault_ui', httpOnly: true, sameSite: 'Strict', path: '/ui', secure: false })]);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  // What the page shows is what the core holds (names, key IDs), and no secret.
  await expect(page.locator('body')).toContainText('alice-prod', { timeout: 15_000 });
  await expect(page.locator('body')).toContainText(ALICE.ak);
  expect(await page.content()).not.toContain(ALICE.sk);

  // The ticket is spent: the same link in another browser is refused and gets no cookie.
  const stranger = await browser.newContext();
  try {
    const again = await (await stranger.newPage()).goto(core.loginUrl);
    expect(again?.status()).toBe(403);
    expect(await stranger.cookies()).toEqual([]);
  } finally {
    await stranger.close();
  }
  expect(pageErrors).toEqual([]);
});

test('a profile added by another process is pushed to the open page', async () => {
  const added = await core.akvault(
    ['profile', 'add', '--name', 'bob-dev', '--kind', 'access-key', '--access-key-id', BOB.ak, '--user-id', BOB.id, '--domain-id', DOMAIN.id, '--iam-endpoint', core.emulator.url],
    `${BOB.sk}\n`,
  );
  expect(added.code, added.stderr).toBe(0);
  await expect(page.locator('body')).toContainText('bob-dev', { timeout: 15_000 });
  await expect(page.locator('body')).toContainText(BOB.ak);
});

test('the contract over HTTP: results, events, and refusals as data', async () => {
  const outcome = await page.evaluate(async () => {
    const p = window.__akvaultProbe;
    const api = p.buildApi(p.createHttpTransport());
    const pushed = new Promise<Snapshot>((resolve) => {
      const off = api.onSnapshot((s) => {
        if (s.defaultProfile === 'bob-dev') {
          off();
          resolve(s);
        }
      });
    });
    await api.setDefaultProfile('bob-dev');
    const snapshot = await pushed;
    const refused = await api.startSession('no-such-profile').then(
      () => 'started',
      (e: { view?: { code: string } }) => e.view?.code ?? 'no code',
    );
    return { names: snapshot.profiles.map((x) => x.name).sort(), helper: snapshot.helper.state, refused };
  });
  expect(outcome).toEqual({ names: ['alice-prod', 'bob-dev'], helper: 'running', refused: 'profile.not-found' });
});

test('a copy lands on the clipboard, the views get no text, and it is cleared after the set time', async () => {
  await page.bringToFront();
  const outcome = await page.evaluate(async () => {
    const p = window.__akvaultProbe;
    const api = p.buildApi(p.createHttpTransport());
    await api.updateSettings({ clipboardClearSeconds: 5 });
    const answer = await api.copyToClipboard('alice-prod', 'ak');
    const right = await navigator.clipboard.readText();
    await new Promise((r) => setTimeout(r, 6_000));
    const later = await navigator.clipboard.readText();
    return { answer, right, later };
  });
  expect(outcome).toEqual({ answer: { clearsInSeconds: 5 }, right: ALICE.ak, later: '' });
});

test('a copy the user replaced in the meantime is left alone', async () => {
  await page.bringToFront();
  const later = await page.evaluate(async () => {
    const p = window.__akvaultProbe;
    const api = p.buildApi(p.createHttpTransport());
    await api.copyToClipboard('alice-prod', 'ak');
    await navigator.clipboard.writeText('something the user copied');
    await new Promise((r) => setTimeout(r, 6_000));
    return navigator.clipboard.readText();
  });
  expect(later).toBe('something the user copied');
  expect(pageErrors).toEqual([]);
});

test('Diagnostics shows the real doctor of `akvault serve --ui`: every check, the clock compared with IAM, no secret', async () => {
  await page.getByTestId('nav-diagnostics').click();
  const view = page.getByTestId('diagnostics');
  await expect(view.getByTestId('diagnostics-verdict')).toBeVisible({ timeout: 20_000 });
  for (const id of ['secrets', 'data-dir', 'profiles', 'helper', 'clock', 'proxy', 'tool-files', 'tray', 'versions']) await expect(view.getByTestId(`check-${id}`)).toBeVisible();
  // The profiles name the emulator as their IAM endpoint: the clock is compared with it, and agrees.
  await expect(view.getByTestId('check-clock')).toHaveAttribute('data-status', 'ok');
  await expect(view.getByTestId('check-secrets')).toHaveAttribute('data-status', 'ok');
  // The serve process runs the helper the page talks to: the report finds it alive.
  await expect(view.getByTestId('check-helper')).toHaveAttribute('data-status', 'ok');
  expect(await page.content()).not.toContain(ALICE.sk);
  await page.screenshot({ path: path.join(__dirname, '../../test-results/screenshots/diagnostics-real-core-en.png') });
  expect(pageErrors).toEqual([]);
});
