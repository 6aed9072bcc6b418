/** Opens the app in a page the test made itself (its own context: viewport, zoom), with the fake bridge. */
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';
import type { Snapshot } from '../../../preload/contract';
import type { FakeOptions } from './fake-bridge';

let bridgeJs: Promise<string> | null = null;
export function bridgeBundle(): Promise<string> {
  bridgeJs ??= build({ entryPoints: [path.join(__dirname, 'fake-bridge.ts')], bundle: true, write: false, format: 'iife', platform: 'browser' }).then((o) => o.outputFiles[0]!.text);
  return bridgeJs;
}

export async function openAppIn(page: Page, url: string, snapshot: Snapshot, options: FakeOptions = {}): Promise<void> {
  await page.addInitScript(`window.__akvaultFixture = ${JSON.stringify(snapshot)}; window.__akvaultOptions = ${JSON.stringify(options)};`);
  await page.addInitScript(await bridgeBundle());
  await page.goto(url);
  await page.locator('main#main').waitFor();
}
