import { Option, type Command } from 'commander';
import { PROFILE_KINDS, type ProfileKind } from '../../core/profiles/schema';
import type { CliContext } from '../context';
import { printAdvisories, printJson } from '../output';
import { addProfileOptions, checkOptionsForKind, inputFromOptions, refuseSecretsOnArgv, type ProfileOptions } from './profile-options';
import { readProfileSecrets, stdinLinesHelp } from './profile-secrets';
import { addedLine, namesOf, profileJson } from './profile-view';

/** `akvault profile add`: options → ProfileInput, secrets from stdin per kind, one service call. */
export function registerProfileAdd(profile: Command, ctx: CliContext): void {
  const cmd = profile
    .command('add')
    .description(
      `add a profile. Secrets are read from stdin, one per line (${stdinLinesHelp()}); in a terminal you are prompted without echo. ` +
        'Secrets are never taken from the command line.',
    )
    .requiredOption('--name <name>', 'profile name: 1–64 letters, digits, "-", "_", "."')
    .addOption(new Option('--kind <kind>', 'profile kind').choices(PROFILE_KINDS).default('access-key'));
  addProfileOptions(cmd, 'add').action(async (opts: ProfileOptions & { name: string; kind: string }) => {
    refuseSecretsOnArgv(opts);
    const kind = opts.kind as ProfileKind;
    checkOptionsForKind(kind, opts, 'add');
    const service = ctx.getService();
    // Options first (they may name a missing source or an unreadable policy file), then stdin.
    const input = await inputFromOptions(service, opts.name, kind, opts);
    const secrets = await readProfileSecrets(ctx.io, kind);
    const { profile: added, warnings } = await service.addProfile(input, secrets);
    printAdvisories(ctx.io.stderr, warnings);
    const nameOf = namesOf(await service.listProfiles());
    if (opts.json) return printJson(ctx.io.stdout, { profile: profileJson(added, null, nameOf), warnings });
    ctx.io.stdout.write(`${addedLine(added, nameOf)}\n`);
  });
}
