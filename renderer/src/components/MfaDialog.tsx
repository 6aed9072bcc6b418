/**
 * The browser UI's MFA prompt: when main says a sign-in waits for a passcode, a modal asks for the
 * 6-digit code, naming the profile, account and IAM user. The code lives in this component only and
 * is cleared once sent; main pushes `pending: null` (or the next request) when the request ends.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MfaRequestView } from '../../../preload/contract';
import { api } from '../api';
import { errorViewOf } from '../lib/errors';
import { translateError } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useApp } from '../store';
import { Modal } from './Modal';
import { Field } from './Field';
import { useCountdownClock } from './Countdown';

const PASSCODE = /^\d{6}$/;

function MfaForm({ pending }: { pending: MfaRequestView }) {
  const tr = useT();
  const setPending = useApp((s) => s.setMfaPending);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const now = useCountdownClock(pending.expiresAt);

  useEffect(() => {
    // The request ran out: main will say so too, but the page should not wait for it.
    if (Date.parse(pending.expiresAt) <= now) setPending(null);
  }, [now, pending.expiresAt, setPending]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!PASSCODE.test(code)) {
      setError(tr.t('mfa.invalid'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await api().mfaSubmit(pending.requestId, code);
    } catch (err) {
      setError(tr.t('mfa.failed', { message: translateError(tr, errorViewOf(err)) }));
      setBusy(false);
    } finally {
      setCode('');
    }
  };
  const cancel = () => {
    setPending(null);
    api()
      .mfaCancel(pending.requestId)
      .catch(() => undefined);
  };

  return (
    <Modal
      title={tr.t('mfa.title')}
      description={tr.t('mfa.prompt', { profile: pending.profile, account: pending.account, userName: pending.userName })}
      onClose={cancel}
      busy={busy}
      size="small"
      initialFocus={input}
      testId="mfa-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <Field label={tr.t('mfa.codeLabel')} error={error ?? undefined}>
          {(control) => (
            <input
              {...control}
              ref={input}
              className="input input-code"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            />
          )}
        </Field>
        <p className="muted small">
          {tr.t('mfa.expires', { time: tr.relative(Date.parse(pending.expiresAt) - now) })}
          {pending.queued > 0 ? ` ${tr.t('mfa.queued', { count: pending.queued })}` : ''}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={cancel}>
            {tr.t('mfa.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {tr.t('mfa.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function MfaDialog() {
  const pending = useApp((s) => s.mfaPending);
  // A new request is a new form (fresh code, fresh focus).
  return pending ? <MfaForm key={pending.requestId} pending={pending} /> : null;
}
