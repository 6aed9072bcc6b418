/**
 * Translation helpers shared by the views: one cached translator per locale, errors by code with
 * the English message as fallback, and a typed way to build a key from parts.
 */
import { catalogues, createTranslator, type Locale, type MessageKey, type Translator } from '../../../i18n';
import type { ErrorView } from '../../../preload/contract';
import { errorParams } from '../lib/errors';

const cache = new Map<Locale, Translator>();

export function translatorFor(locale: Locale): Translator {
  let tr = cache.get(locale);
  if (!tr) {
    tr = createTranslator(locale);
    cache.set(locale, tr);
  }
  return tr;
}

const en = catalogues.en;

/** True when the catalogue has the key (or its plural forms). */
export function hasKey(key: string): key is MessageKey {
  return key in en || `${key}_other` in en;
}

/** The placeholders a message needs (for a plural stem, those of its `_other` form). */
function placeholders(key: string): string[] {
  const text = en[key] ?? en[`${key}_other`] ?? '';
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
}

/**
 * An error from main in the person's language: by code when the catalogue knows it and main sent
 * every param the message needs, else main's English text.
 */
export function translateError(tr: Translator, view: ErrorView): string {
  const key = `errors.${view.code}`;
  if (!hasKey(key)) return view.message;
  const params: Record<string, string | number> = { ...errorParams(view), message: view.message };
  if (placeholders(key).some((p) => !(p in params))) return view.message;
  return tr.t(key, params);
}

/** A key made from parts (`kind.${kind}`), checked against the catalogue at run time. */
export function keyOf(key: string): MessageKey {
  return (hasKey(key) ? key : 'common.unknown') as MessageKey;
}
