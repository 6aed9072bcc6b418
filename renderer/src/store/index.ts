/**
 * The renderer's store: a read-only replica of main's state (the snapshot slice) plus UI-local state
 * (the view slice). Main is the source of truth: the snapshot arrives by invoke at start and by push
 * events after; a push older than what we hold is ignored.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { StateCreator } from 'zustand';
import type { Snapshot } from '../../../preload/contract';

export interface SnapshotSlice {
  snapshot: Snapshot | null;
  loadError: string | null;
  applySnapshot(next: Snapshot): void;
  setLoadError(message: string): void;
}

export interface ViewSlice {
  filter: string;
  setFilter(filter: string): void;
}

export type AppState = SnapshotSlice & ViewSlice;

const snapshotSlice: StateCreator<AppState, [], [], SnapshotSlice> = (set, get) => ({
  snapshot: null,
  loadError: null,
  applySnapshot(next) {
    const current = get().snapshot;
    if (current && next.version < current.version) return;
    set({ snapshot: next, loadError: null });
  },
  setLoadError(message) {
    set({ loadError: message });
  },
});

const viewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  filter: '',
  setFilter(filter) {
    set({ filter });
  },
});

export const appStore = createStore<AppState>()((...a) => ({ ...snapshotSlice(...a), ...viewSlice(...a) }));

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Loads the first snapshot and follows pushes. Returns the unsubscribe function. */
export function connectStore(api: Window['akvault']): () => void {
  const off = api.onSnapshot((s) => appStore.getState().applySnapshot(s));
  api.getSnapshot().then(
    (s) => appStore.getState().applySnapshot(s),
    (e: unknown) => appStore.getState().setLoadError(e instanceof Error ? e.message : 'Could not load profiles.'),
  );
  return off;
}
