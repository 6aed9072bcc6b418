/**
 * Where a CLI command gets credentials: from the running app or `akvault serve` when there is one
 * (one shared cache, one IAM call for many processes, MFA prompts shown by the app), otherwise from a
 * broker of its own built from the same app core, with MFA prompts on this terminal. Both give the
 * same results; `--verbose` says which one was used.
 *
 * The standalone path is loaded with `await import()`, so a command served by the helper never
 * evaluates the app core, zod, undici or keytar.
 */
import { AkvaultError } from '../core/errors';
import { dataFiles } from '../core/paths';
import type { SessionCredentials } from '../core/sessions/types';
import type { HandoffContext } from './handoff-context';
import { helperHandoff, helperRegisterPodClient, helperRevokePodClient, probeHelper } from '../core/helper/helper-client';
import { readHelperFile, type HelperInfo } from '../core/helper/helper-file';

export interface PodIdentityEndpoint {
  uri: string;
  token: string;
  /** The child has exited: its URI stops answering. */
  release(): Promise<void>;
}

export interface CredentialSource {
  readonly via: 'helper' | 'standalone';
  /** A profile's credentials (the default profile for null) and the name of the profile used. */
  credentials(profile: string | null, command: string): Promise<{ profile: string; credentials: SessionCredentials }>;
  /** A pod-identity endpoint serving `profile` to one child process (`exec --server`). */
  podIdentity(profile: string, label: string): Promise<PodIdentityEndpoint>;
  close(): Promise<void>;
}

export function noDefaultProfile(): AkvaultError {
  return new AkvaultError('usage', 'No profile named and no default profile set.', {
    hint: 'Name a profile (see `akvault profile list`), or set a default once with `akvault default NAME`.',
  });
}

export interface SourceOptions {
  verbose?: boolean;
}

/** The running helper named by helper.json, if it really answers; stale files are ignored. */
export async function findRunningHelper(ctx: HandoffContext, opts: SourceOptions = {}): Promise<HelperInfo | null> {
  const file = dataFiles(ctx.dataDir).helper;
  const found = await readHelperFile(file);
  const note = (text: string) => opts.verbose && ctx.io.stderr.write(`akvault: note: ${text}\n`);
  if (found.state === 'missing') return null;
  if (found.state === 'invalid') {
    note(`ignoring ${file}: ${found.reason}.`);
    return null;
  }
  const probe = await probeHelper(found.info);
  if (!probe.live) {
    note(`ignoring ${file} left by a helper that is gone: ${probe.reason}.`);
    return null;
  }
  return found.info;
}

function helperSource(info: HelperInfo): CredentialSource {
  return {
    via: 'helper',
    async credentials(profile, command) {
      try {
        return await helperHandoff(info, profile, command);
      } catch (e) {
        // The helper resolves the default profile; "not found" for no name means none is set.
        if (profile === null && e instanceof AkvaultError && e.code === 'profile.not-found') throw noDefaultProfile();
        throw e;
      }
    },
    async podIdentity(profile, label) {
      const client = await helperRegisterPodClient(info, profile, label);
      return { uri: client.uri, token: client.token, release: () => helperRevokePodClient(info, client.id) };
    },
    close: async () => undefined,
  };
}

export async function openCredentialSource(ctx: HandoffContext, opts: SourceOptions = {}): Promise<CredentialSource> {
  const helper = await findRunningHelper(ctx, opts);
  if (helper) {
    if (opts.verbose) ctx.io.stderr.write(`akvault: note: using the running akvault helper at ${helper.url}.\n`);
    return helperSource(helper);
  }
  if (opts.verbose) ctx.io.stderr.write('akvault: note: no running akvault helper; working on my own.\n');
  const { openStandaloneSource } = await import('./standalone-source');
  return openStandaloneSource(ctx);
}
