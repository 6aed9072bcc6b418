/**
 * UI-local: which view is shown, which profile is selected, which dialog is open, and the language
 * the person just picked (shown at once, until main's snapshot carries it).
 */
import type { StateCreator } from 'zustand';
import type { Locale } from '../../../../i18n';
import type { AppState } from '../types';

export type ViewName = 'profiles' | 'import' | 'alarms' | 'audit' | 'settings' | 'diagnostics';
export type LanguagePreference = 'system' | Locale;

export type Dialog =
  | { type: 'add' }
  | { type: 'edit'; profileId: string }
  | { type: 'remove'; profileId: string }
  | { type: 'rotate'; profileId: string };

export interface UiSlice {
  view: ViewName;
  selectedId: string | null;
  dialog: Dialog | null;
  pendingLanguage: LanguagePreference | null;
  languageOverride: Locale | null;
  setView(view: ViewName): void;
  select(id: string | null): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  pickLanguage(language: LanguagePreference, resolved: Locale | null): void;
  dropLanguagePick(): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  view: 'profiles',
  selectedId: null,
  dialog: null,
  pendingLanguage: null,
  languageOverride: null,
  setView: (view) => set({ view }),
  select: (selectedId) => set({ selectedId }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  pickLanguage: (pendingLanguage, languageOverride) => set({ pendingLanguage, languageOverride }),
  dropLanguagePick: () => set({ pendingLanguage: null, languageOverride: null }),
});
