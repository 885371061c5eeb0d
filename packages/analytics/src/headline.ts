/**
 * "How is my shop doing now": orders, revenue, average order value and conversion for the filters'
 * period, each beside the previous period of the same length, just before it, and the change.
 */
import { type Cells, summaryAggregates } from './aggregates.ts';
import { CHECKOUTS, conversionFromCells } from './definitions.ts';
import type { Filters, MetricOptions, Rate } from './filters.ts';
import { sumCells } from './group.ts';
import type { CheckoutSummary } from './types.ts';

/** A figure of the period beside the previous one. */
export interface Comparison {
  /** Null when there is nothing to measure (an average of no orders). */
  readonly current: number | null;
  /** Null without a previous period (no `from` in the filters) or nothing to measure in it. */
  readonly previous: number | null;
  /** current / previous − 1 (0.25 for +25 %); null when either is null or previous is 0. */
  readonly change: number | null;
  /** current − previous (for a rate, in percentage points as a fraction: 0.02 = +2 pp); null when either is null. */
  readonly difference: number | null;
}

/** [from, to) in epoch ms; `from` null when the filters start at the beginning of the data. */
export interface Period {
  readonly from: number | null;
  readonly to: number;
}

export interface PeriodFigures {
  /** Decided checkouts begun in the period that were paid within the window. */
  readonly orders: number;
  /** Σ of their purchase values (minor units, VAT and shipping included). */
  readonly revenue: number;
  /** revenue / orders (minor units); null without orders. */
  readonly averageOrderValue: number | null;
  /** orders / decided checkouts, with the checkouts still pending. */
  readonly conversion: Rate;
}

export interface PeriodComparison {
  readonly period: Period;
  /** Same length, ending where `period` starts; null when the period has no start. */
  readonly previousPeriod: { readonly from: number; readonly to: number } | null;
  readonly orders: Comparison;
  readonly revenue: Comparison;
  readonly averageOrderValue: Comparison;
  readonly conversion: Comparison;
}

/**
 * The previous period of the filters' range: as long as [from, to) (`to` defaulting to `now`), just
 * before `from`; null without `from`.
 *
 * @example
 * previousPeriod({ from: Date.UTC(2026, 0, 8), to: Date.UTC(2026, 0, 15) }, now);
 * // { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 8) }
 */
export function previousPeriod(filters: Filters, now: number): { from: number; to: number } | null {
  if (filters.from === undefined) return null;
  const length = (filters.to ?? now) - filters.from;
  return length > 0 ? { from: filters.from - length, to: filters.from } : null;
}

/**
 * Orders, revenue, average order value and conversion of decided checkouts from cells of begun
 * checkouts (any grouping, summed).
 *
 * @example
 * periodFigures(await aggregates.cells(CHECKOUTS, { now }));
 * // { orders: 2, revenue: 50_000, averageOrderValue: 25_000, conversion: { count: 2, total: 5, rate: 0.4, pending: 1 } }
 */
export function periodFigures(cells: Cells): PeriodFigures {
  const { conversions, revenue } = sumCells(cells.cells);
  return {
    orders: conversions,
    revenue,
    averageOrderValue: conversions ? revenue / conversions : null,
    conversion: conversionFromCells(cells),
  };
}

/**
 * One figure beside the previous one.
 *
 * @example
 * compare(120, 100); // { current: 120, previous: 100, change: 0.2, difference: 20 }
 */
export function compare(current: number | null, previous: number | null): Comparison {
  const both = current !== null && previous !== null;
  return {
    current,
    previous,
    change: both && previous !== 0 ? current / previous - 1 : null,
    difference: both ? current - previous : null,
  };
}

/**
 * The headline comparison: the figures of the period's cells beside those of the previous period
 * (null when there is none).
 *
 * @example
 * const previous = previousPeriod(filters, now);
 * periodComparison(current, previous && (await aggregates.cells(CHECKOUTS, { now, filters: { ...filters, ...previous } })), filters, now, previous);
 */
export function periodComparison(
  current: Cells,
  previous: Cells | null,
  filters: Filters,
  now: number,
  previousRange: { readonly from: number; readonly to: number } | null,
): PeriodComparison {
  const a = periodFigures(current);
  const b = previous && previousRange ? periodFigures(previous) : null;
  return {
    period: { from: filters.from ?? null, to: filters.to ?? now },
    previousPeriod: b ? previousRange : null,
    orders: compare(a.orders, b?.orders ?? null),
    revenue: compare(a.revenue, b?.revenue ?? null),
    averageOrderValue: compare(a.averageOrderValue, b?.averageOrderValue ?? null),
    conversion: compare(a.conversion.rate, b?.conversion.rate ?? null),
  };
}

/**
 * The headline comparison over summaries in memory (what `dashboardReport` computes from aggregates).
 *
 * @example
 * headlineComparison(summaries, { now, filters: { from: Date.UTC(2026, 0, 8), to: Date.UTC(2026, 0, 15) } }).orders;
 * // { current: 120, previous: 100, change: 0.2, difference: 20 }
 */
export function headlineComparison(
  summaries: readonly CheckoutSummary[],
  options: MetricOptions,
): PeriodComparison {
  const aggregates = summaryAggregates(summaries);
  const filters = options.filters ?? {};
  const before = previousPeriod(filters, options.now);
  const previous = before
    ? aggregates.cells(CHECKOUTS, { ...options, filters: { ...filters, ...before } })
    : null;
  return periodComparison(aggregates.cells(CHECKOUTS, options), previous, filters, options.now, before);
}
