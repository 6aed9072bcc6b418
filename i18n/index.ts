/**
 * The message catalogue and translator shared by every surface a person sees: the window, the
 * browser UI, the tray menu, tooltips, notifications and the MFA prompt. Neutral ground (top-level i18n/, beside the contract): main imports it for the tray
 * and notifications; the renderer for the window. Plain i18next (plural rules, interpolation) with
 * dates, relative times and durations formatted through Intl for the active locale.
 *
 * Keys are flat dotted names (`tray.quit`); en.json is the source of truth and a unit test checks every
 * other catalogue has exactly its keys.
 */
import { createInstance, type i18n as I18n } from 'i18next';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
type CatalogueKey = keyof typeof en;
/** "tray.alarm.more" for the plural forms "tray.alarm.more_one" / "_other" (i18next picks one from `count`). */
type PluralStem<K> = K extends `${infer Stem}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Stem : never;
export type MessageKey = CatalogueKey | PluralStem<CatalogueKey>;
export type Params = Record<string, string | number>;

export const catalogues: Record<Locale, Record<string, string>> = { en, 'zh-CN': zhCN };

/** Picks a supported locale from an OS/browser locale list ("zh-Hans-CN", "zh_CN.UTF-8", "en-GB" …). */
export function matchLocale(requested: readonly (string | undefined)[]): Locale {
  for (const raw of requested) {
    if (!raw) continue;
    // "zh_CN.UTF-8" (POSIX) → "zh-cn"; "zh-Hans-CN" (BCP 47) → "zh-hans-cn".
    const tag = raw.split('.')[0]!.replace(/_/g, '-').toLowerCase();
    // Traditional-script Chinese readers are better served by English than by Simplified text.
    if (tag.startsWith('zh')) return /-(hant|tw|hk|mo)\b/.test(tag) ? 'en' : 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, params?: Params): string;
  /** "in 42 min", "3 h 5 min ago" … for a duration from now. */
  relative(ms: number): string;
  /** "1 h 05 min" style countdown for a remaining duration. */
  duration(ms: number): string;
  /** Date and time in the locale's format. */
  dateTime(iso: string | number): string;
}

export function createTranslator(locale: Locale): Translator {
  const instance: I18n = createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    initAsync: false,
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const dtf = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    locale,
    t: (key, params) => instance.t(key, params ?? {}),
    relative(ms) {
      const abs = Math.abs(ms);
      if (abs < 60_000) return rtf.format(Math.round(ms / 1000), 'second');
      if (abs < 3600_000) return rtf.format(Math.round(ms / 60_000), 'minute');
      if (abs < 86_400_000) return rtf.format(Math.round(ms / 3600_000), 'hour');
      return rtf.format(Math.round(ms / 86_400_000), 'day');
    },
    duration(ms) {
      const total = Math.max(0, Math.floor(ms / 60_000));
      const h = Math.floor(total / 60);
      const m = total % 60;
      return h > 0 ? instance.t('time.hoursMinutes', { h, m }) : instance.t('time.minutes', { count: m });
    },
    dateTime: (iso) => dtf.format(typeof iso === 'number' ? iso : Date.parse(iso)),
  };
}
