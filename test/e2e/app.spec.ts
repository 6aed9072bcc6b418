/**
 * The app end to end: Electron starts the built app with a throwaway data directory and keychain
 * service; the test reads the tray through the test-only hook (AKVAULT_TEST_HOOKS=1; Playwright cannot
 * open a tray menu), opens the window, adds an access-key profile and an agency profile through the
 * window's own API (the real preload and IPC), and starts the agency session from the tray against the
 * IAM emulator (example seed: alice of acme-dev assumes agency dev-admin in acme-prod).
 *
 * Runs only where an Electron binary is present (ELECTRON_OVERRIDE_DIST_PATH); skipped otherwise.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findMenuItem as findItem, type AkvaultTestHooks } from '../../main/electron/test-hooks';
import { electronExecutable } from './electron-binary';
import { startEmulator, type EmulatorProcess } from './iam-emulator-process';

const root = path.resolve(__dirname, '../..');
const executablePath = electronExecutable();

// From test/support/iam-emulator/seed.example.json.
const ALICE = { ak: 'POYS7GWUMUQSUIG2JGFO', sk: 'cxyWkg3SJ3ci1ZLoo0XbIFpncUCoFhfmxs7MQlQE' };

test.skip(!executablePath, 'no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron');

let emulator: EmulatorProcess;
let app: ElectronApplication;
let page: Page;
let dataDir: string;
let closed = false;

// The test hook in main (installed only with AKVAULT_TEST_HOOKS=1). Each function below is sent to
// main as source text by app.evaluate, so it may use only its arguments and globalThis.
type HookGlobal = { __akvaultTest: AkvaultTestHooks };
const trayView = () => app.evaluate(() => (globalThis as unknown as HookGlobal).__akvaultTest.tray());
const mainSnapshot = () => app.evaluate(() => (globalThis as unknown as HookGlobal).__akvaultTest.snapshot());
const clickTray = (id: string) => app.evaluate((_electron, itemId) => (globalThis as unknown as HookGlobal).__akvaultTest.clickTrayItem(itemId), id);
const openedHosts = () => app.evaluate(() => (globalThis as unknown as HookGlobal).__akvaultTest.openedHosts());

test.beforeAll(async () => {
  if (!existsSync(path.join(root, 'out/main/index.js'))) throw new Error('out/ is missing: run `npm run build` first');
  emulator = await startEmulator(root);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'akvault-e2e-'));
  app = await electron.launch({
    executablePath: executablePath!,
    args: [root],
    cwd: root,
    env: {
      ...(process.env as Record<string, string>),
      AKVAULT_HOME: dataDir,
      AKVAULT_TEST_HOOKS: '1',
      AKVAULT_KEYCHAIN_SERVICE: `akvault-e2e-${randomUUID().slice(0, 8)}`,
      // The tooltip text below is English: make the "system" language English whatever the machine's is.
      LANG: 'en_US.UTF-8',
      LANGUAGE: 'en',
      LC_ALL: 'en_US.UTF-8',
    },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  if (app && !closed) await app.close();
  await emulator?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('tray, window, profiles and an agency session against the IAM emulator', async () => {
  // The tray is up, idle, with no profiles yet; the helper runs and published helper.json.
  await expect.poll(async () => (await trayView())?.status ?? null).toBe('idle');
  await expect.poll(async () => (await mainSnapshot())?.helper.state ?? null).toBe('running');
  expect(existsSync(path.join(dataDir, 'helper.json'))).toBe(true);
  const idleMenu = (await trayView())!.menu.map((m) => m.id);
  expect(idleMenu).toEqual(expect.arrayContaining(['default', 'profiles', 'helper', 'window', 'quit']));

  // The window talks to main only through window.akvault.
  await expect(page).toHaveURL('app://akvault/index.html');
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  const source = await page.evaluate(
    ([iam, ak, sk]) => window.akvault.addProfile({ name: 'e2e-alice', kind: 'access-key', accessKeyId: ak!, domainName: 'acme-dev', iamEndpoint: iam! }, { secretAccessKey: sk! }),
    [emulator.url, ALICE.ak, ALICE.sk],
  );
  await page.evaluate(
    ([iam, sourceId]) =>
      window.akvault.addProfile({ name: 'e2e-prod', kind: 'agency', sourceId: sourceId!, agencyDomainName: 'acme-prod', agencyName: 'dev-admin', durationSeconds: 900, iamEndpoint: iam!, region: 'cn-north-4' }, {}),
    [emulator.url, source.profile.id],
  );
  await expect(page.getByTestId('profile-row')).toHaveCount(2);

  // The agency's own submenu: one click on its "Default for CLI and helper" check makes it the default;
  // a permanent key's submenu has no session wording. Then start the agency's session from the top.
  const alice = findItem((await trayView())!.menu, 'profile:e2e-alice')!;
  expect(alice.submenu!.map((m) => m.id)).not.toContain('profile:e2e-alice:session:start');
  expect(await clickTray('profile:e2e-prod:default')).toBe(true);
  await expect.poll(async () => (await mainSnapshot())?.defaultProfile ?? null).toBe('e2e-prod');
  expect(await clickTray('session:start')).toBe(true);
  await expect.poll(async () => (await trayView())?.status ?? null).toBe('active');
  const tray = (await trayView())!;
  const running = { tooltip: tray.tooltip, ids: tray.menu.map((m) => m.id), sessions: (await mainSnapshot())!.sessions };
  expect(running.tooltip).toMatch(/^akvault — e2e-prod, \d+ min left$/);
  expect(running.ids).toEqual(expect.arrayContaining(['session:stop', 'copy:token', 'refresh-now']));
  expect(running.sessions).toEqual([expect.objectContaining({ profile: 'e2e-prod', kind: 'agency', state: 'active' })]);
  // The page got the same state by push, without the keys.
  const pageSnapshot = await page.evaluate(() => window.akvault.getSnapshot());
  expect(JSON.stringify(pageSnapshot)).not.toContain(ALICE.sk);
  expect(pageSnapshot.sessions[0]?.profile).toBe('e2e-prod');

  // Copy SK from the tray: main writes the minted (temporary) key to the clipboard, never the page.
  expect(await clickTray('copy:sk')).toBe(true);
  const copied = await app.evaluate(({ clipboard }) => clipboard.readText());
  expect(copied).toMatch(/^\S{16,}$/);
  expect(copied).not.toBe(ALICE.sk);

  // Open console goes to the federation sign-in host, through the allowlist.
  expect(await clickTray('open-console')).toBe(true);
  await expect.poll(() => openedHosts()).toEqual(['auth.huaweicloud.com']);

  // Stop, remove (agency first: it uses the access key), and quit: helper.json goes with the helper.
  expect(await clickTray('session:stop')).toBe(true);
  await expect.poll(async () => (await trayView())?.status ?? null).toBe('idle');
  await page.evaluate(() => window.akvault.removeProfile('e2e-prod'));
  await page.evaluate(() => window.akvault.removeProfile('e2e-alice'));
  await app.close();
  closed = true;
  expect(existsSync(path.join(dataDir, 'helper.json'))).toBe(false);
});
