/** The pending MFA request (browser UI: the page asks for the passcode itself). Who asks, never a code. */
import type { StateCreator } from 'zustand';
import type { MfaRequestView } from '../../../../preload/contract';
import type { AppState } from '../types';

export interface MfaSlice {
  mfaPending: MfaRequestView | null;
  setMfaPending(pending: MfaRequestView | null): void;
}

export const createMfaSlice: StateCreator<AppState, [], [], MfaSlice> = (set) => ({
  mfaPending: null,
  setMfaPending: (mfaPending) => set({ mfaPending }),
});
