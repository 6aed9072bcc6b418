/**
 * The profile list, virtualised: only the rows in view (plus a few) exist in the DOM, so 5,000
 * profiles scroll and filter smoothly. Rows are measured (they wrap at high zoom). Arrow keys move
 * between profiles (scrolling the next one into existence first), Home/End jump to the ends.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import type { ListRow } from '../lib/profiles';
import { chainLabel, walkChain } from '../lib/chain';
import { useT } from '../i18n/useT';
import { useApp } from '../store';
import { ProfileRow } from './ProfileRow';

interface ProfileListProps {
  rows: readonly ListRow[];
  /** How many of the rows are profiles (the rest are group headers). */
  profileCount: number;
}

export function ProfileList({ rows, profileCount }: ProfileListProps) {
  const tr = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const { index, defaultProfile, selectedId, select, margin } = useApp(
    useShallow((s) => ({
      index: s.index,
      defaultProfile: s.snapshot?.defaultProfile ?? null,
      selectedId: s.selectedId,
      select: s.select,
      margin: s.snapshot?.settings.refreshMarginSeconds ?? 600,
    })),
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.type === 'group' ? 36 : 64),
    getItemKey: (i) => rows[i]!.key,
    overscan: 6,
  });
  const onSelect = useCallback((id: string) => select(id), [select]);

  // Position among profiles (not headers), for aria-posinset.
  const positions = useMemo(() => {
    const map = new Map<number, number>();
    let n = 0;
    rows.forEach((r, i) => {
      if (r.type === 'profile') map.set(i, ++n);
    });
    return map;
  }, [rows]);

  const focusRow = (i: number) => {
    const row = rows[i];
    if (!row || row.type !== 'profile') return;
    virtualizer.scrollToIndex(i, { align: 'auto' });
    const tryFocus = (attempt: number) => {
      const el = scroller.current?.querySelector<HTMLElement>(`[data-index="${i}"] [data-row-focus]`);
      if (el) el.focus();
      else if (attempt < 5) requestAnimationFrame(() => tryFocus(attempt + 1));
    };
    requestAnimationFrame(() => tryFocus(0));
  };
  const step = (from: number, dir: 1 | -1) => {
    for (let i = from + dir; i >= 0 && i < rows.length; i += dir) if (rows[i]!.type === 'profile') return i;
    return -1;
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (!target.matches('[data-row-focus]')) return;
    const at = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index ?? -1);
    const moves: Record<string, () => number> = {
      ArrowDown: () => step(at, 1),
      ArrowUp: () => step(at, -1),
      Home: () => step(-1, 1),
      End: () => step(rows.length, -1),
    };
    const move = moves[e.key];
    if (!move) return;
    const next = move();
    e.preventDefault();
    if (next >= 0) focusRow(next);
  };

  return (
    <div ref={scroller} className="profile-scroller" data-testid="profile-scroller">
      <ul
        className="profile-list"
        aria-label={tr.t('profiles.listLabel', { count: profileCount })}
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={row.type === 'group' ? 'list-group' : 'list-item'}
              style={{ transform: `translateY(${item.start}px)` }}
              aria-setsize={row.type === 'profile' ? profileCount : undefined}
              aria-posinset={row.type === 'profile' ? positions.get(item.index) : undefined}
            >
              {row.type === 'group' ? (
                <h3 className="group-title">
                  {row.account ?? tr.t('profiles.noAccount')} <span className="muted">({row.count})</span>
                </h3>
              ) : (
                <ProfileRow
                  profile={row.profile}
                  session={index.sessionByName.get(row.profile.name)}
                  alarms={index.alarmsByName.get(row.profile.name)}
                  isDefault={row.profile.name === defaultProfile}
                  selected={row.profile.id === selectedId}
                  chain={row.profile.kind === 'agency' ? chainLabel(walkChain(row.profile, index.byId)).split(' ← ').slice(1).join(' ← ') : undefined}
                  soonBelowMs={margin * 1000}
                  onSelect={onSelect}
                />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
