import { FAST_COMMANDS } from './fast-commands';

// Commands that hand credentials to tools take a lean path (handoff-program.ts): `env` and `exec` run in
// prompt hooks and scripts, so they must not pay for loading the profile commands. Both paths are
// dynamic imports, which the bundler splits into chunks loaded only when used.
const argv = process.argv.slice(2);

const run: Promise<number> = FAST_COMMANDS.has(argv[0] ?? '')
  ? import('./handoff-program').then((m) => m.runHandoffCli(argv))
  : import('./program').then((m) => m.runCli(argv));

run.then(
  async (code) => {
    process.exitCode = code;
    // The handoff commands end the process as soon as they are done: `exec` must return when its child
    // does, not when a background key refresh (started for the child's pod-identity endpoint) finishes
    // talking to a slow IAM. Their sources have already closed and flushed what must be written.
    if (FAST_COMMANDS.has(argv[0] ?? '')) {
      await Promise.all([drained(process.stdout), drained(process.stderr)]);
      process.exit(code);
    }
  },
  (e: unknown) => {
    process.stderr.write(`akvault: unexpected failure (${e instanceof Error ? e.name : typeof e}).\n`);
    process.exitCode = 1;
  },
);

/** Resolves once what was written to the stream has been handed to the OS (pipes are asynchronous on macOS and Windows). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}
