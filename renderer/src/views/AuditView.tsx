/**
 * The audit log: who was handed keys of which profile, when, and through what (tray, CLI, helper, the
 * window), plus session starts/stops and alarms. Read from main on open and on demand; newest first.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { AuditEntryView, ErrorView } from '../../../preload/contract';
import { api } from '../api';
import { errorViewOf } from '../lib/errors';
import { AUDIT_EVENT_KEYS, CONSUMER_KEYS } from '../i18n/labels';
import { LoadStatus } from '../components/LoadStatus';
import { useT } from '../i18n/useT';

const LIMIT = 500;

export function AuditView() {
  const tr = useT();
  const headingId = useId();
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [filter, setFilter] = useState('');
  const load = useCallback(() => {
    setError(null);
    api()
      .getAuditLog(LIMIT)
      .then(
        (list) => setEntries([...list].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))),
        (e: unknown) => setError(errorViewOf(e)),
      );
  }, []);
  useEffect(load, [load]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? (entries ?? []).filter((e) => e.profile.toLowerCase().includes(q) || e.event.includes(q)) : (entries ?? []);
  }, [entries, filter]);

  const to = (e: AuditEntryView) => {
    if (!e.to) return '';
    const parts = [tr.t(CONSUMER_KEYS[e.to.kind]), e.to.action, e.to.command, e.to.client].filter(Boolean);
    return parts.join(' · ');
  };

  return (
    <section className="page" aria-labelledby={headingId}>
      <div className="page-header">
        <h1 id={headingId}>{tr.t('audit.title')}</h1>
        <button type="button" className="button" onClick={load}>
          {tr.t('common.reload')}
        </button>
      </div>
      <p className="muted">{tr.t('audit.intro', { count: LIMIT })}</p>
      <label className="field field-inline">
        <span className="field-label">{tr.t('audit.filter')}</span>
        <input type="search" className="input" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <LoadStatus error={error} loading={entries === null} empty={entries !== null && shown.length === 0} emptyText={tr.t('audit.empty')} />
      {shown.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="audit-table">
            <caption className="visually-hidden">{tr.t('audit.caption', { count: shown.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('audit.col.time')}</th>
                <th scope="col">{tr.t('audit.col.event')}</th>
                <th scope="col">{tr.t('audit.col.profile')}</th>
                <th scope="col">{tr.t('audit.col.to')}</th>
                <th scope="col">{tr.t('audit.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td className="nowrap">
                    <time dateTime={e.at}>{tr.dateTime(e.at)}</time>
                  </td>
                  <td>{tr.t(AUDIT_EVENT_KEYS[e.event])}</td>
                  <td className="nowrap">{e.profile}</td>
                  <td>{to(e)}</td>
                  <td className="small">
                    {e.accessKeyId ? <span className="mono">{e.accessKeyId}</span> : null}
                    {e.expiresAt ? ` ${tr.t('audit.expires', { time: tr.dateTime(e.expiresAt) })}` : ''}
                    {e.code ? ` ${e.code}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
