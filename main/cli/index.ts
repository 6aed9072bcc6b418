import { runCli } from './program';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`akvault: unexpected failure (${e instanceof Error ? e.name : typeof e}).\n`);
    process.exitCode = 1;
  },
);
