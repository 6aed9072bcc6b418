/**
 * Opens the built renderer (out/renderer) in a page with the fake bridge installed: one static server
 * and one bridge bundle per worker, a fixture snapshot and options per test.
 */
import { test as base, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { serveStatic } from './static-server';
import { openAppIn } from './open';
import type { Snapshot } from '../../../preload/contract';
import type { FakeOptions } from './fake-bridge';

export const root = path.resolve(__dirname, '../../..');
export const rendererDir = path.join(root, 'out/renderer');
export const screenshotDir = path.join(root, 'test-results/screenshots');


export interface OpenOptions {
  options?: FakeOptions;
}

type Fixtures = {
  server: { url: string };
  openApp(snapshot: Snapshot, opts?: OpenOptions): Promise<void>;
  pageErrors: string[];
};

export const test = base.extend<Fixtures, { serverWorker: { url: string; close(): Promise<void> } }>({
  serverWorker: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first');
      const s = await serveStatic(rendererDir);
      await use(s);
      await s.close();
    },
    { scope: 'worker' },
  ],
  server: async ({ serverWorker }, use) => use(serverWorker),
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await use(errors);
  },
  openApp: async ({ page, server }, use) => {
    await use(async (snapshot, opts = {}) => {
      await openAppIn(page, server.url, snapshot, opts.options);
    });
  },
});

export { expect };

/** The store as the page holds it (the test bridge opts in to reading it). */
export async function storeJson(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify(window.__akvaultStore?.getState() ?? null));
}
