/**
 * `akvault exec [PROFILE] [--server] [--force] -- CMD ARGS…`: runs a command with a profile's
 * credentials in its environment only. Exit code and signals pass through; a nested exec is refused.
 *
 * `--server` hands the child a pod-identity endpoint (HC_CONTAINER_CREDENTIALS_FULL_URI and a token
 * file) instead of keys, so a long run keeps getting fresh keys: registered on the running app/serve's
 * helper, or on a helper of this process's own for the child's lifetime.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { AkvaultError } from '../../core/errors';
import { envFor, type EnvVar } from '../../core/handoff/env-vars';
import { childEnv, serverVars } from '../child-env';
import { openCredentialSource, type CredentialSource } from '../credential-source';
import { execCommandLabel, splitExecOperands } from '../exec-args';
import type { HandoffContext } from '../handoff-context';
import { runChild } from '../run-child';
import { isQuietSignal } from '../signals';
import { createTokenFile } from '../token-file';

interface ExecOptions {
  server?: boolean;
  force?: boolean;
  verbose?: boolean;
}


function refuseNesting(env: NodeJS.ProcessEnv): void {
  const outer = env.AKVAULT_PROFILE;
  if (!outer) return;
  throw new AkvaultError('usage', `This shell already holds the credentials of profile "${outer}" (AKVAULT_PROFILE is set by \`akvault exec\` or \`akvault env\`).`, {
    params: { profile: outer },
    hint: 'Run akvault exec from a shell without them (exit the outer `akvault exec`), or add --force to replace them for this command.',
  });
}

/** The Python SDK reads ~/.huaweicloud/credentials before the pod-identity endpoint; say so when that would win. */
function sdkFileShadowsEndpoint(env: NodeJS.ProcessEnv): string | null {
  const file = env.HUAWEICLOUD_SDK_CREDENTIALS_FILE || path.join(env.HOME || os.homedir(), '.huaweicloud', 'credentials');
  try {
    return existsSync(file) && /^\s*\[(basic|global)\]/m.test(readFileSync(file, 'utf8')) ? file : null;
  } catch {
    return null;
  }
}

async function prepare(ctx: HandoffContext, source: CredentialSource, profile: string | null, label: string, opts: ExecOptions, cleanups: Array<() => unknown>): Promise<EnvVar[]> {
  const { profile: name, credentials } = await source.credentials(profile, label);
  if (!opts.server) return envFor(name, credentials);
  if (!credentials.securityToken || !credentials.expiresAt) {
    throw new AkvaultError('profile.unsupported-kind', `Profile "${name}" holds permanent access keys; --server hands out temporary keys only.`, {
      params: { name },
      hint: `Run without --server (the keys do not expire), or use an agency or temporary profile.`,
    });
  }
  const pod = await source.podIdentity(name, label);
  cleanups.push(() => pod.release());
  const tokenFile = createTokenFile(pod.token);
  cleanups.push(() => tokenFile.remove());
  const shadow = sdkFileShadowsEndpoint(ctx.io.env);
  if (shadow) ctx.io.stderr.write(`akvault: warning: ${shadow} has a [basic] or [global] section; SDKs read it before the endpoint akvault provides.\n`);
  return serverVars(name, credentials, pod.uri, tokenFile.path);
}

export function registerExecCommand(program: Command, ctx: HandoffContext): void {
  program
    .command('exec')
    .description("run a command with a profile's credentials in its environment: akvault exec prod -- terraform plan")
    .usage('[PROFILE] [options] -- CMD [ARGS...]')
    .argument('[profile-and-command...]', 'an optional profile name, then `--` and the command')
    .option('--server', 'give the command a local endpoint that keeps serving fresh keys (HC_CONTAINER_CREDENTIALS_FULL_URI) instead of static keys')
    .option('--force', 'run even inside another `akvault exec` (replacing its credentials)')
    .option('--verbose', 'say on stderr whether the running app/serve was used, and print log lines (info and up) there')
    .option('--debug', 'like --verbose, with debug log lines too')
    .action(async (operands: string[], opts: ExecOptions) => {
      // commander drops the `--` from the operands; the entry point keeps the arguments as typed to find it.
      const target = splitExecOperands(operands, ctx.argv ?? []);
      if (!opts.force) refuseNesting(ctx.io.env);
      const label = execCommandLabel(target.command);
      const source = await openCredentialSource(ctx, { verbose: ctx.logEcho !== undefined });
      const cleanups: Array<() => unknown> = [];
      try {
        const vars = await prepare(ctx, source, target.profile, label, opts, cleanups);
        // Static keys need nothing more from the source; let go of the keychain and the broker before a long run.
        if (!opts.server) await source.close();
        const end = await runChild(target.command, childEnv(ctx.io.env, vars));
        const program = path.basename(target.command[0]!);
        if (end.kind === 'not-started') {
          ctx.io.stderr.write(`akvault: error: cannot run ${program}: ${end.errno === 'ENOENT' ? 'command not found' : `not allowed (${end.errno})`}.\n`);
        } else if (end.kind === 'signalled' && !isQuietSignal(end.signal)) {
          ctx.io.stderr.write(`akvault: ${program} was killed by ${end.signal}.\n`);
        }
        ctx.exitCode = end.code;
      } finally {
        // Token file and endpoint go with the child, however it ended; a failed cleanup never hides the exit code.
        for (const cleanup of cleanups.reverse()) {
          try {
            await cleanup();
          } catch {
            // best effort: the endpoint also ends with the helper, the directory with the machine's temp cleanup
          }
        }
        await source.close();
      }
    });
}
