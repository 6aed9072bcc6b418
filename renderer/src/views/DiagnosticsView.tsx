/**
 * Diagnostics: `akvault doctor`'s report, run by the host (the app, or `akvault serve --ui`) on open and
 * on demand. Titles and statuses are translated; each check's one-line finding and fix come from main
 * as it found them (paths, versions, commands), like `akvault doctor` prints them.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { DiagnosticCheckView, DiagnosticsView as Report, ErrorView } from '../../../preload/contract';
import type { MessageKey } from '../../../i18n';
import { api } from '../api';
import { LoadStatus } from '../components/LoadStatus';
import { errorViewOf } from '../lib/errors';
import { useT } from '../i18n/useT';

const STATUS_CLASS: Record<DiagnosticCheckView['status'], string> = { ok: 'badge-ok', info: 'badge-muted', warn: 'badge-warn', fail: 'badge-error' };

export function DiagnosticsView() {
  const tr = useT();
  const headingId = useId();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [running, setRunning] = useState(false);
  const run = useCallback(() => {
    setError(null);
    setRunning(true);
    api()
      .getDiagnostics()
      .then(
        (r) => setReport(r),
        (e: unknown) => setError(errorViewOf(e)),
      )
      .finally(() => setRunning(false));
  }, []);
  useEffect(run, [run]);
  const problems = report?.checks.filter((c) => c.status === 'fail').length ?? 0;

  return (
    <section className="page" aria-labelledby={headingId} data-testid="diagnostics">
      <div className="page-header">
        <h1 id={headingId}>{tr.t('diagnostics.title')}</h1>
        <button type="button" className="button" onClick={run} disabled={running}>
          {tr.t('diagnostics.run')}
        </button>
      </div>
      <p className="muted">{tr.t('diagnostics.intro')}</p>
      <LoadStatus error={error} loading={report === null && error === null} empty={false} emptyText="" />
      {report ? (
        <>
          <p role="status" className={problems ? 'diagnostics-verdict diagnostics-bad' : 'diagnostics-verdict'} data-testid="diagnostics-verdict">
            {problems ? tr.t('diagnostics.problems', { count: problems }) : tr.t('diagnostics.allOk')}{' '}
            <span className="muted small">{tr.t('diagnostics.checkedAt', { time: tr.dateTime(report.generatedAt) })}</span>
          </p>
          <ul className="diagnostics-list" aria-label={tr.t('diagnostics.caption')}>
            {report.checks.map((c) => (
              <li key={c.id} className="diagnostics-item" data-testid={`check-${c.id}`} data-status={c.status}>
                <div className="diagnostics-head">
                  <span className={`badge ${STATUS_CLASS[c.status]}`}>{tr.t(`diagnostics.status.${c.status}` as MessageKey)}</span>
                  <strong>{tr.t(`diagnostics.check.${c.id}` as MessageKey)}</strong>
                </div>
                <p className="diagnostics-summary">{c.summary}</p>
                {c.fix && c.status !== 'ok' ? (
                  <p className="diagnostics-fix">
                    <span className="field-label">{tr.t('diagnostics.fix')}</span> <span className="mono small">{c.fix}</span>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="muted small">{tr.t('diagnostics.cliHint')}</p>
        </>
      ) : null}
    </section>
  );
}
