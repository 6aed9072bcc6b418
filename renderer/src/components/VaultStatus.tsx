/**
 * The header's note on where secrets live (OS keychain, or the vault file and its state), with a Lock
 * button while the vault file is unlocked.
 */
import { api } from '../api';
import { failed } from '../actions';
import { keyOf } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useApp } from '../store';

export function VaultStatus() {
  const tr = useT();
  const vault = useApp((s) => s.snapshot?.vault);
  if (!vault) return null;
  return (
    <span className="vault-status" data-testid="vault-status" data-state={vault.state}>
      <span className="muted">{tr.t('vault.stateLabel', { state: tr.t(keyOf(`vault.state.${vault.state}`)) })}</span>
      {vault.state === 'unlocked' ? (
        <button type="button" className="button button-small" data-testid="vault-lock" onClick={() => void api().vaultLock().catch(failed)}>
          {tr.t('vault.lock')}
        </button>
      ) : null}
    </span>
  );
}
