/**
 * Everything about the selected profile and every action on it: session state and times, alarms,
 * the agency chain, the stored (non-secret) fields, and start/stop, refresh, default, copy, console,
 * edit, rotate and remove.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CopyWhat, ProfileView } from '../../../preload/contract';
import { accountOf, displayState, expiryOf } from '../lib/profiles';
import { chainLabel, walkChain } from '../lib/chain';
import { COPY_KEYS, KIND_KEYS } from '../i18n/labels';
import { translateError } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useApp } from '../store';
import { copy, openConsole, refreshNow, setDefaultProfile, startSession, stopSession } from '../actions';
import { Countdown, useCountdownClock } from './Countdown';
import { Menu } from './Menu';
import { StateBadge } from './StateBadge';

/** Matches the stylesheet's one-pane layout. */
export const NARROW = '(max-width: 820px)';

const COPY_ORDER: readonly CopyWhat[] = ['export-bash', 'export-fish', 'export-powershell', 'koocli', 'ak', 'sk', 'token'];

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function ProfileDetails({ profile: p, onBack }: { profile: ProfileView; onBack(): void }) {
  const tr = useT();
  const { session, alarms, isDefault, index, margin, openDialog, toolProblems } = useApp(
    useShallow((s) => ({
      toolProblems: s.snapshot?.toolFileProblems,
      session: s.index.sessionByName.get(p.name),
      alarms: s.index.alarmsByName.get(p.name),
      isDefault: s.snapshot?.defaultProfile === p.name,
      index: s.index,
      margin: s.snapshot?.settings.refreshMarginSeconds ?? 600,
      openDialog: s.openDialog,
    })),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  // One pane at a time (narrow window, high zoom): the details replace the list, so focus moves to them.
  useEffect(() => {
    if (window.matchMedia(NARROW).matches) heading.current?.focus();
  }, []);
  const expiry = expiryOf(p, session);
  const now = useCountdownClock(expiry);
  const state = displayState(p, session, now);
  const chain = p.kind === 'agency' ? walkChain(p, index.byId) : undefined;
  const yes = tr.t('common.yes');
  const tools = (['sdkCredentials', 'koocli', 'obsutil'] as const).filter((t) => p.toolFiles?.[t]);
  const toolKey = { sdkCredentials: 'form.toolFiles.sdkCredentials', koocli: 'form.toolFiles.koocli', obsutil: 'form.toolFiles.obsutil' } as const;

  return (
    <section className="details" aria-labelledby="details-title" data-testid="profile-details">
      <button type="button" className="button button-ghost details-back" onClick={onBack}>
        <span aria-hidden="true">← </span>
        {tr.t('details.back')}
      </button>
      <header className="details-header">
        <h2 id="details-title" tabIndex={-1} ref={heading}>
          {p.name}
        </h2>
        {isDefault ? <span className="badge badge-accent">{tr.t('profile.default')}</span> : null}
        <span className="profile-kind">{tr.t(KIND_KEYS[p.kind])}</span>
      </header>
      {p.description ? <p className="muted">{p.description}</p> : null}

      {alarms?.map((a) => (
        <div key={`${a.kind}-${a.firstFailureAt}`} className="banner banner-error" data-testid="details-alarm">
          <strong>{a.kind === 'expired' ? tr.t('alarm.expired') : tr.t('alarm.refreshFailed')}</strong>
          {' — '}
          {translateError(tr, { code: a.code, message: a.message, params: {} })}
          <br />
          <span className="small">{tr.t('alarm.since', { time: tr.dateTime(a.firstFailureAt), count: a.failures })}</span>
        </div>
      ))}

      {toolProblems
        ?.filter((t) => t.profile === p.name)
        .map((t) => (
          <div key={t.tool} className="banner banner-warning" data-testid="tool-file-problem">
            {tr.t('details.toolFileProblem', {
              tool: t.tool in toolKey ? tr.t(toolKey[t.tool as keyof typeof toolKey]) : t.tool,
              message: translateError(tr, { code: t.code, message: t.message, params: {} }),
            })}
          </div>
        ))}

      <div className="details-session">
        <StateBadge state={state} />
        {expiry ? <Countdown expiresAt={expiry} soonBelowMs={margin * 1000} /> : null}
      </div>

      <div className="details-actions" role="group" aria-label={tr.t('details.actions')}>
        {session ? (
          <button type="button" className="button" onClick={() => void stopSession(p.name)}>
            {tr.t('action.stop')}
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => void startSession(p.name)}>
            {tr.t('action.start')}
          </button>
        )}
        {session ? (
          <button type="button" className="button" onClick={() => void refreshNow(p.name)}>
            {tr.t('action.refresh')}
          </button>
        ) : null}
        <Menu
          label={tr.t('action.copy')}
          ariaLabel={tr.t('action.copyFor', { profile: p.name })}
          testId="copy-menu"
          items={COPY_ORDER.map((what) => ({
            id: what,
            label: tr.t(COPY_KEYS[what]),
            disabled: what === 'token' && p.kind === 'access-key',
            onSelect: () => void copy(p.name, what),
          }))}
        />
        <button type="button" className="button" onClick={() => void openConsole(p.name)}>
          {tr.t('action.console')}
        </button>
        <button type="button" className="button" aria-pressed={isDefault} onClick={() => void setDefaultProfile(isDefault ? null : p.name)}>
          {isDefault ? tr.t('action.clearDefault') : tr.t('action.setDefault')}
        </button>
        <button type="button" className="button" onClick={() => openDialog({ type: 'edit', profileId: p.id })}>
          {tr.t('action.edit')}
        </button>
        {p.kind === 'access-key' ? (
          <button type="button" className="button" onClick={() => openDialog({ type: 'rotate', profileId: p.id })}>
            {tr.t('action.rotate')}
          </button>
        ) : null}
        <button type="button" className="button button-danger" onClick={() => openDialog({ type: 'remove', profileId: p.id })}>
          {tr.t('action.remove')}
        </button>
      </div>

      <dl className="details-fields">
        <Row label={tr.t('field.account')}>{accountOf(p)}</Row>
        {p.kind === 'agency' ? (
          <>
            <Row label={tr.t('field.agencyName')}>{p.agencyName}</Row>
            <Row label={tr.t('field.chain')}>
              {chain ? (
                <span className={chain.end === 'base' ? '' : 'text-error'}>
                  {chainLabel(chain)}
                  {chain.end === 'missing' ? ` — ${tr.t('chain.missing')}` : chain.end === 'loop' ? ` — ${tr.t('chain.loop')}` : ''}
                </span>
              ) : null}
            </Row>
            <Row label={tr.t('field.api')}>{p.api === 'v5' ? tr.t('form.api.v5') : tr.t('form.api.v3')}</Row>
            <Row label={tr.t('field.sessionUserName')}>{p.sessionUserName}</Row>
          </>
        ) : null}
        <Row label={tr.t('field.userName')}>{p.userName}</Row>
        <Row label={tr.t('field.accessKeyId')}>{p.accessKeyId ? <span className="mono">{p.accessKeyId}</span> : null}</Row>
        <Row label={tr.t('field.region')}>{p.region}</Row>
        <Row label={tr.t('field.projectId')}>{p.projectId ? <span className="mono">{p.projectId}</span> : null}</Row>
        <Row label={tr.t('field.mfa')}>{p.kind === 'account' ? (p.mfaUserId ? yes : tr.t('common.no')) : null}</Row>
        <Row label={tr.t('field.duration')}>{p.durationSeconds ? tr.duration(p.durationSeconds * 1000) : null}</Row>
        <Row label={tr.t('field.credentialExpiry')}>{(p.kind === 'temporary-key' || p.kind === 'token') && p.expiresAt ? tr.dateTime(p.expiresAt) : null}</Row>
        <Row label={tr.t('field.metadataUrl')}>{p.metadataUrl}</Row>
        <Row label={tr.t('field.lastRefresh')}>{session?.lastRefreshAt ? tr.dateTime(session.lastRefreshAt) : null}</Row>
        <Row label={tr.t('field.nextRefresh')}>{session?.nextRefreshAt ? tr.dateTime(session.nextRefreshAt) : null}</Row>
        <Row label={tr.t('field.toolFiles')}>{tools.length ? tools.map((t) => tr.t(toolKey[t])).join(', ') : null}</Row>
        <Row label={tr.t('field.updated')}>{tr.dateTime(p.updatedAt)}</Row>
      </dl>
    </section>
  );
}
