/** Confirms removing a profile (its secrets leave the keychain too); main refuses while agencies use it as their source. */
import { useRef, useState } from 'react';
import type { ErrorView, ProfileView } from '../../../preload/contract';
import { Modal } from '../components/Modal';
import { api } from '../api';
import { errorViewOf } from '../lib/errors';
import { translateError } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { appStore } from '../store';

export function RemoveDialog({ profile, onClose }: { profile: ProfileView; onClose(): void }) {
  const tr = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const remove = async () => {
    setBusy(true);
    try {
      const r = await api().removeProfile(profile.name);
      const store = appStore.getState();
      store.pushToast({ tone: 'success', message: { key: 'toast.removed', params: { profile: r.profile.name, count: r.removedSecrets } } });
      if (store.selectedId === profile.id) store.select(null);
      onClose();
    } catch (e) {
      setError(errorViewOf(e));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={tr.t('remove.title', { profile: profile.name })}
      description={tr.t('remove.body', { profile: profile.name })}
      onClose={onClose}
      busy={busy}
      size="small"
      role="alertdialog"
      initialFocus={cancel}
      testId="remove-dialog"
    >
      {error ? (
        <p className="banner banner-error" role="alert">
          {translateError(tr, error)}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button ref={cancel} type="button" className="button" onClick={onClose} disabled={busy}>
          {tr.t('common.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy}>
          {tr.t('remove.confirm')}
        </button>
      </div>
    </Modal>
  );
}
