#!/usr/bin/env node
// Bundles the CLI so `akvault env`/`exec` start fast. keytar is native and stays external (loaded lazily,
// only by commands that touch the keychain).
//
// ESM with code splitting, not one CommonJS file: a process pays to parse every byte it loads, and the
// whole CLI is ~2.5 MB. Split, `env`/`exec` going through a running helper parse ~0.2 MB (commander and
// the handoff commands); the app core, zod, undici and the profile commands sit in chunks that only
// their `await import()` loads. out/cli/akvault.cjs stays the entry point bin/akvault.cjs requires: a
// small CommonJS loader for the ESM build.
//
// Each build goes to its own folder (out/cli/esm-<time>-<pid>) and the loader is switched over by an
// atomic rename, so a rebuild never pulls files from under a running `akvault` (a long `exec` or `serve`
// loads chunks on demand): the previous build is kept, older ones are removed.
import { build } from 'esbuild';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'out/cli');
const started = Date.now();
const buildName = `esm-${started}-${process.pid}`;
const esmDir = path.join(outDir, buildName);

await build({
  entryPoints: [path.join(root, 'main/cli/index.ts')],
  outdir: esmDir,
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  external: ['keytar', 'electron'],
  // jsonc-parser's `main` is a UMD wrapper whose inner require('./impl/…') calls a bundler cannot follow;
  // its ES module build bundles cleanly.
  alias: { 'jsonc-parser': path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js') },
  // Bundled CommonJS dependencies still call require() and read __filename/__dirname.
  banner: {
    js: [
      "import { createRequire as __akvCreateRequire } from 'node:module';",
      "import { fileURLToPath as __akvFileURLToPath } from 'node:url';",
      "import { dirname as __akvDirname } from 'node:path';",
      'const require = __akvCreateRequire(import.meta.url);',
      'const __filename = __akvFileURLToPath(import.meta.url);',
      'const __dirname = __akvDirname(__filename);',
    ].join(' '),
  },
  sourcemap: 'linked',
  legalComments: 'none',
  minify: true,
  keepNames: true,
  logLevel: 'warning',
});

await mkdir(outDir, { recursive: true });
const loader = path.join(outDir, 'akvault.cjs');
const loaderTemp = `${loader}.${process.pid}.tmp`;
await writeFile(
  loaderTemp,
  [
    "'use strict';",
    '// Loads the ESM build of the CLI (see build/scripts/build-cli.mjs).',
    "const { pathToFileURL } = require('node:url');",
    "const path = require('node:path');",
    `import(pathToFileURL(path.join(__dirname, ${JSON.stringify(buildName)}, 'index.mjs')).href).catch((e) => {`,
    "  process.stderr.write('akvault: the CLI build could not be loaded (' + (e && e.code ? e.code : 'error') + '). Run `npm run build:cli`.\\n');",
    '  process.exitCode = 1;',
    '});',
    '',
  ].join('\n'),
);
await rename(loaderTemp, loader);

// Keep this build and the one before it; remove older builds and the layouts of earlier build scripts.
const builds = (await readdir(outDir))
  .map((name) => ({ name, at: Number(/^esm-(\d+)-\d+$/.exec(name)?.[1]) }))
  .filter((b) => Number.isFinite(b.at) && b.name !== buildName)
  .sort((a, b) => b.at - a.at);
for (const old of builds.slice(1)) await rm(path.join(outDir, old.name), { recursive: true, force: true });
await rm(path.join(outDir, 'esm'), { recursive: true, force: true });
await rm(path.join(outDir, 'akvault.cjs.map'), { force: true });
