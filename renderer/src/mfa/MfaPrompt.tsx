/**
 * Asks for the 6-digit passcode of the sign-in the broker is waiting on. Shows who is asking (profile,
 * account, IAM user), sends the code once, and forgets it; main closes the window when the request
 * ends (answered, cancelled or timed out).
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AkvaultMfaApi, MfaRequestView } from '../../../preload/contract';
import { createTranslator, matchLocale } from '../../../i18n';

const PASSCODE = /^\d{6}$/;

export function MfaPrompt({ api }: { api: AkvaultMfaApi }) {
  const [pending, setPending] = useState<MfaRequestView | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tr = useMemo(() => createTranslator(pending?.locale ?? matchLocale([...navigator.languages])), [pending?.locale]);

  useEffect(() => {
    const off = api.onMfaRequest(({ pending: next }) => {
      setPending(next);
      setCode('');
      setError(null);
      setBusy(false);
    });
    api.mfaPending().then(setPending, () => setPending(null));
    return off;
  }, [api]);

  useEffect(() => {
    document.title = tr.t('mfa.windowTitle');
    document.documentElement.lang = tr.locale;
  }, [tr]);

  if (!pending) return <p className="mfa-empty">{tr.t('mfa.none')}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!PASSCODE.test(code)) return setError(tr.t('mfa.invalid'));
    setBusy(true);
    try {
      await api.mfaSubmit(pending.requestId, code);
    } catch (err) {
      setError(tr.t('mfa.failed', { message: err instanceof Error ? err.message : '' }));
      setBusy(false);
    } finally {
      setCode('');
    }
  };

  return (
    <form className="mfa" onSubmit={submit}>
      <h1>{tr.t('mfa.title')}</h1>
      <p>{tr.t('mfa.prompt', { profile: pending.profile, account: pending.account, userName: pending.userName })}</p>
      <label htmlFor="mfa-code">{tr.t('mfa.codeLabel')}</label>
      <input
        id="mfa-code"
        autoFocus
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9]{6}"
        maxLength={6}
        value={code}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'mfa-error' : undefined}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
      />
      {error ? (
        <p id="mfa-error" role="alert" className="banner banner-error">
          {error}
        </p>
      ) : null}
      <p className="mfa-meta">
        {tr.t('mfa.expires', { time: tr.relative(Date.parse(pending.expiresAt) - Date.now()) })}
        {pending.queued > 0 ? ` ${tr.t('mfa.queued', { count: pending.queued })}` : ''}
      </p>
      <div className="mfa-actions">
        <button type="button" onClick={() => void api.mfaCancel(pending.requestId)}>
          {tr.t('mfa.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {tr.t('mfa.submit')}
        </button>
      </div>
    </form>
  );
}
