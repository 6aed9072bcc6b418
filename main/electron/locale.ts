/**
 * The language the tray, notifications and the MFA prompt speak: the user's choice in settings, or
 * the OS's preferred languages when it is "system". Translators are built once per locale.
 */
import { createTranslator, matchLocale, type Locale, type Translator } from '../../i18n';
import type { Settings } from '../core/settings';

export function resolveLocale(preference: Settings['language'], systemLocales: readonly string[]): Locale {
  return preference === 'system' ? matchLocale(systemLocales) : preference;
}

export class Translators {
  private readonly cache = new Map<Locale, Translator>();
  get(locale: Locale): Translator {
    let t = this.cache.get(locale);
    if (!t) {
      t = createTranslator(locale);
      this.cache.set(locale, t);
    }
    return t;
  }
}
