/**
 * The guided rotation of an access-key profile's permanent key. Main runs the steps (create, store,
 * verify, switch, deactivate the old key, delete it once confirmed); this dialog shows exactly where
 * things stand after each call, refuses with the key to delete when the user already has two keys,
 * and after a failure says what state the keys are in and offers to resume or abort.
 */
import { useEffect, useRef, useState } from 'react';
import type { ProfileView, RotationView } from '../../../preload/contract';
import type { MessageKey } from '../../../i18n';
import { Modal } from '../components/Modal';
import { api } from '../api';
import { errorViewOf } from '../lib/errors';
import { ROTATION_STEPS, stepStates, switched, type RotationStep, type StepState } from '../lib/rotation';
import { translateError } from '../i18n/translate';
import { useT } from '../i18n/useT';
import type { ErrorView } from '../../../preload/contract';

const STEP_KEYS: Record<RotationStep, MessageKey> = {
  created: 'rotation.step.created',
  stored: 'rotation.step.stored',
  verified: 'rotation.step.verified',
  switched: 'rotation.step.switched',
  deactivated: 'rotation.step.deactivated',
  done: 'rotation.step.done',
};
const STEP_STATE_KEYS: Record<StepState, MessageKey> = {
  complete: 'rotation.stepState.complete',
  failed: 'rotation.stepState.failed',
  waiting: 'rotation.stepState.waiting',
  pending: 'rotation.stepState.pending',
  skipped: 'rotation.stepState.skipped',
};
const STEP_ICONS: Record<StepState, string> = { complete: '✓', failed: '✕', waiting: '?', pending: '', skipped: '–' };

function stageText(tr: ReturnType<typeof useT>, v: RotationView): string {
  const params = { profile: v.profile, oldKey: v.oldAccessKeyId, newKey: v.newAccessKeyId ?? '' };
  switch (v.stage) {
    case 'created-not-stored':
      return tr.t('rotation.stage.created-not-stored', params);
    case 'stored-not-verified':
      return tr.t('rotation.stage.stored-not-verified', params);
    case 'verified-not-switched':
      return tr.t('rotation.stage.verified-not-switched', params);
    case 'switched-old-active':
      return tr.t('rotation.stage.switched-old-active', params);
    case 'old-deactivated':
      return tr.t('rotation.stage.old-deactivated', params);
    case 'rolled-back':
      return tr.t('rotation.stage.rolled-back', params);
    case 'done':
      return v.oldKeyStatus === 'deleted' ? tr.t('rotation.stage.done-deleted', params) : tr.t(v.oldKeyStatus === 'inactive' ? 'rotation.stage.done-inactive' : 'rotation.stage.done-active', params);
  }
}

/** The refusal when the user has no room for a new key: names the key to delete. */
function refusalText(tr: ReturnType<typeof useT>, e: ErrorView): string {
  const key = e.params.deleteAccessKeyId;
  if (e.code === 'iam.key-limit' && typeof key === 'string') {
    return tr.t(e.params.deleteKeyStatus === 'inactive' ? 'rotation.refused.inactive' : 'rotation.refused.unused', {
      userId: String(e.params.userId ?? ''),
      count: Number(e.params.keyCount ?? 2),
      key,
      profile: String(e.params.profile ?? ''),
    });
  }
  return translateError(tr, e);
}

export function RotationDialog({ profile, onClose }: { profile: ProfileView; onClose(): void }) {
  const tr = useT();
  const [view, setView] = useState<RotationView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ErrorView | null>(null);
  const [callError, setCallError] = useState<ErrorView | null>(null);
  const primary = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    api()
      .rotationStatus(profile.name)
      .then(
        (v) => live && (setView(v), setLoaded(true)),
        (e: unknown) => live && (setCallError(errorViewOf(e)), setLoaded(true)),
      );
    return () => {
      live = false;
    };
  }, [profile.name]);

  useEffect(() => {
    if (!busy) primary.current?.focus();
  }, [busy, view]);

  const call = async (task: () => Promise<RotationView>, refusable = false) => {
    setBusy(true);
    setCallError(null);
    setRefusal(null);
    try {
      setView(await task());
    } catch (e) {
      const err = errorViewOf(e);
      if (refusable && err.code === 'iam.key-limit') setRefusal(err);
      else setCallError(err);
    } finally {
      setBusy(false);
    }
  };
  const start = () => call(() => api().rotationStart(profile.name), true);
  const resume = (confirmDelete: boolean) => call(() => api().rotationContinue(profile.name, confirmDelete));
  const abort = () => call(() => api().rotationAbort(profile.name));

  const states = view ? stepStates(view) : null;
  const finished = view?.stage === 'done' || view?.stage === 'rolled-back';
  const can = (a: RotationView['actions'][number]) => view?.actions.includes(a) ?? false;

  return (
    <Modal title={tr.t('rotation.title', { profile: profile.name })} onClose={onClose} busy={busy} size="medium" testId="rotation-dialog">
      <div className="rotation" aria-busy={busy || !loaded}>
        {!loaded ? <p className="muted">{tr.t('common.loading')}</p> : null}
        {loaded && !view ? (
          <>
            <p>{tr.t('rotation.intro', { profile: profile.name, key: profile.accessKeyId ?? '' })}</p>
            <ol className="rotation-plan">
              {ROTATION_STEPS.map((s) => (
                <li key={s}>{tr.t(STEP_KEYS[s])}</li>
              ))}
            </ol>
          </>
        ) : null}

        {view && states ? (
          <>
            <ol className="rotation-steps" aria-label={tr.t('rotation.progress')} data-testid="rotation-steps">
              {ROTATION_STEPS.map((s) => (
                <li key={s} className={`rotation-step step-${states[s]}`} data-step={s} data-state={states[s]}>
                  <span className="step-icon" aria-hidden="true">
                    {STEP_ICONS[states[s]]}
                  </span>
                  <span className="step-label">{tr.t(STEP_KEYS[s])}</span>
                  <span className="step-state">{tr.t(STEP_STATE_KEYS[states[s]])}</span>
                </li>
              ))}
            </ol>
            <dl className="rotation-keys">
              <dt>{tr.t('rotation.oldKey')}</dt>
              <dd>
                <span className="mono">{view.oldAccessKeyId}</span> — {tr.t(`rotation.keyStatus.${view.oldKeyStatus}` as MessageKey)}
              </dd>
              {view.newAccessKeyId ? (
                <>
                  <dt>{tr.t('rotation.newKey')}</dt>
                  <dd>
                    <span className="mono">{view.newAccessKeyId}</span>
                    {view.stage === 'rolled-back' ? ` — ${tr.t('rotation.keyStatus.deleted')}` : ''}
                  </dd>
                </>
              ) : null}
              <dt>{tr.t('rotation.inUse')}</dt>
              <dd className="mono">{switched(view.stage) ? view.newAccessKeyId : view.oldAccessKeyId}</dd>
            </dl>
            <p className={view.error ? 'banner banner-warning' : 'banner banner-info'} role="status" data-testid="rotation-stage">
              {stageText(tr, view)}
            </p>
            {view.error ? (
              <p className="banner banner-error" role="alert" data-testid="rotation-error">
                <strong>{tr.t('rotation.stoppedBecause')}</strong> {translateError(tr, view.error)}
              </p>
            ) : null}
          </>
        ) : null}

        {refusal ? (
          <p className="banner banner-error" role="alert" data-testid="rotation-refused">
            {refusalText(tr, refusal)}
          </p>
        ) : null}
        {callError ? (
          <p className="banner banner-error" role="alert" data-testid="rotation-call-error">
            {translateError(tr, callError)}
          </p>
        ) : null}
        {busy ? (
          <p className="muted" role="status">
            {tr.t('rotation.working')}
          </p>
        ) : null}

        <div className="dialog-actions">
          {finished || !view ? (
            <button type="button" className="button" onClick={onClose} disabled={busy}>
              {finished ? tr.t('common.close') : tr.t('common.cancel')}
            </button>
          ) : null}
          {loaded && !view ? (
            <button ref={primary} type="button" className="button button-primary" onClick={() => void start()} disabled={busy}>
              {tr.t('rotation.start')}
            </button>
          ) : null}
          {can('abort') ? (
            <button type="button" className="button button-danger" onClick={() => void abort()} disabled={busy}>
              {switched(view!.stage) ? tr.t('rotation.end') : tr.t('rotation.abort')}
            </button>
          ) : null}
          {can('continue') ? (
            <button ref={primary} type="button" className="button button-primary" onClick={() => void resume(false)} disabled={busy}>
              {view?.error ? tr.t('rotation.resume') : tr.t('rotation.continue')}
            </button>
          ) : null}
          {can('confirm-delete-old') ? (
            <button ref={primary} type="button" className="button button-primary" onClick={() => void resume(true)} disabled={busy}>
              {tr.t('rotation.confirmDelete', { key: view!.oldAccessKeyId })}
            </button>
          ) : null}
          {!finished && view ? (
            <button type="button" className="button" onClick={onClose} disabled={busy}>
              {tr.t('rotation.later')}
            </button>
          ) : null}
        </div>
      </div>
    </Modal>
  );
}
