/**
 * Shown instead of the views while the encrypted vault file is locked or not created yet (machines
 * without an OS keychain): one masked passphrase field to unlock, or two to create. The passphrase goes
 * to main in one call and is cleared from the form right after; main never sends it back.
 */
import { useState, type FormEvent } from 'react';
import type { VaultStatusView } from '../../../preload/contract';
import { api } from '../api';
import { Field } from '../components/Field';
import { SecretInput } from '../components/SecretInput';
import { translateError } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { errorViewOf } from '../lib/errors';

const MIN_LENGTH = 8;

export function VaultScreen({ state }: { state: Extract<VaultStatusView['state'], 'absent' | 'locked'> }) {
  const tr = useT();
  const creating = state === 'absent';
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const tooShort = creating && [...passphrase].length < MIN_LENGTH;
  const mismatch = creating && repeat !== passphrase;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setFailure(null);
    if (passphrase === '' || tooShort || mismatch) return;
    setBusy(true);
    try {
      if (creating) await api().vaultCreate(passphrase);
      else await api().vaultUnlock(passphrase);
      // The pushed snapshot replaces this screen.
    } catch (err) {
      setFailure(translateError(tr, errorViewOf(err)));
    } finally {
      setPassphrase('');
      setRepeat('');
      setBusy(false);
    }
  };

  return (
    <section className="vault-screen" aria-labelledby="vault-title" data-testid="vault-screen" data-state={state}>
      <h1 id="vault-title">{tr.t(creating ? 'vault.createTitle' : 'vault.lockedTitle')}</h1>
      <p>{tr.t(creating ? 'vault.createIntro' : 'vault.lockedIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="vault-form">
        <Field
          label={tr.t(creating ? 'vault.passphraseNew' : 'vault.passphrase')}
          required
          {...(creating ? { hint: tr.t('vault.passphraseHint') } : {})}
          {...(tried && creating && tooShort ? { error: tr.t('vault.tooShort') } : {})}
        >
          {(control) => <SecretInput {...control} name="vault-passphrase" value={passphrase} onChange={setPassphrase} />}
        </Field>
        {creating ? (
          <Field label={tr.t('vault.passphraseRepeat')} required {...(tried && !tooShort && mismatch ? { error: tr.t('vault.mismatch') } : {})}>
            {(control) => <SecretInput {...control} name="vault-passphrase-repeat" value={repeat} onChange={setRepeat} />}
          </Field>
        ) : null}
        {failure ? (
          <p role="alert" className="banner banner-error" data-testid="vault-error">
            {failure}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="vault-submit">
          {tr.t(creating ? 'vault.create' : 'vault.unlock')}
        </button>
        {busy ? (
          <p aria-live="polite" className="muted">
            {tr.t('vault.working')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
