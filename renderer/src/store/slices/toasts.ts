/**
 * UI-local: short messages after an action ("copied, clears in 45 s", "saved", an error). A toast
 * holds a catalogue key and params (or an error view), never text, so it follows a language switch.
 */
import type { StateCreator } from 'zustand';
import type { ErrorView } from '../../../../preload/contract';
import type { MessageKey, Params } from '../../../../i18n';
import type { AppState } from '../types';

export type ToastMessage = { key: MessageKey; params?: Params } | { error: ErrorView };

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  message: ToastMessage;
  /** Copy toasts: when main clears the clipboard (epoch ms); the toast counts down to it. */
  clearsAt?: number;
}

export interface ToastsSlice {
  toasts: Toast[];
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
}

let nextId = 1;
const MAX_TOASTS = 4;

export const createToastsSlice: StateCreator<AppState, [], [], ToastsSlice> = (set) => ({
  toasts: [],
  pushToast(toast) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
});
