import { FAST_COMMANDS } from './fast-commands';

// Commands that hand credentials to tools take a lean path (handoff-program.ts): `env` and `exec` run in
// prompt hooks and scripts, so they must not pay for loading the profile commands. Both paths are
// dynamic imports, which the bundler splits into chunks loaded only when used.
const argv = process.argv.slice(2);

const run: Promise<number> = FAST_COMMANDS.has(argv[0] ?? '')
  ? import('./handoff-program').then((m) => m.runHandoffCli(argv))
  : import('./program').then((m) => m.runCli(argv));

run.then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`akvault: unexpected failure (${e instanceof Error ? e.name : typeof e}).\n`);
    process.exitCode = 1;
  },
);
