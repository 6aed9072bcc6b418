/**
 * Toasts after actions. Success and info are read politely (aria-live); errors are alerts. A copy
 * toast counts down to the moment main clears the clipboard, then goes away.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CopyWhat } from '../../../preload/contract';
import type { Translator } from '../../../i18n';
import { COPY_KEYS } from '../i18n/labels';
import { translateError } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useApp, type Toast } from '../store';

const LINGER_MS = 6000;

export function toastText(tr: Translator, toast: Toast): string {
  const m = toast.message;
  if ('error' in m) return translateError(tr, m.error);
  const params = { ...m.params };
  if (typeof params.what === 'string' && params.what in COPY_KEYS) params.what = tr.t(COPY_KEYS[params.what as CopyWhat]);
  return tr.t(m.key, params);
}

const secondsUntil = (at: number, now: number) => Math.max(0, Math.ceil((at - now) / 1000));

function ToastItem({ toast }: { toast: Toast }) {
  const tr = useT();
  const dismiss = useApp((s) => s.dismissToast);
  const [now, setNow] = useState(() => Date.now());
  const [shownAt] = useState(now);
  useEffect(() => {
    if (toast.clearsAt !== undefined) {
      if (now >= toast.clearsAt) return dismiss(toast.id);
      const t = setTimeout(() => setNow(Date.now()), 1000 - ((toast.clearsAt - now) % 1000 || 0) || 1000);
      return () => clearTimeout(t);
    }
    if (toast.tone === 'error') return;
    const t = setTimeout(() => dismiss(toast.id), LINGER_MS);
    return () => clearTimeout(t);
  }, [toast, now, dismiss]);
  return (
    <li className={`toast toast-${toast.tone}`} data-testid="toast">
      <span className="toast-text">
        {toastText(tr, toast)}
        {toast.clearsAt !== undefined ? (
          <>
            {' '}
            {/* The ticking text is for the eye; a screen reader hears the starting value once. */}
            <span aria-hidden="true" data-testid="clears-in">
              {tr.t('toast.clearsIn', { count: secondsUntil(toast.clearsAt, now) })}
            </span>
            <span className="visually-hidden">{tr.t('toast.clearsIn', { count: secondsUntil(toast.clearsAt, shownAt) })}</span>
          </>
        ) : null}
      </span>
      <button type="button" className="button button-small button-ghost" aria-label={tr.t('toast.dismiss')} onClick={() => dismiss(toast.id)}>
        <span aria-hidden="true">✕</span>
      </button>
    </li>
  );
}

export function Toasts() {
  const tr = useT();
  const toasts = useApp(useShallow((s) => s.toasts));
  const errors = toasts.filter((t) => t.tone === 'error');
  const others = toasts.filter((t) => t.tone !== 'error');
  return (
    <div className="toasts">
      <ul className="toast-list" role="alert" aria-label={tr.t('toast.errorsRegion')}>
        {errors.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </ul>
      <ul className="toast-list" aria-live="polite" aria-label={tr.t('toast.region')}>
        {others.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </ul>
    </div>
  );
}
