/**
 * Small pure readings of the report that several sections share: a KR value in its unit, the
 * checkouts still needed, the sources seen. Tested in derive.test.ts.
 */
import { roughly } from '@kasa/analytics';
import { formatCount, formatDuration, formatRate, type Locale } from './format.ts';
import type { Messages } from './messages.ts';
import type { DashboardReport, VariantResult } from './report.ts';

/** A key result's value in its unit: a duration for the time metric, else a percentage. */
export const formatMetric = (metric: string, value: number | null, lang: Locale): string =>
  metric === 'median_time_to_purchase' ? formatDuration(value) : formatRate(value, lang);

/**
 * How many more checkouts a treatment needs before a decision, in words ('—' for the control).
 *
 * @example remainingText(variant, MESSAGES.pl, 'pl'); // 'jeszcze około 3 400 checkoutów'
 */
export function remainingText(variant: VariantResult, m: Messages, lang: Locale): string {
  const more = variant.remaining?.more;
  if (variant.remaining === null) return '—';
  if (more === null || more === undefined) return m.experiments.noComparison;
  if (more <= 0) return m.experiments.enough;
  const about = roughly(more);
  return m.experiments.aboutMore(about, formatCount(about, lang));
}

/** Sources seen so far, so the source filter still offers the others while one is chosen. */
export function mergeSources(known: readonly string[], report: DashboardReport): readonly string[] {
  const seen = new Set(known);
  for (const row of [...report.channels.firstTouch, ...report.channels.lastTouch]) {
    if (row.sessions > 0) seen.add(row.source);
  }
  return seen.size === known.length ? known : [...seen].sort();
}
