/**
 * The profile manager's main view: toolbar (search, kind and state filters, grouping, add), the
 * virtualised list, and the selected profile's details beside it (below it, one at a time, when the
 * window is narrow or zoomed).
 */
import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { buildRows, DISPLAY_STATES, filterProfiles, PROFILE_KINDS, type KindFilter, type StateFilter } from '../lib/profiles';
import { KIND_KEYS, STATE_KEYS } from '../i18n/labels';
import { useT } from '../i18n/useT';
import { useApp } from '../store';
import { ProfileList } from '../components/ProfileList';
import { ProfileDetails } from '../components/ProfileDetails';

const NO_PROFILES: never[] = [];

/** Focuses a profile's row once the list is back on screen (it may take a frame or two to render). */
function focusRow(name: string, attempt = 0) {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`[data-profile="${CSS.escape(name)}"] [data-row-focus]`);
    el?.focus();
    if (document.activeElement !== el && attempt < 10) focusRow(name, attempt + 1);
  });
}

function Toolbar({ shown, total }: { shown: number; total: number }) {
  const tr = useT();
  const f = useApp(
    useShallow((s) => ({
      text: s.filterText,
      kind: s.filterKind,
      state: s.filterState,
      group: s.groupByAccount,
      setText: s.setFilterText,
      setKind: s.setFilterKind,
      setState: s.setFilterState,
      setGroup: s.setGroupByAccount,
      openDialog: s.openDialog,
    })),
  );
  return (
    <div className="toolbar" role="search" aria-label={tr.t('profiles.searchRegion')}>
      <label className="toolbar-search">
        <span className="visually-hidden">{tr.t('profiles.search')}</span>
        <input type="search" className="input" placeholder={tr.t('profiles.searchPlaceholder')} value={f.text} onChange={(e) => f.setText(e.target.value)} />
      </label>
      <label className="toolbar-select">
        <span className="toolbar-label">{tr.t('profiles.filterKind')}</span>
        <select className="input" value={f.kind} onChange={(e) => f.setKind(e.target.value as KindFilter)}>
          <option value="all">{tr.t('profiles.allKinds')}</option>
          {PROFILE_KINDS.map((k) => (
            <option key={k} value={k}>
              {tr.t(KIND_KEYS[k])}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-select">
        <span className="toolbar-label">{tr.t('profiles.filterState')}</span>
        <select className="input" value={f.state} onChange={(e) => f.setState(e.target.value as StateFilter)}>
          <option value="all">{tr.t('profiles.allStates')}</option>
          {DISPLAY_STATES.map((s) => (
            <option key={s} value={s}>
              {tr.t(STATE_KEYS[s])}
            </option>
          ))}
          <option value="alarm">{tr.t('profiles.withAlarm')}</option>
        </select>
      </label>
      <label className="toolbar-check">
        <input type="checkbox" checked={f.group} onChange={(e) => f.setGroup(e.target.checked)} />
        {tr.t('profiles.groupByAccount')}
      </label>
      <p className="toolbar-count muted" aria-live="polite" data-testid="profile-count">
        {shown === total ? tr.t('profiles.count', { count: total }) : tr.t('profiles.countFiltered', { shown, count: total })}
      </p>
      <button type="button" className="button button-primary" onClick={() => f.openDialog({ type: 'add' })}>
        <span aria-hidden="true">+ </span>
        {tr.t('action.add')}
      </button>
    </div>
  );
}

export function ProfilesView() {
  const tr = useT();
  const s = useApp(
    useShallow((st) => ({
      profiles: st.snapshot?.profiles ?? NO_PROFILES,
      index: st.index,
      text: st.filterText,
      kind: st.filterKind,
      state: st.filterState,
      group: st.groupByAccount,
      selectedId: st.selectedId,
      select: st.select,
      clear: st.clearFilters,
      setView: st.setView,
      openDialog: st.openDialog,
    })),
  );
  // Typing stays responsive with thousands of profiles: the list catches up a frame later.
  const text = useDeferredValue(s.text);
  const filtered = useMemo(
    () => filterProfiles(s.profiles, { text, kind: s.kind, state: s.state }, s.index, Date.now()),
    [s.profiles, text, s.kind, s.state, s.index],
  );
  const rows = useMemo(() => buildRows(filtered, s.group), [filtered, s.group]);
  const selected = s.selectedId ? s.index.byId.get(s.selectedId) : undefined;

  return (
    <div className={`profiles-layout ${selected ? 'has-selection' : ''}`}>
      <h1 className="visually-hidden">{tr.t('nav.profiles')}</h1>
      <div className="profiles-list-pane">
        <Toolbar shown={filtered.length} total={s.profiles.length} />
        {s.profiles.length === 0 ? (
          <div className="empty" data-testid="empty">
            <p>{tr.t('profiles.empty')}</p>
            <div className="empty-actions">
              <button type="button" className="button button-primary" onClick={() => s.openDialog({ type: 'add' })}>
                {tr.t('action.add')}
              </button>
              <button type="button" className="button" onClick={() => s.setView('import')}>
                {tr.t('action.importCsv')}
              </button>
            </div>
          </div>
        ) : filtered.length === 0 ? (
          <div className="empty" data-testid="empty">
            <p>{tr.t('profiles.noMatch')}</p>
            <button type="button" className="button" onClick={s.clear}>
              {tr.t('profiles.clearFilters')}
            </button>
          </div>
        ) : (
          <ProfileList rows={rows} profileCount={filtered.length} />
        )}
      </div>
      <div className="profiles-details-pane">
        {selected ? (
          <ProfileDetails
            key={selected.id}
            profile={selected}
            onBack={() => {
              s.select(null);
              // Back in the list, on the row the person came from.
              focusRow(selected.name);
            }}
          />
        ) : (
          <p className="muted details-placeholder">{tr.t('details.none')}</p>
        )}
      </div>
    </div>
  );
}
