/**
 * `akvault login [PROFILE] [--print] [--service URL] [--duration S]`: opens the Huawei Cloud console
 * signed in with the profile's temporary keys (IAM login token → federation URL). The URL is a bearer
 * credential for about ten minutes: it goes to the browser, or to stdout only with --print.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { AkvaultError } from '../../core/errors';
import type { Profile } from '../../core/profiles/schema';
import { openInBrowser } from '../browser';
import { noDefaultProfile, openCredentialSource } from '../credential-source';
import type { HandoffContext } from '../handoff-context';
import { clockFromEnv } from '../test-clock';

interface LoginOptions {
  print?: boolean;
  service?: string;
  duration?: number;
  loginHost?: string;
  verbose?: boolean;
}

export const DEFAULT_CONSOLE = 'https://console.huaweicloud.com/console/';

export function parseLoginDuration(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 600 || n > 43_200) throw new InvalidArgumentError('expected whole seconds from 600 to 43200.');
  return n;
}

/** Why a profile cannot open the console, or null when it can (its keys are checked later, by IAM). */
export function loginRefusal(p: Profile): AkvaultError | null {
  if (p.kind === 'access-key') {
    return new AkvaultError('profile.unsupported-kind', `Profile "${p.name}" holds permanent access keys; the console sign-in needs temporary keys.`, {
      params: { name: p.name },
      hint: 'Use an agency profile (with a session user name) or a temporary-key profile.',
    });
  }
  if (p.kind === 'agency' && (p.api ?? 'v3') === 'v3' && !p.sessionUserName) {
    return new AkvaultError('profile.unsupported-kind', `Agency profile "${p.name}" has no session user name; IAM gives console sign-ins only to agency sessions that have one.`, {
      params: { name: p.name },
      hint: `Set one, e.g. \`akvault profile update ${p.name} --session-user your.name\`, then run akvault login again.`,
    });
  }
  return null;
}

function consoleFor(p: Profile): string {
  return p.region ? `${DEFAULT_CONSOLE}?region=${encodeURIComponent(p.region)}` : DEFAULT_CONSOLE;
}

export function registerLoginCommand(program: Command, ctx: HandoffContext): void {
  program
    .command('login')
    .description("open the Huawei Cloud console signed in with a profile's temporary keys")
    .argument('[profile]', 'profile name (default: the default profile)')
    .option('--print', 'print the sign-in URL instead of opening the browser (it signs in anyone for ~10 minutes)')
    .option('--service <url>', `console page to land on (default ${DEFAULT_CONSOLE}, with the profile's region)`)
    .addOption(new Option('--duration <seconds>', 'console session length, 600–43200 (capped at the keys\' remaining life)').argParser(parseLoginDuration))
    .option('--login-host <url>', 'federation sign-in host (default https://auth.huaweicloud.com)')
    .option('--verbose', 'say on stderr whether the running app/serve was used, and print log lines (info and up) there')
    .option('--debug', 'like --verbose, with debug log lines too')
    .action(async (name: string | undefined, opts: LoginOptions) => {
      const { openProfileService } = await import('../../core/profile-service');
      const { IamClient } = await import('../../core/iam/client');
      const { cliLogger } = await import('../cli-logger');
      // Profile settings only (no keychain access): which kind, which IAM endpoint, which session user.
      const service = openProfileService({ dataDir: ctx.dataDir, secretStore: ctx.io.secretStore, env: ctx.io.env });
      const wanted = name ?? (await service.getDefaultProfile());
      if (wanted === null) throw noDefaultProfile();
      const profile = await service.getProfile(wanted);
      const refusal = loginRefusal(profile);
      if (refusal) throw refusal;

      const source = await openCredentialSource(ctx, { verbose: ctx.logEcho !== undefined });
      let credentials;
      try {
        ({ credentials } = await source.credentials(profile.name, 'login'));
      } finally {
        await source.close();
      }
      if (!credentials.securityToken || !credentials.expiresAt) {
        throw new AkvaultError('profile.unsupported-kind', `Profile "${profile.name}" gave permanent keys; the console sign-in needs temporary keys.`, {
          params: { name: profile.name },
          hint: 'Use an agency profile (with a session user name) or a temporary-key profile.',
        });
      }

      const clock = clockFromEnv(ctx.io.env);
      // The endpoint the keys were minted at (an agency inherits its source's when it sets none).
      const iamEndpoint = credentials.iamEndpoint ?? profile.iamEndpoint;
      const iam = new IamClient({ ...(iamEndpoint ? { iamEndpoint } : {}), ...(clock ? { clock } : {}), logger: cliLogger(ctx) });
      const login = await iam.consoleLoginUrl(
        { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, securityToken: credentials.securityToken, expiresAt: credentials.expiresAt },
        {
          service: opts.service ?? consoleFor(profile),
          ...(opts.duration !== undefined ? { durationSeconds: opts.duration } : {}),
          ...(opts.loginHost !== undefined ? { loginHost: opts.loginHost } : {}),
        },
      );
      if (opts.print) {
        ctx.io.stderr.write(`akvault: warning: this URL signs anyone in to the console as "${profile.name}" until ${login.expiresAt}: treat it like a password.\n`);
        ctx.io.stdout.write(`${login.url}\n`);
        return;
      }
      await openInBrowser(login.url, ctx.io.env);
      ctx.io.stderr.write(`akvault: opened the console for "${profile.name}" in your browser.\n`);
    });
}
