/**
 * The vault's part of the snapshot and of the contract: its state for pages and the tray, and the
 * create / unlock / lock operations. Shared by the Electron window and the browser UI.
 */
import type { VaultStatusView } from '../../preload/contract';
import type { AppCore } from '../core/app-core';
import { AkvaultError } from '../core/errors';
import type { VaultFileSecretStore } from '../core/secrets/vault-file-store';

export type VaultCore = Partial<Pick<AppCore, 'secretBackend'>>;

async function vaultOf(core: VaultCore): Promise<{ backend: 'keychain' | 'file'; vault: VaultFileSecretStore | null } | null> {
  if (!core.secretBackend) return null;
  try {
    const b = await core.secretBackend.backend();
    return { backend: b.backend, vault: b.vault };
  } catch {
    // A damaged backend record: the keychain status in the snapshot already carries the problem.
    return null;
  }
}

export async function vaultStatusOf(core: VaultCore): Promise<VaultStatusView | undefined> {
  const b = await vaultOf(core);
  if (!b) return undefined;
  if (b.backend === 'keychain' || !b.vault) return { backend: 'keychain', state: 'keychain' };
  return { backend: 'file', state: await b.vault.state() };
}

/** Calls `listener` whenever the vault locks or unlocks (also by its idle timer). */
export async function onVaultChange(core: VaultCore, listener: () => void): Promise<() => void> {
  const b = await vaultOf(core);
  return b?.vault ? b.vault.onStateChange(() => listener()) : () => undefined;
}

async function requireVault(core: VaultCore): Promise<VaultFileSecretStore> {
  const b = await vaultOf(core);
  if (!b?.vault) {
    throw new AkvaultError('secrets.backend', 'Secrets are kept in the OS keychain here, not in a vault file.', {
      hint: 'Nothing to unlock: the keychain unlocks with your login.',
    });
  }
  return b.vault;
}

export interface VaultHandlers {
  vaultCreate(passphrase: string): Promise<VaultStatusView>;
  vaultUnlock(passphrase: string): Promise<VaultStatusView>;
  vaultLock(): Promise<VaultStatusView>;
}

/** The contract's vault operations; `changed` republishes the snapshot. */
export function vaultHandlers(core: VaultCore, changed: () => void): VaultHandlers {
  const done = async (): Promise<VaultStatusView> => {
    changed();
    return (await vaultStatusOf(core)) ?? { backend: 'keychain', state: 'keychain' };
  };
  return {
    async vaultCreate(passphrase) {
      await (await requireVault(core)).create(passphrase);
      return done();
    },
    async vaultUnlock(passphrase) {
      const vault = await requireVault(core);
      if (!vault.isUnlocked) await vault.unlock(passphrase);
      return done();
    },
    async vaultLock() {
      (await requireVault(core)).lock();
      return done();
    },
  };
}
