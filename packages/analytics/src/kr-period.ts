/**
 * A key result's period as the merchant reads it, one formatter for the dashboard and `kasa report`:
 * the period's `to` is exclusive, so the last day shown is the day before it.
 */
import { DAY_MS } from './filters.ts';
import type { Locale } from './format.ts';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The last day a period ending (exclusively) at `to` includes, as epoch ms of its UTC midnight: a period
 * to 1 Jan includes 31 Dec; one ending at 12:00 includes that day.
 *
 * @example
 * lastIncludedDay(Date.UTC(2027, 0, 1)); // Date.UTC(2026, 11, 31)
 */
export function lastIncludedDay(to: number): number {
  return Math.floor((to - 1) / DAY_MS) * DAY_MS;
}

interface Day {
  readonly d: number;
  readonly m: number;
  readonly y: number;
}

const dayOf = (ms: number): Day => {
  const date = new Date(ms);
  return { d: date.getUTCDate(), m: date.getUTCMonth(), y: date.getUTCFullYear() };
};

/**
 * A key result's period from its first to its last included day (UTC): '1.10–31.12.2026' in Polish,
 * '1 Oct–31 Dec 2026' in English; the first year is written too when the period crosses one.
 *
 * @example
 * krPeriodText({ from: Date.UTC(2026, 9, 1), to: Date.UTC(2027, 0, 1) }, 'pl'); // '1.10–31.12.2026'
 * krPeriodText({ from: Date.UTC(2026, 9, 1), to: Date.UTC(2027, 0, 1) }, 'en'); // '1 Oct–31 Dec 2026'
 */
export function krPeriodText(period: { readonly from: number; readonly to: number }, locale: Locale): string {
  const first = dayOf(period.from);
  const last = dayOf(Math.max(period.from, lastIncludedDay(period.to)));
  const sameYear = first.y === last.y;
  if (locale === 'pl') {
    const pl = (x: Day, year: boolean) =>
      `${x.d}.${String(x.m + 1).padStart(2, '0')}${year ? `.${x.y}` : ''}`;
    return `${pl(first, !sameYear)}–${pl(last, true)}`;
  }
  const en = (x: Day, year: boolean) => `${x.d}\u00a0${MONTHS_EN[x.m]}${year ? `\u00a0${x.y}` : ''}`;
  return `${en(first, !sameYear)}–${en(last, true)}`;
}
