import type { Command } from 'commander';
import { AkvaultError } from '../../core/errors';
import type { CliContext } from '../context';
import { printJson } from '../output';

/** `akvault default [PROFILE] [--clear]`: the profile the tray marks and commands use when they name none. */
export function registerDefaultCommand(program: Command, ctx: CliContext): void {
  program
    .command('default')
    .description('show the default profile, or set it (the one the tray marks and that commands use when they name none)')
    .argument('[profile]', 'profile to make the default')
    .option('--clear', 'unset the default profile')
    .option('--json', 'print {"defaultProfile": name or null}')
    .action(async (name: string | undefined, opts: { clear?: boolean; json?: boolean }) => {
      if (name !== undefined && opts.clear) {
        throw new AkvaultError('usage', 'Give a profile to make the default, or --clear, not both.');
      }
      const service = ctx.getService();
      if (name !== undefined || opts.clear) await service.setDefaultProfile(opts.clear ? null : name!);
      const current = await service.getDefaultProfile();
      if (opts.json) return printJson(ctx.io.stdout, { defaultProfile: current });
      if (name !== undefined) ctx.io.stdout.write(`The default profile is now "${current}".\n`);
      else if (opts.clear) ctx.io.stdout.write('The default profile is cleared.\n');
      else ctx.io.stdout.write(current === null ? 'No default profile is set (set one with `akvault default NAME`).\n' : `${current}\n`);
    });
}
