import { Command } from 'commander';
import packageJson from '../../package.json';
import { registerDefaultCommand } from './commands/default';
import { registerDoctorCommand } from './commands/doctor';
import { registerHandoffCommands } from './commands/handoff';
import { registerProfileCommands } from './commands/profile';
import { registerSecretsCommands } from './commands/secrets';
import { CliContext } from './context';
import { resolveIO, type CliIO } from './io';
import { reportCliError } from './report-error';

/**
 * The akvault command line. Exit codes: 0 ok, 1 failure, 2 usage error (ours and commander's).
 * Errors go to stderr as one line (plus a hint line when there is one); stdout carries only results.
 */
export { EXIT_CANCELLED, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './report-error';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('akvault')
    .description('Keeps Huawei Cloud access keys in the OS keychain (or an encrypted vault file) and hands them to your tools.')
    .version(packageJson.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.io.stdout.write(s),
      writeErr: (s) => void ctx.io.stderr.write(s),
    })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);
  // Settings above are inherited by every subcommand created below.
  registerProfileCommands(program, ctx);
  registerDefaultCommand(program, ctx);
  registerHandoffCommands(program, ctx);
  registerDoctorCommand(program, ctx);
  registerSecretsCommands(program, ctx);
  return program;
}

export async function runCli(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  const ctx = new CliContext(resolveIO(io));
  ctx.argv = argv;
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    return reportCliError(ctx.io, e);
  }
}
