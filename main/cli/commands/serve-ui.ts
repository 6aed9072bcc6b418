/**
 * `akvault serve --ui [--no-open]`: the profile manager in the browser, for machines without a tray.
 * The same renderer the desktop window shows, served by the helper `serve` runs (same port, under
 * /ui), talking to the same view-state handlers through main/web. serve.ts makes one call here once
 * its helper listens; everything about the UI stays in this file and main/web.
 *
 * The helper token never reaches the browser: this prints a one-time sign-in URL (a ticket, single use,
 * two minutes) that the UI exchanges for its own session cookie. The UI closes with the helper.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppCore } from '../../core/app-core';
import { AkvaultError } from '../../core/errors';
import type { HelperServer } from '../../core/helper/types';
import packageJson from '../../../package.json';
import { hostDoctor } from '../../core/doctor/for-host';
import { dataFiles } from '../../core/paths';
import { attachWebUi } from '../../web';
import { openInBrowser } from '../browser';
import type { HandoffContext } from '../handoff-context';

/**
 * The built renderer next to the CLI build (out/cli/… → out/renderer), or in out/ of the checkout
 * when running from source. Found by walking up, so the bundle's chunk layout does not matter.
 */
export function findRendererDir(from: string = __dirname): string | null {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    for (const candidate of [path.join(dir, 'renderer'), path.join(dir, 'out', 'renderer')]) {
      if (path.basename(path.dirname(candidate)) === 'out' && existsSync(path.join(candidate, 'index.html'))) return candidate;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** Serves the UI on the running helper, routes MFA prompts to the page while one is open, prints (and opens) the sign-in link. */
export async function startServeUi(ctx: HandoffContext, opts: { open: boolean }, core: AppCore, helper: Pick<HelperServer, 'url' | 'port' | 'attachUi'>): Promise<void> {
  const rendererDir = findRendererDir();
  if (!rendererDir) {
    throw new AkvaultError('usage', 'The browser UI is not part of this build (out/renderer is missing).', {
      hint: 'Build it with `npm run build`, or run `akvault serve` without --ui.',
    });
  }
  const bridge = attachWebUi(core, helper, {
    rendererDir,
    openBrowser: (url) => openInBrowser(url, ctx.io.env),
    env: ctx.io.env,
    profilesFile: dataFiles(core.dataDir).profiles,
    diagnostics: hostDoctor({ host: 'serve', dataDir: core.dataDir, service: core.service, akvaultVersion: packageJson.version, env: ctx.io.env }),
  });

  const url = `${helper.url}${bridge.issueLoginPath()}`;
  ctx.io.stderr.write(`akvault: browser UI: ${url}\nakvault: that sign-in link works once, within 2 minutes; while the page is open, MFA codes are asked for there.\n`);
  if (!opts.open) return;
  try {
    await openInBrowser(url, ctx.io.env);
  } catch {
    ctx.io.stderr.write('akvault: could not start a browser; open the link above yourself.\n');
  }
}
