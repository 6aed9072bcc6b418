/**
 * Import a credentials.csv (the console's download) by file picker or drag and drop: main previews
 * what would happen per row (new, already stored, invalid), then imports and reports per row with its
 * advisories (a second key for a user, a third one the console would refuse). The file's text is all
 * secrets: it stays in this view's local state and is dropped after the import or on cancel.
 */
import { useId, useRef, useState, type DragEvent } from 'react';
import type { CsvPreview, ErrorView, ImportReportView } from '../../../preload/contract';
import type { MessageKey } from '../../../i18n';
import { api } from '../api';
import { errorViewOf } from '../lib/errors';
import { hasKey, translateError } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { useApp } from '../store';

const MAX_BYTES = 1_000_000;

const PREVIEW_STATUS: Record<CsvPreview['rows'][number]['status'], MessageKey> = {
  new: 'import.status.new',
  existing: 'import.status.existing',
  invalid: 'import.status.invalid',
};
const REPORT_STATUS: Record<ImportReportView['rows'][number]['status'], MessageKey> = {
  added: 'import.status.added',
  unchanged: 'import.status.unchanged',
  conflict: 'import.status.conflict',
  invalid: 'import.status.invalid',
  failed: 'import.status.failed',
};

interface Loaded {
  fileName: string;
  text: string;
  preview: CsvPreview;
}

export function ImportView() {
  const tr = useT();
  const setView = useApp((s) => s.setView);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [error, setError] = useState<ErrorView | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [prefix, setPrefix] = useState('');
  const [region, setRegion] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const headingId = useId();

  const read = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setReport(null);
    if (file.size > MAX_BYTES) return setError(tr.t('import.tooLarge'));
    setBusy(true);
    try {
      const text = await file.text();
      const preview = await api().importCsvPreview(text);
      setLoaded({ fileName: file.name, text, preview });
    } catch (e) {
      setLoaded(null);
      setError(errorViewOf(e));
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void read(e.dataTransfer.files[0]);
  };

  const runImport = async () => {
    if (!loaded) return;
    setBusy(true);
    setError(null);
    try {
      const opts = { source: loaded.fileName.slice(0, 255), ...(prefix.trim() ? { namePrefix: prefix.trim() } : {}), ...(region.trim() ? { region: region.trim() } : {}) };
      setReport(await api().importCsv(loaded.text, opts));
      setLoaded(null); // the keys are main's now; the page forgets them
    } catch (e) {
      setError(errorViewOf(e));
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    setLoaded(null);
    setError(null);
  };

  const advisory = (code: string, message: string) => (hasKey(`advisory.${code}`) ? tr.t(`advisory.${code}` as MessageKey) : message);

  return (
    <section className="page" aria-labelledby={headingId}>
      <h1 id={headingId}>{tr.t('import.title')}</h1>
      <p className="muted">{tr.t('import.intro')}</p>

      <div
        className={`dropzone ${dragging ? 'is-dragging' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{tr.t('import.drop')}</p>
        <label className="button">
          {tr.t('import.choose')}
          <input
            ref={fileInput}
            type="file"
            className="visually-hidden"
            accept=".csv,text/csv"
            data-testid="csv-file"
            onChange={(e) => void read(e.target.files?.[0])}
          />
        </label>
      </div>

      {busy ? (
        <p role="status" className="muted">
          {tr.t('common.working')}
        </p>
      ) : null}
      {error ? (
        <p className="banner banner-error" role="alert" data-testid="import-error">
          {typeof error === 'string' ? error : translateError(tr, error)}
        </p>
      ) : null}

      {loaded ? (
        <div className="import-preview" data-testid="import-preview">
          <h2>{tr.t('import.previewTitle', { file: loaded.fileName })}</h2>
          <p role="status">
            {tr.t('import.counts', { new: loaded.preview.counts.new, existing: loaded.preview.counts.existing, invalid: loaded.preview.counts.invalid })}
          </p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{tr.t('import.previewCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr.t('import.col.line')}</th>
                  <th scope="col">{tr.t('import.col.status')}</th>
                  <th scope="col">{tr.t('field.accessKeyId')}</th>
                  <th scope="col">{tr.t('field.userName')}</th>
                  <th scope="col">{tr.t('import.col.profile')}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.preview.rows.map((r) => (
                  <tr key={r.line} className={`row-${r.status}`} data-status={r.status}>
                    <td>{r.line}</td>
                    <td>
                      <span className={`pill pill-${r.status}`}>{tr.t(PREVIEW_STATUS[r.status])}</span>
                    </td>
                    <td className="mono">{r.accessKeyId}</td>
                    <td>{r.userName ?? r.userId}</td>
                    <td>
                      {r.status === 'existing' ? tr.t('import.alreadyAs', { profile: r.name ?? '' }) : r.status === 'invalid' ? (r.problem ?? '') : r.name}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-grid">
            <label className="field">
              <span className="field-label">{tr.t('import.prefix')}</span>
              <input className="input mono" value={prefix} maxLength={40} onChange={(e) => setPrefix(e.target.value)} />
            </label>
            <label className="field">
              <span className="field-label">{tr.t('field.region')}</span>
              <input className="input mono" value={region} maxLength={64} placeholder={tr.t('form.placeholder.region')} onChange={(e) => setRegion(e.target.value)} />
            </label>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={cancel} disabled={busy}>
              {tr.t('common.cancel')}
            </button>
            <button type="button" className="button button-primary" onClick={() => void runImport()} disabled={busy || loaded.preview.counts.new === 0}>
              {tr.t('import.run', { count: loaded.preview.counts.new })}
            </button>
          </div>
        </div>
      ) : null}

      {report ? (
        <div className="import-report" data-testid="import-report">
          <h2>{tr.t('import.reportTitle')}</h2>
          <p role="status">
            {tr.t('import.reportCounts', {
              added: report.counts.added,
              unchanged: report.counts.unchanged,
              conflict: report.counts.conflict,
              invalid: report.counts.invalid,
              failed: report.counts.failed,
            })}
          </p>
          <ul className="report-list">
            {report.rows.map((r) => (
              <li key={r.line} className={`report-row report-${r.status}`}>
                <span className={`pill pill-${r.status}`}>{tr.t(REPORT_STATUS[r.status])}</span> <span className="muted">{tr.t('import.line', { line: r.line })}</span>{' '}
                {r.name ? <strong>{r.name}</strong> : null} {r.accessKeyId ? <span className="mono">{r.accessKeyId}</span> : null}
                {r.status !== 'added' ? <div className="small muted">{r.message}</div> : null}
                {r.advisories.map((a) => (
                  <div key={a.code} className={a.level === 'warning' ? 'field-warning' : 'field-hint'} data-testid="import-advisory">
                    <span aria-hidden="true">{a.level === 'warning' ? '⚠ ' : 'ℹ '}</span>
                    {advisory(a.code, a.message)}
                  </div>
                ))}
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => setView('profiles')}>
            {tr.t('import.toProfiles')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
