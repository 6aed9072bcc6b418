#!/usr/bin/env node
// Bundles the CLI into one CommonJS file so `akvault env`/`exec` start with a single module load.
// keytar is native and stays external (loaded lazily, only by commands that touch the keychain).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
await build({
  entryPoints: [path.join(root, 'main/cli/index.ts')],
  outfile: path.join(root, 'out/cli/akvault.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['keytar', 'electron'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
