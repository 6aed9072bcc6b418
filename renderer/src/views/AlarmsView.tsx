/**
 * Alarms: the ones raised now (from the snapshot; they clear themselves when refreshing works again)
 * and the history main keeps (reloaded whenever the current set changes).
 */
import { useEffect, useId, useState } from 'react';
import type { AlarmView, ErrorView } from '../../../preload/contract';
import { api } from '../api';
import { errorViewOf } from '../lib/errors';
import { translateError } from '../i18n/translate';
import { LoadStatus } from '../components/LoadStatus';
import { useT } from '../i18n/useT';
import { useApp } from '../store';

const NONE: AlarmView[] = [];

function AlarmText({ alarm }: { alarm: AlarmView }) {
  const tr = useT();
  return (
    <>
      <strong>{alarm.profile}</strong>{' '}
      <span>{alarm.kind === 'expired' ? tr.t('alarm.expired') : tr.t('alarm.refreshFailed')}</span>
      {' — '}
      {translateError(tr, { code: alarm.code, message: alarm.message, params: {} })}
    </>
  );
}

export function AlarmsView() {
  const tr = useT();
  const headingId = useId();
  const current = useApp((s) => s.snapshot?.alarms ?? NONE);
  const select = useApp((s) => s.select);
  const setView = useApp((s) => s.setView);
  const byName = useApp((s) => s.index.byName);
  const [history, setHistory] = useState<AlarmView[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);

  useEffect(() => {
    let live = true;
    api()
      .getAlarmHistory()
      .then(
        (h) => live && setHistory([...h].sort((a, b) => (a.lastFailureAt < b.lastFailureAt ? 1 : -1))),
        (e: unknown) => live && setError(errorViewOf(e)),
      );
    return () => {
      live = false;
    };
  }, [current]);

  const show = (profile: string) => {
    const p = byName.get(profile);
    if (!p) return;
    select(p.id);
    setView('profiles');
  };

  return (
    <section className="page" aria-labelledby={headingId}>
      <h1 id={headingId}>{tr.t('alarms.title')}</h1>
      <h2>{tr.t('alarms.current')}</h2>
      {current.length === 0 ? (
        <p className="muted" data-testid="alarms-none">
          {tr.t('alarms.none')}
        </p>
      ) : (
        <ul className="alarm-list" data-testid="alarms-current">
          {current.map((a) => (
            <li key={`${a.profile}-${a.kind}`} className="banner banner-error alarm-item">
              <div>
                <AlarmText alarm={a} />
              </div>
              <div className="small">
                {tr.t('alarm.since', { time: tr.dateTime(a.firstFailureAt), count: a.failures })} · {tr.t('alarm.last', { time: tr.dateTime(a.lastFailureAt) })}
              </div>
              {byName.has(a.profile) ? (
                <button type="button" className="button button-small" onClick={() => show(a.profile)}>
                  {tr.t('alarms.showProfile', { profile: a.profile })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2>{tr.t('alarms.history')}</h2>
      <LoadStatus error={error} loading={history === null} empty={history?.length === 0} emptyText={tr.t('alarms.historyEmpty')} />
      {history && history.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="alarms-history">
            <caption className="visually-hidden">{tr.t('alarms.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('alarms.col.alarm')}</th>
                <th scope="col">{tr.t('alarms.col.from')}</th>
                <th scope="col">{tr.t('alarms.col.cleared')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((a, i) => (
                <tr key={`${a.profile}-${a.firstFailureAt}-${i}`}>
                  <td>
                    <AlarmText alarm={a} />
                  </td>
                  <td className="nowrap">{tr.dateTime(a.firstFailureAt)}</td>
                  <td className="nowrap">{a.clearedAt ? tr.dateTime(a.clearedAt) : tr.t('alarms.stillRaised')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
