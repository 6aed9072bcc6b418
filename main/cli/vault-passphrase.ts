import { AkvaultError } from '../core/errors';
import type { PassphraseSource } from '../core/secrets/vault-file-store';
import { promptHidden, type CliIO } from './io';

/**
 * Where the CLI gets the vault passphrase: `AKVAULT_VAULT_PASSPHRASE` (for automation; weaker, since
 * the environment can leak to child processes and crash reports), else a hidden prompt on the terminal
 * (asked twice when the vault is being created). Without a terminal and without the variable it fails
 * at once rather than wait for input that never comes.
 */
export const VAULT_PASSPHRASE_ENV = 'AKVAULT_VAULT_PASSPHRASE';

export function cliPassphraseSource(io: CliIO): PassphraseSource {
  return async (purpose) => {
    const fromEnv = io.env[VAULT_PASSPHRASE_ENV];
    if (fromEnv) return fromEnv;
    if (!io.isTTY) throw noPassphrase(purpose);
    if (purpose === 'unlock') return promptHidden(io, 'Vault passphrase (input hidden): ');
    io.stderr.write('akvault: creating the encrypted vault file for your secrets (no OS keychain here).\n');
    const first = await promptHidden(io, 'New vault passphrase (input hidden): ');
    const again = await promptHidden(io, 'Repeat the passphrase: ');
    if (first !== again) throw new AkvaultError('usage', 'The two passphrases differ; nothing was created.', { hint: 'Run the command again.' });
    return first;
  };
}

function noPassphrase(purpose: 'unlock' | 'create'): AkvaultError {
  return new AkvaultError(
    'vault.no-passphrase',
    purpose === 'create'
      ? 'The encrypted vault file needs a new passphrase, but stdin is not a terminal and AKVAULT_VAULT_PASSPHRASE is not set.'
      : 'The vault is locked and no passphrase is available: stdin is not a terminal and AKVAULT_VAULT_PASSPHRASE is not set.',
    {
      hint: 'Run the command in a terminal to be asked, start `akvault serve` (or the app) and unlock it there once, or set AKVAULT_VAULT_PASSPHRASE for automation.',
    },
  );
}
