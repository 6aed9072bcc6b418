#!/usr/bin/env node
// The akvault command. The CLI is bundled into one file (out/cli/akvault.cjs) so `env` and `exec` start fast.
'use strict';
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'out', 'cli', 'akvault.cjs');
try {
  require.resolve(bundle);
} catch {
  process.stderr.write('akvault: the CLI is not built yet. Run `npm run build` in ' + path.dirname(__dirname) + '.\n');
  process.exit(1);
}
require(bundle);
