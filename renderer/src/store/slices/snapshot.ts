/**
 * The replica of main's state. Main is the source of truth: the first snapshot comes by invoke, later
 * ones by push; a snapshot older than the one held is ignored. Lookup maps are built once per
 * snapshot here, so selectors hand out stable references.
 */
import type { StateCreator } from 'zustand';
import type { ErrorView, Snapshot } from '../../../../preload/contract';
import { indexSnapshot, type SnapshotIndex } from '../../lib/profiles';
import type { AppState } from '../types';

export interface SnapshotSlice {
  snapshot: Snapshot | null;
  index: SnapshotIndex;
  loadError: ErrorView | null;
  applySnapshot(next: Snapshot): void;
  setLoadError(error: ErrorView): void;
}

export const EMPTY_INDEX: SnapshotIndex = indexSnapshot([], [], []);

export const createSnapshotSlice: StateCreator<AppState, [], [], SnapshotSlice> = (set, get) => ({
  snapshot: null,
  index: EMPTY_INDEX,
  loadError: null,
  applySnapshot(next) {
    const { snapshot: current, pendingLanguage } = get();
    if (current && next.version <= current.version) return;
    const sameProfiles = current && current.profiles === next.profiles && current.sessions === next.sessions && current.alarms === next.alarms;
    const index = sameProfiles ? get().index : indexSnapshot(next.profiles, next.sessions, next.alarms);
    // The language the person just picked is now main's: stop overriding.
    const languageSettled = pendingLanguage !== null && next.settings.language === pendingLanguage;
    set({ snapshot: next, index, loadError: null, ...(languageSettled ? { pendingLanguage: null, languageOverride: null } : {}) });
  },
  setLoadError(error) {
    set({ loadError: error });
  },
});
