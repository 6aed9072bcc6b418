/**
 * The CLI's own broker when no app or `akvault serve` is running: the same app core every front end
 * builds, with MFA prompts on this terminal. Loaded on demand only (see credential-source.ts).
 */
import { createAppCore } from '../core/app-core';
import type { HelperServer } from '../core/helper/types';
import { createHelperServer } from '../core/helper/helper-server';
import { noDefaultProfile, type CredentialSource } from './credential-source';
import type { HandoffContext } from './handoff-context';
import { terminalMfaPrompt } from './mfa-prompt';
import { clockFromEnv } from './test-clock';
import { cliLogger } from './cli-logger';
import { helperLog } from '../core/helper/helper-log';
import { cliPassphraseSource } from './vault-passphrase';

export async function openStandaloneSource(ctx: HandoffContext): Promise<CredentialSource> {
  const clock = clockFromEnv(ctx.io.env);
  const core = await createAppCore({
    dataDir: ctx.dataDir,
    env: ctx.io.env,
    prompt: terminalMfaPrompt(ctx.io),
    logger: cliLogger(ctx),
    vaultPassphrase: cliPassphraseSource(ctx.io),
    ...(ctx.io.secretStore ? { secretStore: ctx.io.secretStore } : {}),
    ...(clock ? { clock } : {}),
  });
  let helper: Promise<HelperServer> | undefined;
  let closed: Promise<void> | undefined;
  return {
    via: 'standalone',
    async credentials(profile, command) {
      const name = profile ?? (await core.broker.getDefaultProfile());
      if (name === null) throw noDefaultProfile();
      const stored = (await core.broker.index.byName(name)).name;
      return { profile: stored, credentials: await core.broker.getCredentials(stored, { kind: 'cli', command }) };
    },
    async podIdentity(profile, label) {
      // A helper of our own on 127.0.0.1, living as long as this process (exec --server without the app).
      helper ??= createHelperServer({ provider: core.broker, log: helperLog(core.logger), ...(clock ? { clock } : {}) });
      const client = (await helper).addPodIdentityClient(profile, { label });
      return { uri: client.uri, token: client.token, release: async () => client.revoke() };
    },
    close() {
      closed ??= (async () => {
        if (helper) await (await helper).close();
        core.dispose();
        // The process exits soon after (index.ts), without waiting for background work: write the audit entries now.
        await core.audit.flush();
      })();
      return closed;
    },
  };
}
