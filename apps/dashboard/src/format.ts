/**
 * Numbers as the merchant reads them, in Polish or English: money in złoty from grosze, shares as
 * percentages with one decimal, durations, p-values and dates. Pure: tested in format.test.ts.
 * Written out rather than taken from Intl, whose Polish locale leaves 4-digit numbers ungrouped.
 */
import { formatCount, type Locale } from '@kasa/analytics';

export type { Locale };
export { formatCount };

const NBSP = '\u00a0';
const MINUS = '−';

/** Groups the integer part and uses the locale's decimal separator: 1234.5 → '1 234,50' / '1,234.50'. */
export function formatNumber(x: number, digits: number, locale: Locale): string {
  const [whole = '0', fraction] = Math.abs(x).toFixed(digits).split('.');
  const grouped = formatCount(Number(whole), locale);
  const text = fraction === undefined ? grouped : `${grouped}${locale === 'pl' ? ',' : '.'}${fraction}`;
  // No "−0,0" for a value that rounds to zero.
  return x < 0 && /[1-9]/.test(text) ? `${MINUS}${text}` : text;
}

/**
 * Grosze as złoty: '1 234,56 zł' in Polish, 'PLN 1,234.56' in English.
 *
 * @example
 * formatMoney(123456, 'pl'); // '1 234,56 zł' (no-break spaces)
 * formatMoney(123456, 'en'); // 'PLN 1,234.56'
 */
export function formatMoney(grosze: number, locale: Locale): string {
  const amount = formatNumber(grosze / 100, 2, locale);
  return locale === 'pl' ? `${amount}${NBSP}zł` : `PLN${NBSP}${amount}`;
}

/**
 * A share (0.642) as a percentage with `digits` decimals: '64,2%' / '64.2%'. Above 0 but rounding to
 * 0 shows '<0,1%', so a rare event is not read as none.
 */
export function formatShare(share: number, locale: Locale, digits = 1): string {
  const smallest = 10 ** -digits;
  if (share > 0 && share * 100 < smallest / 2) return `<${formatNumber(smallest, digits, locale)}%`;
  return `${formatNumber(share * 100, digits, locale)}%`;
}

/** A rate that may be missing (nothing to measure): '—'. */
export const formatRate = (rate: number | null, locale: Locale, digits = 1): string =>
  rate === null ? '—' : formatShare(rate, locale, digits);

/** A relative change with its sign: +12,3% / −4.0% ('0,0%' when it rounds to zero). */
export function formatSignedShare(x: number, locale: Locale, digits = 1): string {
  const text = `${formatNumber(Math.abs(x) * 100, digits, locale)}%`;
  return /[1-9]/.test(text) ? `${x < 0 ? MINUS : '+'}${text}` : text;
}

/**
 * Milliseconds as '2 min 34 s', '1 h 05 min' or '45 s' (same units in both languages).
 *
 * @example formatDuration(154_000); // '2 min 34 s'
 */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}${NBSP}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}${NBSP}min${NBSP}${String(seconds % 60).padStart(2, '0')}${NBSP}s`;
  return `${Math.floor(minutes / 60)}${NBSP}h${NBSP}${String(minutes % 60).padStart(2, '0')}${NBSP}min`;
}

/** A chance (to win) rounded down, so 0.99998 reads '99,9%' and never a certain-looking '100,0%'. */
export const formatChance = (chance: number, locale: Locale): string =>
  formatShare(Math.floor(chance * 1000 + 1e-9) / 1000, locale);

/** A p-value with 3 decimals, '< 0,001' below that. */
export const formatPValue = (p: number, locale: Locale): string =>
  p < 0.001 ? `<${NBSP}${formatNumber(0.001, 3, locale)}` : formatNumber(p, 3, locale);

/** Return on ad spend as a multiple: 8 → '8,0×'. */
export const formatRoas = (roas: number | null, locale: Locale): string =>
  roas === null ? '—' : `${formatNumber(roas, 1, locale)}×`;

/** Epoch ms as an ISO date (UTC), the value of an <input type="date">. */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const MONTHS: Readonly<Record<Locale, readonly string[]>> = {
  pl: ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** Epoch ms as a short UTC date: '5 sty 2026' / '5 Jan 2026'. */
export function formatDate(ms: number, locale: Locale): string {
  const d = new Date(ms);
  return `${d.getUTCDate()}${NBSP}${MONTHS[locale][d.getUTCMonth()]}${NBSP}${d.getUTCFullYear()}`;
}
