/**
 * The headline checkout metrics, one definition each (also written out in the package README). Each is
 * computed from aggregates (`…FromCells`, `paymentFailureRowsFrom`); the summary-based functions read
 * the aggregates of summaries in memory, and take the same options, so a dashboard passes one object
 * to all of them.
 */
import { PAYMENT_KIND_ORDER, type PaymentKind } from '@kasa/core';
import { type CellQuery, type Cells, type PaymentTally, summaryAggregates } from './aggregates.ts';
import { type MetricOptions, type Rate, rate } from './filters.ts';
import { sumCells } from './group.ts';
import type { CheckoutSummary } from './types.ts';

/** Every decided checkout (or cart, for base 'cart') in one cell. */
export const CHECKOUTS: CellQuery = { base: 'checkout', groupBy: [] };
export const CARTS: CellQuery = { base: 'cart', groupBy: [] };

/**
 * Abandonment: decided checkouts (or carts, by the query's base) without a purchase within the window,
 * out of all decided ones; cells of any grouping add up to it.
 *
 * @example
 * abandonmentFromCells({ cells: [{ key: {}, checkouts: 200, conversions: 60, revenue: 0, revenueSumSquares: 0 }], pending: 12, windowMs });
 * // { count: 140, total: 200, rate: 0.7, pending: 12 }
 */
export function abandonmentFromCells({ cells, pending }: Cells): Rate {
  const { checkouts, conversions } = sumCells(cells);
  return rate(checkouts - conversions, checkouts, pending);
}

/**
 * Conversion = 1 − abandonment, over the same decided checkouts.
 *
 * @example
 * conversionFromCells(cells).rate; // 0.3
 */
export function conversionFromCells({ cells, pending }: Cells): Rate {
  const { checkouts, conversions } = sumCells(cells);
  return rate(conversions, checkouts, pending);
}

/**
 * Cart abandonment: carts viewed without a purchase within the window after the first cart view, out of
 * carts viewed. Carts viewed less than `windowMs` before `now` are pending.
 *
 * @example
 * cartAbandonmentRate(summaries, { now }).rate; // 0.7 (Baymard's average is about 70%)
 */
export function cartAbandonmentRate(summaries: readonly CheckoutSummary[], options: MetricOptions): Rate {
  return abandonmentFromCells(summaryAggregates(summaries).cells(CARTS, options));
}

/**
 * Checkout abandonment: checkouts begun without a purchase within the window (default 24 h), out of
 * checkouts begun. Checkouts begun less than `windowMs` before `now` are pending (not yet decided).
 *
 * @example
 * checkoutAbandonmentRate(summaries, { now, windowMs: 48 * HOUR_MS }); // { count: 140, total: 200, rate: 0.7, pending: 12 }
 */
export function checkoutAbandonmentRate(summaries: readonly CheckoutSummary[], options: MetricOptions): Rate {
  return abandonmentFromCells(summaryAggregates(summaries).cells(CHECKOUTS, options));
}

/**
 * Checkout conversion = 1 − checkout abandonment, over the same decided checkouts.
 *
 * @example
 * checkoutConversionRate(summaries, { now }).rate; // 0.3
 */
export function checkoutConversionRate(summaries: readonly CheckoutSummary[], options: MetricOptions): Rate {
  return conversionFromCells(summaryAggregates(summaries).cells(CHECKOUTS, options));
}

/**
 * Median time from the start of checkout to the purchase, over every purchased checkout that passes
 * the filters (the window does not apply: a time is known once the purchase is).
 *
 * @example
 * medianTimeToPurchase(summaries, { now }); // { medianMs: 154000, count: 61 }
 */
export function medianTimeToPurchase(
  summaries: readonly CheckoutSummary[],
  options: MetricOptions,
): { readonly medianMs: number | null; readonly count: number } {
  return summaryAggregates(summaries).timeToPurchase(options);
}

export interface PaymentFailureRow {
  readonly method: PaymentKind | 'all';
  /** Payments whose outcome is known: failures + purchases. */
  readonly attempts: number;
  readonly failures: number;
  /** failures / attempts; null without attempts. */
  readonly rate: number | null;
  /** Failures with reason `blik_code_rejected` (the bank or the shopper declined the code). */
  readonly blikRejected: number;
  /** Failures with reason `blik_timeout` (not confirmed in the banking app in time). */
  readonly blikTimeouts: number;
  readonly otherFailures: number;
}

export interface PaymentFailureRows {
  /** In `PAYMENT_KIND_ORDER`, methods with attempts only. */
  readonly methods: readonly PaymentFailureRow[];
  /** Every attempt, purchases of an unknown method too. */
  readonly total: PaymentFailureRow;
}

const failureRow = (method: PaymentKind | 'all', t: Omit<PaymentTally, 'method'>): PaymentFailureRow => ({
  method,
  attempts: t.attempts,
  failures: t.failures,
  rate: t.attempts > 0 ? t.failures / t.attempts : null,
  blikRejected: t.blikRejected,
  blikTimeouts: t.blikTimeouts,
  otherFailures: t.failures - t.blikRejected - t.blikTimeouts,
});

/**
 * Payment failure rows from the tallies per method, and their total.
 *
 * @example
 * paymentFailureRowsFrom([{ method: 'blik', attempts: 120, failures: 12, blikRejected: 8, blikTimeouts: 3 }]).methods[0];
 * // { method: 'blik', attempts: 120, failures: 12, rate: 0.1, blikRejected: 8, blikTimeouts: 3, otherFailures: 1 }
 */
export function paymentFailureRowsFrom(tallies: readonly PaymentTally[]): PaymentFailureRows {
  const total = { attempts: 0, failures: 0, blikRejected: 0, blikTimeouts: 0 };
  for (const t of tallies) {
    total.attempts += t.attempts;
    total.failures += t.failures;
    total.blikRejected += t.blikRejected;
    total.blikTimeouts += t.blikTimeouts;
  }
  const methods = PAYMENT_KIND_ORDER.flatMap((method) => {
    const t = tallies.find((row) => row.method === method);
    return t && t.attempts > 0 ? [failureRow(method, t)] : [];
  });
  return { methods, total: failureRow('all', total) };
}

/**
 * Payment failure rate by method: failures / attempts, where an attempt is a payment with a known
 * outcome (a payment_failed event or the purchase), so a shopper who left while paying is not counted.
 * Counts every filtered checkout: an outcome is known within minutes, so no window applies. A purchase
 * counts for its payment_type, else for the method last chosen.
 *
 * @example
 * paymentFailureRates(summaries, { now }).methods.find((r) => r.method === 'blik');
 * // { method: 'blik', attempts: 120, failures: 12, rate: 0.1, blikRejected: 8, blikTimeouts: 3, otherFailures: 1 }
 */
export function paymentFailureRates(
  summaries: readonly CheckoutSummary[],
  options: MetricOptions,
): PaymentFailureRows {
  return paymentFailureRowsFrom(summaryAggregates(summaries).paymentTallies(options));
}
