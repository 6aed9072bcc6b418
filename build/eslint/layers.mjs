/**
 * The house's layering, as one ESLint rule (in the spirit of VS Code's `code-layering`): every import in
 * the product's folders is resolved to the folder it lands in, and each folder names the folders it may
 * import. Relative specifiers are resolved against the importing file, so `../electron/tray` from
 * main/web is caught however it is spelled; `electron` and Node built-ins are layers of their own.
 *
 *   core      main/core       plain Node: imports nothing above it
 *   shared    main/shared     what both doorways share: core and the contract only
 *   electron  main/electron   a doorway: core, shared, contract, i18n (never web, never cli)
 *   web       main/web        a doorway: core, shared, contract, i18n (never electron, never cli)
 *   cli       main/cli        the command line: anything of main but Electron
 *   root      main/index.ts   the Electron composition root: core, shared, electron, contract, i18n
 *   contract  preload/{contract,channels,bridge,api.d}.ts   runs in main, preload and the page alike
 *   preload   preload/*       the sandboxed bridges: the contract and Electron's renderer API
 *   renderer  renderer/       the page: the contract and i18n only
 *   i18n      i18n/           neutral catalogues: imported by main and the renderer, imports neither
 */
import path from 'node:path';
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules);
const CONTRACT_FILES = new Set(['preload/contract', 'preload/channels', 'preload/bridge', 'preload/api.d', 'preload/api']);

/** Which layer a repository-relative path (without extension) belongs to; null outside the product. */
export function layerOfPath(rel) {
  const p = rel.split(path.sep).join('/');
  if (p.startsWith('main/core/')) return 'core';
  if (p.startsWith('main/shared/')) return 'shared';
  if (p.startsWith('main/electron/')) return 'electron';
  if (p.startsWith('main/web/')) return 'web';
  if (p.startsWith('main/cli/')) return 'cli';
  if (p === 'main/index' || p === 'main') return 'root';
  if (p.startsWith('preload/')) return CONTRACT_FILES.has(p.replace(/\.(ts|d\.ts)$/, '')) ? 'contract' : 'preload';
  if (p === 'preload') return 'preload';
  if (p.startsWith('renderer/')) return 'renderer';
  if (p === 'i18n' || p.startsWith('i18n/')) return 'i18n';
  if (p === 'package.json') return 'package.json';
  return null;
}

/** Layer → the layers it may import, and why the rest are refused. */
export const LAYERS = {
  core: { may: ['core', 'node'], why: 'main/core/ is plain Node and imports nothing above it (it runs in the CLI, `akvault serve`, the app and tests)' },
  shared: { may: ['shared', 'core', 'contract', 'node'], why: 'main/shared/ serves both doorways: it may import only main/core/ and the contract' },
  electron: {
    may: ['electron', 'core', 'shared', 'contract', 'i18n', 'node', 'pkg:electron'],
    why: 'main/electron/ is a doorway: core, shared, the contract and i18n only — never main/web/, main/cli/ or the renderer',
  },
  web: { may: ['web', 'core', 'shared', 'contract', 'i18n', 'node'], why: 'main/web/ is a doorway: core, shared, the contract and i18n only — never Electron or main/cli/' },
  cli: { may: ['cli', 'core', 'shared', 'web', 'contract', 'i18n', 'node', 'package.json'], why: 'main/cli/ runs in plain Node: never Electron, the preloads or the renderer' },
  root: { may: ['root', 'core', 'shared', 'electron', 'contract', 'i18n', 'node', 'pkg:electron'], why: 'main/index.ts wires core, shared and the Electron adapters only' },
  contract: { may: ['contract'], why: 'the contract runs in main, the sandboxed preload and the page: it imports only itself (and zod)' },
  preload: { may: ['preload', 'contract', 'pkg:electron'], why: 'preload/ holds the contract and the sandboxed bridges: nothing of main/ or the renderer, no Node built-ins' },
  renderer: { may: ['renderer', 'contract', 'i18n'], why: 'the renderer is a sandboxed page: it reaches main only through the contract, and uses i18n/' },
  i18n: { may: ['i18n'], why: 'i18n/ is neutral ground imported by main and the renderer: it imports neither, nor Node or Electron' },
};

/** The layer a specifier written in `fromFile` lands in: a path's layer, 'node', 'pkg:electron', or null. */
export function targetLayer(spec, fromFile, root) {
  if (spec === 'electron' || spec.startsWith('electron/')) return 'pkg:electron';
  if (spec.startsWith('node:') || builtins.has(spec.split('/')[0])) return 'node';
  if (!spec.startsWith('.')) return null; // a package from node_modules: not a layer
  const abs = path.resolve(path.dirname(fromFile), spec);
  return layerOfPath(path.relative(root, abs).replace(/\.(tsx?|mjs|cjs|js|json)$/, ''));
}

const layersRule = {
  meta: { type: 'problem', schema: [], messages: { forbidden: '{{from}} must not import {{to}} ("{{spec}}"): {{why}}.' } },
  create(context) {
    const root = context.cwd ?? context.getCwd();
    const file = context.filename ?? context.getFilename();
    const from = layerOfPath(path.relative(root, file).replace(/\.(tsx?|mjs|cjs|js)$/, ''));
    if (!from || !LAYERS[from]) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const to = targetLayer(source.value, file, root);
      if (to === null || LAYERS[from].may.includes(to)) return;
      context.report({ node, messageId: 'forbidden', data: { from, to, spec: source.value, why: LAYERS[from].why } });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source),
      TSImportType: (n) => check(n, n.argument?.literal ?? n.argument),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') check(n, n.arguments[0]);
      },
    };
  },
};

export default { rules: { layers: layersRule } };
