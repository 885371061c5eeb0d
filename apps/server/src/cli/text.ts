/**
 * Numbers for terminal output in the two languages Kasa speaks. Polish groups thousands with plain
 * spaces (a terminal shows them everywhere) and writes a decimal comma.
 */
import { formatDecimal } from '@kasa/analytics';
import type { Locale } from '@kasa/core';

/** The CLI's language: one of core's locales. */
export type Lang = Locale;

/**
 * An integer with thousands grouped.
 *
 * @example
 * groupDigits(20000); // '20 000'
 * groupDigits(20000, 'en'); // '20,000'
 */
export const groupDigits = (n: number, lang: Lang = 'pl'): string => {
  const digits = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'pl' ? ' ' : ',');
  return n < 0 ? `-${digits}` : digits;
};

/**
 * A share as a percentage with one decimal; '–' for none.
 *
 * @example
 * percent(0.4507, 'pl'); // '45,1%'
 */
export const percent = (share: number | null, lang: Lang, digits = 1): string =>
  share === null || !Number.isFinite(share) ? '–' : `${formatDecimal(share * 100, digits, lang)}%`;

/**
 * A signed relative change, e.g. a lift.
 *
 * @example
 * signedPercent(0.0076, 'en'); // '+0.8%'
 */
export const signedPercent = (change: number | null, lang: Lang): string =>
  change === null || !Number.isFinite(change) ? '–' : `${change > 0 ? '+' : ''}${percent(change, lang)}`;

/**
 * Minor units (grosze) as złoty.
 *
 * @example
 * money(123456, 'pl'); // '1 234,56 zł'
 * money(123456, 'en'); // 'PLN 1,234.56'
 */
export function money(minor: number, lang: Lang): string {
  const rounded = Math.round(minor);
  const whole = groupDigits(Math.trunc(rounded / 100), lang);
  const cents = String(Math.abs(rounded % 100)).padStart(2, '0');
  const sign = rounded < 0 && whole[0] !== '-' ? '-' : '';
  return lang === 'pl' ? `${sign}${whole},${cents} zł` : `PLN ${sign}${whole}.${cents}`;
}

/**
 * Milliseconds as minutes and seconds (hours from 1 h).
 *
 * @example
 * duration(150_865); // '2 min 31 s'
 */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/**
 * Milliseconds as seconds with one decimal, for timings.
 *
 * @example
 * seconds(12_345); // '12.3 s'
 */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The UTC calendar date of an instant. */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
