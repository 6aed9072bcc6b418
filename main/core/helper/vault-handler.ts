/**
 * `POST /v1/vault` `{"action":"lock"|"unlock"|"status","passphrase"?}` (bearer): lets `akvault lock` and
 * `akvault unlock` in any terminal reach the vault file the running app or `akvault serve` holds, so the
 * passphrase is typed once per session. Answers `{"state":"unlocked"|"locked"|"absent"}`; a wrong
 * passphrase is `vault.passphrase`. The passphrase is never logged or echoed.
 */
import { AkvaultError } from '../errors';
import type { HandlerContext, HandlerOutcome } from './handler-context';
import { sendJson } from './http-response';

export interface VaultControl {
  state(): Promise<'absent' | 'locked' | 'unlocked'>;
  lock(): void;
  unlock(passphrase: string): Promise<void>;
}

const MAX_PASSPHRASE = 1024;

export async function handleVault(ctx: HandlerContext): Promise<HandlerOutcome> {
  const vault = ctx.deps.vault;
  if (!vault) {
    throw new AkvaultError('secrets.backend', 'This akvault keeps secrets in the OS keychain; there is no vault file to lock or unlock.');
  }
  let input: { action?: unknown; passphrase?: unknown };
  try {
    input = JSON.parse((ctx.body ?? Buffer.alloc(0)).toString('utf8') || '{}') as typeof input;
  } catch {
    throw new AkvaultError('validation', 'The request body must be a JSON object.');
  }
  if (input.action === 'lock') vault.lock();
  else if (input.action === 'unlock') {
    if (typeof input.passphrase !== 'string' || input.passphrase.length === 0 || input.passphrase.length > MAX_PASSPHRASE) {
      throw new AkvaultError('validation', '"passphrase" must be a non-empty string.', { params: { field: 'passphrase' } });
    }
    if ((await vault.state()) === 'locked') await vault.unlock(input.passphrase);
  } else if (input.action !== 'status') {
    throw new AkvaultError('validation', '"action" must be "lock", "unlock" or "status".', { params: { field: 'action' } });
  }
  sendJson(ctx.res, 200, { state: await vault.state() });
  return { status: 200 };
}
