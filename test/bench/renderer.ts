/**
 * Benchmark 4 (browser side): the renderer's first render and one filter keystroke with 5,000 profiles
 * in Debian's Chromium, through the same fake bridge the renderer tests use. Timed from Node around
 * Playwright calls, so each figure includes one Playwright round trip (a few ms).
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';
import { chromiumArgs } from '../browser/playwright.config';
import { manyProfiles, snapshot } from '../browser/support/fixtures';
import { serveStatic } from '../browser/support/static-server';
import { round, spread } from './stats';
import type { Bench } from './types';

export const renderer: Bench = async ({ tiny }) => {
  const n = tiny ? 200 : 5000;
  const runs = tiny ? 1 : 5;
  const server = await serveStatic(path.resolve(__dirname, '../../out/renderer'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  const first: number[] = [];
  const keystroke: number[] = [];
  try {
    const fixture = snapshot({ profiles: manyProfiles(n), sessions: [], alarms: [], defaultProfile: null });
    const bridge = (await build({ entryPoints: [path.resolve(__dirname, '../browser/support/fake-bridge.ts')], bundle: true, write: false, format: 'iife', platform: 'browser' })).outputFiles[0]!.text;
    const target = `profile-${String(n - 7).padStart(5, '0')}`;
    for (let r = 0; r < runs; r++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const t0 = process.hrtime.bigint();
      await page.addInitScript(`window.__akvaultFixture = ${JSON.stringify(fixture)}; window.__akvaultOptions = {};`);
      await page.addInitScript(bridge);
      await page.goto(server.url);
      await page.getByTestId('profile-row').first().waitFor();
      first.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const search = page.getByRole('searchbox').first();
      await search.fill(target.slice(0, -1));
      // Locator waits, not string predicates: the page's CSP (rightly) forbids eval.
      await page.getByTestId('profile-count').filter({ hasText: ' of ' }).waitFor();
      await search.focus();
      const t1 = process.hrtime.bigint();
      await page.keyboard.type(target.slice(-1));
      await page.getByTestId('profile-count').filter({ hasText: /^1 / }).waitFor();
      keystroke.push(Number(process.hrtime.bigint() - t1) / 1e6);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const f = spread(first);
  const k = spread(keystroke);
  return [
    { bench: 'scale', case: `${n} profiles`, metric: 'renderer first render (navigation → rows shown)', unit: 'ms', value: round(f.median), runs: { ...f, n: runs } },
    { bench: 'scale', case: `${n} profiles`, metric: 'renderer filter keystroke → list updated', unit: 'ms', value: round(k.median), runs: { ...k, n: runs } },
  ];
};
