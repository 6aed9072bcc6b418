/**
 * The translator for the locale in effect: the snapshot's (main resolves settings.language against
 * the OS), or — just after the person picked a language, before main's next snapshot arrives — the
 * one they picked, so a language switch applies at once.
 */
import { matchLocale, type Locale, type Translator } from '../../../i18n';
import { useApp } from '../store';
import { translatorFor } from './translate';

const browserLocale: Locale = matchLocale(typeof navigator === 'undefined' ? [] : [...navigator.languages]);

export function useLocale(): Locale {
  return useApp((s) => s.languageOverride ?? s.snapshot?.locale ?? browserLocale);
}

export function useT(): Translator {
  return translatorFor(useLocale());
}
