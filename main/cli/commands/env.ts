/**
 * `akvault env [PROFILE] [--format …]`: prints a profile's variables for a shell to evaluate
 * (`eval "$(akvault env prod)"`), a dotenv file, JSON, or KooCLI's `--cli-*` argument line.
 */
import { Option, type Command } from 'commander';
import { envFor } from '../../core/handoff/env-vars';
import { koocliArgsLine } from '../../core/handoff/koocli-args';
import { snippet, SNIPPET_FORMATS, type SnippetFormat } from '../../core/handoff/snippets';
import type { SessionCredentials } from '../../core/sessions/types';
import { openCredentialSource } from '../credential-source';
import type { HandoffContext } from '../handoff-context';
import type { Writer } from '../io';

export const ENV_FORMATS = [...SNIPPET_FORMATS, 'hcloud'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

/** The text `env` prints for one profile's credentials. */
export function envOutput(format: EnvFormat, profile: string, creds: SessionCredentials): string {
  if (format === 'hcloud') return `${koocliArgsLine(creds, 'bash')}\n`;
  return snippet(format as SnippetFormat, envFor(profile, creds));
}

export function isTerminal(w: Writer): boolean {
  return (w as { isTTY?: unknown }).isTTY === true;
}

export function registerEnvCommand(program: Command, ctx: HandoffContext): void {
  program
    .command('env')
    .description('print a profile\'s credentials as shell code to evaluate: eval "$(akvault env prod)"')
    .argument('[profile]', 'profile name (default: the default profile, see `akvault default`)')
    .addOption(new Option('--format <format>', 'bash, zsh, fish, powershell, cmd, dotenv, json, or hcloud (KooCLI --cli-* options)').choices(ENV_FORMATS).default('bash'))
    .option('--verbose', 'say on stderr whether the running app/serve was used, and print log lines (info and up) there')
    .option('--debug', 'like --verbose, with debug log lines too')
    .action(async (profile: string | undefined, opts: { format: EnvFormat; verbose?: boolean }) => {
      const source = await openCredentialSource(ctx, { verbose: ctx.logEcho !== undefined });
      try {
        const { profile: name, credentials } = await source.credentials(profile ?? null, 'env');
        const text = envOutput(opts.format, name, credentials);
        if (isTerminal(ctx.io.stdout)) {
          ctx.io.stderr.write(`akvault: warning: printing the secret keys of "${name}" to the terminal; use eval "$(akvault env ${name})" to load them without showing them.\n`);
        }
        ctx.io.stdout.write(text);
      } finally {
        await source.close();
      }
    });
}
