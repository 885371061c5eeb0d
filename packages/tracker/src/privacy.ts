import { looksLikeContact, looksLikeEmail } from '@kasa/core';

const BLIK = /^\d{3}[\s-]?\d{3}$/;
/** Order numbers and SKUs are often plain digits: for them only the e-mail shape is refused. */
const IDENTIFIER = /(^|\.)(item_id|transaction_id)$/;

/**
 * Whether a string holds an e-mail or a phone number (core's `looksLikeContact`: nine digits in a
 * row, separators ignored) or is a 6-digit BLIK code. `identifier` strings (order numbers, SKUs)
 * are checked for e-mails only.
 *
 * @example looksPersonal('512 345 678'); // true
 */
export function looksPersonal(value: string, identifier = false): boolean {
  if (identifier) return looksLikeEmail(value);
  return looksLikeContact(value) || BLIK.test(value.trim());
}

/**
 * The path of the first string param that looks like personal data, or undefined. The last line
 * of defence: the widget never puts such values into events in the first place.
 *
 * @example personalParam({ items: [{ item_id: 'jan@example.pl' }] }); // 'items.0.item_id'
 */
export function personalParam(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return looksPersonal(value, IDENTIFIER.test(path)) ? path : undefined;
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = personalParam(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}
