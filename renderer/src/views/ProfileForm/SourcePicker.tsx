/**
 * Picks an agency's source profile and shows the chain it makes: `this ← source ← … ← base`.
 * A filter box narrows the list (there may be thousands of profiles); sources that would loop back to
 * this agency, hang off a broken chain or stack too many agencies are listed but disabled, with why.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Field } from '../../components/Field';
import { matchesText } from '../../lib/profiles';
import { sourceOptions, type SourceOption } from '../../lib/chain';
import { KIND_KEYS } from '../../i18n/labels';
import { useT } from '../../i18n/useT';
import { useApp } from '../../store';
import type { FormParts } from './formContext';

const MAX_OPTIONS = 200;
const NONE: never[] = [];

export function SourcePicker({ form }: { form: FormParts }) {
  const tr = useT();
  const { profiles, byId } = useApp(useShallow((s) => ({ profiles: s.snapshot?.profiles ?? NONE, byId: s.index.byId })));
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const all = useMemo(() => sourceOptions(profiles, byId, form.values.name, form.selfId), [profiles, byId, form.values.name, form.selfId]);
  const selected = all.find((o) => o.profile.id === form.values.sourceId);
  const shown = useMemo(() => {
    const matching = all.filter((o) => matchesText(o.profile, deferred)).slice(0, MAX_OPTIONS);
    // The current choice stays listed whatever the filter says.
    return selected && !matching.includes(selected) ? [selected, ...matching] : matching;
  }, [all, deferred, selected]);
  const { error, warning } = form.messages('sourceId');

  const label = (o: SourceOption) => {
    const why = o.refusal === 'loop' ? tr.t('chain.wouldLoop') : o.refusal === 'broken' ? tr.t('chain.broken') : o.refusal === 'too-long' ? tr.t('chain.tooLong') : '';
    // An agency's own chain (everything after the agency being edited and this option).
    const below = o.profile.kind === 'agency' ? o.chain.split(' ← ').slice(2).join(' ← ') : '';
    const via = below ? ` — ${tr.t('profile.via', { chain: below })}` : '';
    return `${o.profile.name} — ${tr.t(KIND_KEYS[o.profile.kind])}${via}${why ? ` (${why})` : ''}`;
  };

  return (
    <div className="source-picker">
      <label className="field">
        <span className="field-label">{tr.t('form.source.filter')}</span>
        <input type="search" className="input" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <Field label={tr.t('field.source')} error={error} warning={warning} required hint={tr.t('form.source.hint')}>
        {(control) => (
          <select
            {...control}
            className="input"
            size={Math.min(8, Math.max(3, shown.length + 1))}
            value={form.values.sourceId}
            onChange={(e) => form.set('sourceId', e.target.value)}
            onBlur={() => form.touch('sourceId')}
            data-testid="source-select"
          >
            <option value="">{tr.t('form.source.none')}</option>
            {shown.map((o) => (
              <option key={o.profile.id} value={o.profile.id} disabled={o.refusal !== undefined}>
                {label(o)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="chain-preview" aria-live="polite" data-testid="chain-preview">
        {selected ? (
          <>
            <span className="field-label">{tr.t('field.chain')}</span> <span className="mono">{selected.chain}</span>{' '}
            <span className="muted">{tr.t('chain.agencies', { count: selected.agencies })}</span>
          </>
        ) : (
          <span className="muted">{tr.t('form.source.pick')}</span>
        )}
      </p>
    </div>
  );
}
