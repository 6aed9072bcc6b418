/**
 * The renderer's store: a vanilla zustand store (the contract's listeners write to it outside React)
 * made of slices — the snapshot replica of main's state, and UI-local filters, view/selection/dialog,
 * toasts and the pending MFA request. It never holds a secret: secrets typed into a form stay in that
 * form's local state and go straight to main.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AkvaultApi } from '../../../preload/contract';
import { errorViewOf } from '../lib/errors';
import { setApi } from '../api';
import { createFiltersSlice } from './slices/filters';
import { createMfaSlice } from './slices/mfa';
import { createSnapshotSlice } from './slices/snapshot';
import { createToastsSlice } from './slices/toasts';
import { createUiSlice } from './slices/ui';
import type { AppState } from './types';

export type { AppState } from './types';
export type { Dialog, ViewName, LanguagePreference } from './slices/ui';
export type { Toast, ToastMessage } from './slices/toasts';

export const appStore = createStore<AppState>()((...a) => ({
  ...createSnapshotSlice(...a),
  ...createFiltersSlice(...a),
  ...createUiSlice(...a),
  ...createToastsSlice(...a),
  ...createMfaSlice(...a),
}));

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

export interface ConnectOptions {
  /**
   * Ask main for an MFA request already waiting when the page opens. The browser UI does; the
   * Electron window does not (there the MFA prompt window answers, and only it hears about requests).
   */
  askPendingMfa?: boolean;
}

/** Loads the first snapshot and follows pushes (snapshots and MFA requests). Returns the unsubscribe function. */
export function connectStore(api: AkvaultApi, opts: ConnectOptions = {}): () => void {
  setApi(api);
  const state = () => appStore.getState();
  const offSnapshot = api.onSnapshot((s) => state().applySnapshot(s));
  const offMfa = api.onMfaRequest(({ pending }) => state().setMfaPending(pending));
  api.getSnapshot().then(
    (s) => state().applySnapshot(s),
    (e: unknown) => state().setLoadError(errorViewOf(e)),
  );
  if (opts.askPendingMfa) {
    api.mfaPending().then(
      (pending) => {
        if (pending) state().setMfaPending(pending);
      },
      () => undefined,
    );
  }
  return () => {
    offSnapshot();
    offMfa();
  };
}
