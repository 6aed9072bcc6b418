/**
 * The layering lint, probed: for every arrow the house forbids (issue "a house lint can see whole"), a
 * probe file in the importing folder imports the forbidden folder and ESLint, run with the project's
 * own eslint.config.mjs, must report it. The allowed arrows are probed too, so a rule that fires on
 * everything fails here as surely as one that fires on nothing. The table below is written from the
 * rules as stated, not read from the config.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

type Layer = 'core' | 'shared' | 'electron' | 'web' | 'cli' | 'root' | 'contract' | 'preload' | 'renderer' | 'i18n' | 'node' | 'electron-pkg';

/** Where a probe of each layer pretends to live, and what it imports to reach each layer. */
const probeFile: Partial<Record<Layer, string>> = {
  core: 'main/core/sessions/__probe__.ts',
  shared: 'main/shared/__probe__.ts',
  electron: 'main/electron/__probe__.ts',
  web: 'main/web/__probe__.ts',
  cli: 'main/cli/commands/__probe__.ts',
  contract: 'preload/channels.ts', // the contract is a fixed set of files: probe as one of them
  preload: 'preload/__probe__.ts',
  renderer: 'renderer/src/views/__probe__.tsx',
  i18n: 'i18n/__probe__.ts',
};
const targetFile: Partial<Record<Layer, string>> = {
  core: 'main/core/errors',
  shared: 'main/shared/dispatch',
  electron: 'main/electron/tray',
  web: 'main/web/attach',
  cli: 'main/cli/io',
  root: 'main/index',
  contract: 'preload/contract',
  preload: 'preload/ipc-transport',
  renderer: 'renderer/src/App',
  i18n: 'i18n',
};

function specifier(from: Layer, to: Layer): string {
  if (to === 'node') return 'node:fs';
  if (to === 'electron-pkg') return 'electron';
  const rel = path.relative(path.dirname(probeFile[from]!), targetFile[to]!).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

const everything: Layer[] = ['core', 'shared', 'electron', 'web', 'cli', 'root', 'contract', 'preload', 'renderer', 'i18n', 'node', 'electron-pkg'];
const except = (...allowed: Layer[]): Layer[] => everything.filter((l) => !allowed.includes(l));

/** The forbidden arrows, from the rules: "core imports nothing above it; shared only core and the contract; …". */
const forbidden: Partial<Record<Layer, Layer[]>> = {
  core: except('core', 'node'),
  shared: except('shared', 'core', 'contract', 'node'),
  electron: except('electron', 'core', 'shared', 'contract', 'i18n', 'node', 'electron-pkg'),
  web: except('web', 'core', 'shared', 'contract', 'i18n', 'node'),
  cli: ['electron', 'electron-pkg', 'root', 'preload', 'renderer'],
  contract: except('contract'),
  preload: ['core', 'shared', 'electron', 'web', 'cli', 'root', 'renderer', 'i18n', 'node'],
  renderer: except('renderer', 'contract', 'i18n'),
  i18n: except('i18n'),
};
const allowed: Partial<Record<Layer, Layer[]>> = {
  core: ['core', 'node'],
  shared: ['core', 'contract'],
  electron: ['core', 'shared', 'contract', 'i18n', 'electron-pkg'],
  web: ['core', 'shared', 'contract', 'i18n'],
  cli: ['core', 'shared', 'web', 'contract', 'i18n', 'node'],
  contract: ['contract'],
  preload: ['contract', 'electron-pkg'],
  renderer: ['contract', 'i18n', 'renderer'],
  i18n: ['i18n'],
};

async function layeringMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'akvault/layers').map((m) => m.message);
}

const cases = (table: Partial<Record<Layer, Layer[]>>) => Object.entries(table).flatMap(([from, tos]) => tos!.map((to) => [from as Layer, to] as const));

describe('layering lint', () => {
  it.each(cases(forbidden))('%s → %s is refused', async (from, to) => {
    const spec = specifier(from, to);
    const messages = await layeringMessages(probeFile[from]!, `import { x } from '${spec}';\nexport const y = x;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`must not import`);
    expect(messages[0]).toContain(spec);
  });

  it.each(cases(allowed))('%s → %s is allowed', async (from, to) => {
    expect(await layeringMessages(probeFile[from]!, `import { x } from '${specifier(from, to)}';\nexport const y = x;\n`)).toEqual([]);
  });

  it('catches every way of spelling an import: type-only, re-export, dynamic import(), require()', async () => {
    const file = 'main/web/__probe__.ts';
    const code = [
      "import type { X } from '../electron/tray';",
      "export * from '../electron/tray';",
      "export { z } from '../cli/io';",
      "export const a = () => import('../electron/tray');",
      "export const b = require('electron');",
      'export type Y = X;',
    ].join('\n');
    expect(await layeringMessages(file, code)).toHaveLength(5);
  });

  it("refuses today's former violations (the moves of this issue)", async () => {
    // main/web once imported the profiles watcher from main/electron; main/electron the helper file from main/cli.
    expect(await layeringMessages('main/web/web-bridge.ts', "import { w } from '../electron/profiles-watch';\nexport const v = w;\n")).toHaveLength(1);
    expect(await layeringMessages('main/electron/local-helper.ts', "import { h } from '../cli/helper-file';\nexport const v = h;\n")).toHaveLength(1);
    expect(await layeringMessages('main/electron/locale.ts', "import { m } from '../../renderer/i18n';\nexport const v = m;\n")).toHaveLength(1);
  });
});
