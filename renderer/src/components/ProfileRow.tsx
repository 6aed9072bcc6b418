/**
 * One profile in the list: name (selects it), default mark, kind, account and region, the agency's
 * target and chain, the session state with a live countdown, alarms, and start/stop.
 */
import { memo } from 'react';
import type { AlarmView, ProfileView, SessionView } from '../../../preload/contract';
import { accountOf, displayState, expiryOf } from '../lib/profiles';
import { KIND_KEYS } from '../i18n/labels';
import { useT } from '../i18n/useT';
import { startSession, stopSession } from '../actions';
import { Countdown, useCountdownClock } from './Countdown';
import { StateBadge } from './StateBadge';

interface ProfileRowProps {
  profile: ProfileView;
  session: SessionView | undefined;
  alarms: readonly AlarmView[] | undefined;
  isDefault: boolean;
  selected: boolean;
  /** The agency's chain, `top ← … ← base` (agencies only). */
  chain: string | undefined;
  soonBelowMs: number;
  onSelect(id: string): void;
}

export const ProfileRow = memo(function ProfileRow({ profile: p, session, alarms, isDefault, selected, chain, soonBelowMs, onSelect }: ProfileRowProps) {
  const tr = useT();
  const expiry = expiryOf(p, session);
  const now = useCountdownClock(expiry);
  const state = displayState(p, session, now);
  const account = accountOf(p);
  const running = session !== undefined;
  return (
    <div className={`profile-row ${selected ? 'is-selected' : ''} ${alarms?.length ? 'has-alarm' : ''}`} data-testid="profile-row" data-profile={p.name}>
      <div className="profile-main">
        <button
          type="button"
          className="profile-name"
          data-row-focus="true"
          aria-current={selected ? 'true' : undefined}
          onClick={() => onSelect(p.id)}
        >
          {p.color ? <span className="profile-color" style={{ backgroundColor: p.color }} aria-hidden="true" /> : null}
          {p.name}
        </button>
        {isDefault ? <span className="badge badge-accent">{tr.t('profile.default')}</span> : null}
        <span className="profile-kind">{tr.t(KIND_KEYS[p.kind])}</span>
      </div>
      <div className="profile-meta">
        {p.kind === 'agency' ? (
          <span className="profile-agency">
            {tr.t('profile.agencyTarget', { agency: p.agencyName ?? '', account: account ?? '' })}
            {chain ? <span className="profile-chain"> {tr.t('profile.via', { chain })}</span> : null}
          </span>
        ) : account ? (
          <span>{account}</span>
        ) : null}
        {p.region ? <span className="mono">{p.region}</span> : null}
        {p.accessKeyId ? <span className="mono">{p.accessKeyId}</span> : null}
      </div>
      <div className="profile-status">
        <StateBadge state={state} />
        {expiry && (running || state === 'expired' || p.kind === 'temporary-key' || p.kind === 'token') ? <Countdown expiresAt={expiry} soonBelowMs={soonBelowMs} /> : null}
        {alarms?.length ? (
          <span className="alarm-mark" title={alarms.map((a) => a.message).join('\n')}>
            <span aria-hidden="true">⚠ </span>
            {tr.t('profile.alarm', { count: alarms.length })}
          </span>
        ) : null}
      </div>
      <div className="profile-actions">
        {running ? (
          <button type="button" className="button button-small" aria-label={tr.t('action.stopFor', { profile: p.name })} onClick={() => void stopSession(p.name)}>
            {tr.t('action.stop')}
          </button>
        ) : (
          <button type="button" className="button button-small" aria-label={tr.t('action.startFor', { profile: p.name })} onClick={() => void startSession(p.name)}>
            {tr.t('action.start')}
          </button>
        )}
      </div>
    </div>
  );
});
