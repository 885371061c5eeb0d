/**
 * Numbers in the words of a verdict, in Polish and English. Written out rather than taken from Intl,
 * whose Polish locale leaves 4-digit numbers ungrouped and varies with the ICU build.
 */
export type Locale = 'pl' | 'en';

/** A sentence in both languages the dashboard speaks. */
export interface Text {
  readonly pl: string;
  readonly en: string;
}

/**
 * Rounds a count for "about N": to 2 significant digits from 100 up.
 *
 * @example
 * roughly(3412); // 3400
 * roughly(87); // 87
 */
export function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / step) * step;
}

/**
 * An integer with thousands grouped: a no-break space in Polish, a comma in English.
 *
 * @example
 * formatCount(3400, 'pl'); // '3\u00a0400'
 * formatCount(3400, 'en'); // '3,400'
 */
export function formatCount(n: number, locale: Locale): string {
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'pl' ? '\u00a0' : ',');
  return n < 0 ? `−${grouped}` : grouped;
}

/**
 * A share as a whole percent, rounded down so a verdict never overstates (0.975 → '97%').
 *
 * @example
 * formatPercent(0.9749); // '97%'
 */
export const formatPercent = (share: number): string => `${Math.floor(share * 100 + 1e-9)}%`;

/** A decimal with the locale's separator, e.g. 0.0012 → '0,0012' in Polish. */
export const formatDecimal = (x: number, digits: number, locale: Locale): string => {
  const text = x.toFixed(digits);
  return locale === 'pl' ? text.replace('.', ',') : text;
};

/**
 * The Polish noun form after a number: 1 checkout, 2–4 checkouty, 5 checkoutów (and 12–14 checkoutów).
 *
 * @example
 * polishPlural(3400, ['checkout', 'checkouty', 'checkoutów']); // 'checkoutów'
 */
export function polishPlural(n: number, [one, few, many]: readonly [string, string, string]): string {
  if (n === 1) return one;
  const tens = n % 100;
  return n % 10 >= 2 && n % 10 <= 4 && (tens < 12 || tens > 14) ? few : many;
}
