/** UI-local: the profile list's search text, kind and state filters, and grouping. */
import type { StateCreator } from 'zustand';
import type { KindFilter, StateFilter } from '../../lib/profiles';
import type { AppState } from '../types';

export interface FiltersSlice {
  filterText: string;
  filterKind: KindFilter;
  filterState: StateFilter;
  groupByAccount: boolean;
  setFilterText(text: string): void;
  setFilterKind(kind: KindFilter): void;
  setFilterState(state: StateFilter): void;
  setGroupByAccount(on: boolean): void;
  clearFilters(): void;
}

export const createFiltersSlice: StateCreator<AppState, [], [], FiltersSlice> = (set) => ({
  filterText: '',
  filterKind: 'all',
  filterState: 'all',
  groupByAccount: true,
  setFilterText: (filterText) => set({ filterText }),
  setFilterKind: (filterKind) => set({ filterKind }),
  setFilterState: (filterState) => set({ filterState }),
  setGroupByAccount: (groupByAccount) => set({ groupByAccount }),
  clearFilters: () => set({ filterText: '', filterKind: 'all', filterState: 'all' }),
});
