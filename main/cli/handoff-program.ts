/**
 * The fast entry point for `akvault env|exec|login|serve`: a program with only these commands, built
 * without the profile commands and the profile service (zod, the keychain adapter, CSV parsing), so
 * `eval "$(akvault env)"` in a shell prompt hook or a Makefile costs little more than starting Node.
 * The full program (program.ts) registers the same commands for `akvault --help`.
 */
import { Command } from 'commander';
import { registerHandoffCommands } from './commands/handoff';
import type { ServeHooks } from './commands/serve';
import { LightContext } from './handoff-context';
import { resolveIO, type CliIO } from './io';
import { reportCliError } from './report-error';

export async function runHandoffCli(argv: string[], io: Partial<CliIO> = {}, hooks: { serve?: ServeHooks } = {}): Promise<number> {
  const ctx = new LightContext(resolveIO(io));
  ctx.argv = argv;
  const program = new Command('akvault')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.io.stdout.write(s),
      writeErr: (s) => void ctx.io.stderr.write(s),
    })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);
  registerHandoffCommands(program, ctx, hooks);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    return reportCliError(ctx.io, e);
  }
}
