import type { Command } from 'commander';
import { AkvaultError } from '../../core/errors';
import { SECRET_SLOTS } from '../../core/profiles/secret-fields';
import type { CliContext } from '../context';
import { printAdvisories, printJson } from '../output';
import { addProfileOptions, checkOptionsForKind, patchFromOptions, refuseSecretsOnArgv, withArticle, type ProfileOptions } from './profile-options';
import { readProfileSecrets, stdinLinesHelp } from './profile-secrets';
import { namesOf, profileJson } from './profile-view';

type UpdateOptions = ProfileOptions & { rename?: string; secretsFromStdin?: boolean };

/** `akvault profile update NAME`: edits what is given; secrets only with --secrets-from-stdin. */
export function registerProfileUpdate(profile: Command, ctx: CliContext): void {
  const cmd = profile
    .command('update')
    .description(
      'edit a profile: only the options given change; "" removes an optional value. The id, kind and (unless asked) the secrets stay. ' +
        `With --secrets-from-stdin the secrets are replaced, read like on add (${stdinLinesHelp()}).`,
    )
    .argument('<name>', 'profile name')
    .option('--rename <new-name>', 'new profile name (the default-profile setting follows)')
    .option('--secrets-from-stdin', "replace the profile's secrets, read from stdin (or prompted for in a terminal)");
  addProfileOptions(cmd, 'update').action(async (name: string, opts: UpdateOptions) => {
    refuseSecretsOnArgv(opts);
    const service = ctx.getService();
    const current = await service.getProfile(name);
    checkOptionsForKind(current.kind, opts, 'update');
    if (opts.secretsFromStdin && SECRET_SLOTS[current.kind].length === 0) {
      const what = withArticle(current.kind);
      throw new AkvaultError('usage', `${what[0]!.toUpperCase()}${what.slice(1)} profile has no secrets to replace; leave out --secrets-from-stdin.`);
    }
    const patch = await patchFromOptions(service, opts, opts.rename);
    if (Object.keys(patch).length === 0 && !opts.secretsFromStdin) {
      throw new AkvaultError('usage', `Nothing to change for "${current.name}".`, { hint: 'Give the options to change (see `akvault profile update --help`), --rename, or --secrets-from-stdin.' });
    }
    const secrets = opts.secretsFromStdin ? await readProfileSecrets(ctx.io, current.kind) : undefined;
    const r = await service.updateProfile(name, patch, secrets);
    printAdvisories(ctx.io.stderr, r.warnings);
    if (opts.json) {
      const [profiles, defaultName] = await Promise.all([service.listProfiles(), service.getDefaultProfile()]);
      return printJson(ctx.io.stdout, { profile: profileJson(r.profile, defaultName, namesOf(profiles)), previousName: r.previous.name, secretsReplaced: r.secretsReplaced, warnings: r.warnings });
    }
    const notes = [r.previous.name !== r.profile.name ? `renamed from "${r.previous.name}"` : '', r.secretsReplaced ? 'secrets replaced' : ''].filter(Boolean);
    ctx.io.stdout.write(`Updated profile "${r.profile.name}"${notes.length ? ` (${notes.join('; ')})` : ''}.\n`);
  });
}
