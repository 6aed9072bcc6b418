/**
 * `akvault serve` and the vault file: unlock (or create) it at start from AKVAULT_VAULT_PASSPHRASE or
 * a terminal prompt; with `--ui` and no passphrase, leave it to the browser page. Prints one line per
 * lock and unlock, so the person at the terminal knows when it locked itself after idle time.
 */
import type { AppCore } from '../core/app-core';
import type { VaultFileSecretStore } from '../core/secrets/vault-file-store';
import type { HandoffContext } from './handoff-context';
import { cliPassphraseSource, VAULT_PASSPHRASE_ENV } from './vault-passphrase';

/** The vault for the helper's /v1/vault route (`akvault lock` / `unlock`), when the backend is the file. */
export async function vaultControlOf(core: AppCore): Promise<{ vault?: VaultFileSecretStore }> {
  const vault = (await core.secretBackend?.backend())?.vault;
  return vault ? { vault } : {};
}

export async function openVaultForServe(ctx: HandoffContext, core: AppCore, opts: { ui: boolean }): Promise<void> {
  if (!core.secretBackend) return;
  const { backend, vault } = await core.secretBackend.backend();
  if (backend !== 'file' || !vault) return;
  const state = await vault.state();
  const canAsk = Boolean(ctx.io.env[VAULT_PASSPHRASE_ENV]) || (ctx.io.isTTY && !opts.ui);
  if (canAsk) {
    const ask = cliPassphraseSource(ctx.io);
    if (state === 'absent') await vault.create(await ask('create'));
    else await vault.unlock(await ask('unlock'));
    ctx.io.stderr.write(`akvault: secrets vault ${state === 'absent' ? 'created and ' : ''}unlocked (${vault.dir}).\n`);
  } else {
    ctx.io.stderr.write(
      state === 'absent'
        ? 'akvault: no OS keychain here, and the encrypted secrets vault does not exist yet: create it in the browser page (or set AKVAULT_VAULT_PASSPHRASE).\n'
        : 'akvault: the secrets vault is locked: unlock it in the browser page (or start serve in a terminal, or set AKVAULT_VAULT_PASSPHRASE).\n',
    );
  }
  vault.onStateChange((s) => ctx.io.stderr.write(`akvault: secrets vault ${s}.\n`));
}
