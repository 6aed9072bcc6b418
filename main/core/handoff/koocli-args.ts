/**
 * KooCLI's per-command credential options (its "non-configuration mode"). Handy for a one-off call,
 * but arguments are visible to other local users in the process list while `hcloud` runs, so front
 * ends should offer the config-file profile (tool-files/koocli-config.ts) or `exec` first.
 */
import { AkvaultError } from '../errors';
import type { SessionCredentials } from '../sessions/types';
import { quoteCmdArgument, quoteFish, quotePosix, quotePowerShell } from './shell-quote';
import type { ShellFormat } from './snippets';

/**
 * `--cli-region=… --cli-access-key=… --cli-secret-key=… [--cli-security-token=…] [--cli-project-id=…]
 * [--cli-domain-id=…]` as separate arguments (for spawn). Absent values are left out: KooCLI treats
 * keys without a token as permanent, and the domain id saves it a discovery call for global services.
 */
export function koocliArgs(creds: SessionCredentials): string[] {
  if (!creds.accessKeyId || !creds.secretAccessKey) {
    throw new AkvaultError('validation', 'There is no access key to pass to KooCLI.');
  }
  const pairs: Array<[string, string | undefined]> = [
    ['--cli-region', creds.region],
    ['--cli-access-key', creds.accessKeyId],
    ['--cli-secret-key', creds.secretAccessKey],
    ['--cli-security-token', creds.securityToken],
    ['--cli-project-id', creds.projectId],
    ['--cli-domain-id', creds.domainId],
  ];
  return pairs.filter((p): p is [string, string] => !!p[1]).map(([opt, v]) => `${opt}=${v}`);
}

function quoteArg(shell: ShellFormat, arg: string): string {
  // Name the option, never the value, if an argument cannot be quoted.
  const what = arg.slice(0, arg.indexOf('='));
  switch (shell) {
    case 'bash':
    case 'zsh':
      return quotePosix(arg, what);
    case 'fish':
      return quoteFish(arg, what);
    case 'powershell':
      return quotePowerShell(arg, what);
    case 'cmd':
      return quoteCmdArgument(arg, what);
  }
}

/** The same arguments as one line to paste after `hcloud <service> <operation>` in the given shell. */
export function koocliArgsLine(creds: SessionCredentials, shell: ShellFormat = 'bash'): string {
  return koocliArgs(creds)
    .map((a) => quoteArg(shell, a))
    .join(' ');
}
