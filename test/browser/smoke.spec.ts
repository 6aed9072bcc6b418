import { test, expect } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { serveStatic } from './support/static-server';
import type { Snapshot } from '../../preload/contract';

const root = path.resolve(__dirname, '../..');
const rendererDir = path.join(root, 'out/renderer');

const fixture: Snapshot = {
  version: 1,
  defaultProfile: 'prod-admin',
  keychain: { state: 'available', backend: 'Secret Service' },
  sessions: [{ profile: 'dev-temp', kind: 'temporary-key', state: 'active', expiresAt: '2026-11-23T00:00:00.000Z' }],
  alarms: [],
  settings: {
    refreshMarginSeconds: 600,
    clipboardClearSeconds: 45,
    defaultDurationSeconds: 3600,
    helperEnabled: true,
    helperPort: 0,
    launchAtLogin: false,
    theme: 'system',
    language: 'system',
    notifyBeforeExpiryMinutes: 5,
  },
  helper: { state: 'running', url: 'http://127.0.0.1:47123', port: 47123 },
  locale: 'en',
  toolFileProblems: [],
  profiles: [
    { id: 'a1', name: 'prod-admin', kind: 'access-key', accessKeyId: 'QTWAOYTTINDUT2QVKYUC', domainName: 'acme-prod', region: 'cn-north-4', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' },
    { id: 'b2', name: 'dev-temp', kind: 'temporary-key', accessKeyId: 'P0HEQUQ4XBWXY5WD69X0', domainName: 'acme-dev', expiresAt: '2026-11-23T00:00:00.000Z', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' },
  ],
};

let bridgeJs = '';
test.beforeAll(async () => {
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first');
  const out = await build({ entryPoints: [path.join(__dirname, 'support/fake-bridge.ts')], bundle: true, write: false, format: 'iife', platform: 'browser' });
  bridgeJs = out.outputFiles[0]!.text;
});

test('the React window renders profiles through the preload contract', async ({ page }) => {
  const server = await serveStatic(rendererDir);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await page.addInitScript(`window.__akvaultFixture = ${JSON.stringify(fixture)};`);
    await page.addInitScript(bridgeJs);
    await page.goto(server.url);
    await expect(page.getByTestId('profile-row')).toHaveCount(2);
    await expect(page.getByRole('region', { name: 'Account acme-prod' })).toContainText('prod-admin');
    await expect(page.getByRole('region', { name: 'Account acme-prod' })).toContainText('default');
    await expect(page.getByRole('region', { name: 'Account acme-dev' })).toContainText('Temporary key');
    await page.getByRole('searchbox', { name: 'Search profiles' }).fill('dev');
    await expect(page.getByTestId('profile-row')).toHaveCount(1);
    expect(await page.evaluate(() => window.__akvaultCalls)).toContain('getSnapshot');
    await page.screenshot({ path: path.join(root, 'test-results/screenshots/smoke-profiles.png'), fullPage: true });
    expect(errors).toEqual([]);
  } finally {
    await server.close();
  }
});
