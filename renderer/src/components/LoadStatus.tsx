import type { ErrorView } from '../../../preload/contract';
import { translateError } from '../i18n/translate';
import { useT } from '../i18n/useT';

/** What a list fetched on demand shows before it has rows: its error, "loading", or its empty text. */
export function LoadStatus({ error, loading, empty, emptyText }: { error: ErrorView | null; loading: boolean; empty: boolean; emptyText: string }) {
  const tr = useT();
  if (error) {
    return (
      <p className="banner banner-error" role="alert">
        {translateError(tr, error)}
      </p>
    );
  }
  if (loading) return <p className="muted">{tr.t('common.loading')}</p>;
  return empty ? <p className="muted">{emptyText}</p> : null;
}
