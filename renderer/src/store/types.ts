import type { FiltersSlice } from './slices/filters';
import type { MfaSlice } from './slices/mfa';
import type { SnapshotSlice } from './slices/snapshot';
import type { ToastsSlice } from './slices/toasts';
import type { UiSlice } from './slices/ui';

/** The whole store: main's state (snapshot) plus UI-local slices. Never a secret in any of them. */
export type AppState = SnapshotSlice & FiltersSlice & UiSlice & ToastsSlice & MfaSlice;
