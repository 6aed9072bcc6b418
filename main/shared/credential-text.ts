/**
 * The text each "Copy …" action puts on the clipboard, built from working credentials with the same
 * handoff code the CLI uses (so `akvault env` and the tray hand out identical variables).
 */
import type { CopyWhat } from '../../preload/contract';
import { AkvaultError } from '../core/errors';
import { envFor, koocliArgsLine, snippet, type ShellFormat } from '../core/handoff';
import type { SessionCredentials } from '../core/sessions/types';

export function credentialText(what: CopyWhat, profile: string, creds: SessionCredentials, koocliShell: ShellFormat = 'bash'): string {
  switch (what) {
    case 'export-bash':
      return snippet('bash', envFor(profile, creds));
    case 'export-fish':
      return snippet('fish', envFor(profile, creds));
    case 'export-powershell':
      return snippet('powershell', envFor(profile, creds));
    case 'koocli':
      return koocliArgsLine(creds, koocliShell);
    case 'ak':
      return creds.accessKeyId;
    case 'sk':
      return creds.secretAccessKey;
    case 'token':
      if (!creds.securityToken) {
        throw new AkvaultError('validation', `Profile "${profile}" has permanent keys: there is no security token to copy.`, { params: { profile } });
      }
      return creds.securityToken;
  }
}

/** Names the action in the audit log ("copy-sk"); never the value. */
export const copyAction = (what: CopyWhat) => `copy-${what}`;
