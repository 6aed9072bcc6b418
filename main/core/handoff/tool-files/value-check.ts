import { AkvaultError } from '../../errors';

/**
 * Values written into `key = value` files. Readers differ on quotes, inline comments (` #`, ` ;`),
 * escapes and surrounding spaces, so only values that every reader takes literally are written:
 * printable ASCII without spaces, quotes, backslashes, `#` or `;`. Keys, tokens, ids and endpoints
 * always fit; anything else is refused with the field's name (never its value).
 */
const PRINTABLE = /^[!-~]+$/;
const SPECIAL = /[#;'"`\\]/;

export function plainValue(field: string, fileLabel: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!PRINTABLE.test(value) || SPECIAL.test(value)) {
    throw new AkvaultError('validation', `The ${field} cannot be written to ${fileLabel}: it holds spaces or characters that file cannot carry.`, {
      params: { field },
      hint: 'Check the profile for a damaged value, or use the environment handoff instead.',
    });
  }
  return value;
}
