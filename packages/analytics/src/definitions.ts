/**
 * The headline checkout metrics, one definition each (also written out in the package README). Every
 * function takes the same options, so a dashboard passes one object to all of them.
 */
import { PAYMENT_KIND_ORDER, type PaymentKind } from '@kasa/core';
import {
  applyFilters,
  converted,
  convertedWithin,
  DEFAULT_WINDOW_MS,
  decidedCheckouts,
  type MetricOptions,
  type Rate,
  rate,
} from './filters.ts';
import type { CheckoutSummary } from './types.ts';

/**
 * Cart abandonment: carts viewed without a purchase within the window after the first cart view, out of
 * carts viewed. Carts viewed less than `windowMs` before `now` are pending.
 *
 * @example
 * cartAbandonmentRate(summaries, { now }).rate; // 0.7 (Baymard's average is about 70%)
 */
export function cartAbandonmentRate(summaries: readonly CheckoutSummary[], options: MetricOptions): Rate {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  let abandoned = 0;
  let total = 0;
  let pending = 0;
  for (const s of applyFilters(summaries, options.filters)) {
    if (!s.viewedCart || s.cartViewTs === null) continue;
    if (s.cartViewTs + windowMs > options.now) pending += 1;
    else {
      total += 1;
      if (!convertedWithin(s, s.cartViewTs, windowMs)) abandoned += 1;
    }
  }
  return rate(abandoned, total, pending);
}

/**
 * Checkout abandonment: checkouts begun without a purchase within the window (default 24 h), out of
 * checkouts begun. Checkouts begun less than `windowMs` before `now` are pending (not yet decided).
 *
 * @example
 * checkoutAbandonmentRate(summaries, { now, windowMs: 48 * HOUR_MS }); // { count: 140, total: 200, rate: 0.7, pending: 12 }
 */
export function checkoutAbandonmentRate(summaries: readonly CheckoutSummary[], options: MetricOptions): Rate {
  const { decided, pending, windowMs } = decidedCheckouts(summaries, options);
  const abandoned = decided.filter((s) => !converted(s, windowMs)).length;
  return rate(abandoned, decided.length, pending);
}

/**
 * Checkout conversion = 1 − checkout abandonment, over the same decided checkouts.
 *
 * @example
 * checkoutConversionRate(summaries, { now }).rate; // 0.3
 */
export function checkoutConversionRate(summaries: readonly CheckoutSummary[], options: MetricOptions): Rate {
  const abandonment = checkoutAbandonmentRate(summaries, options);
  return rate(abandonment.total - abandonment.count, abandonment.total, abandonment.pending);
}

/** Middle value of a list of numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
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
  const times = applyFilters(summaries, options.filters)
    .map((s) => s.timeToPurchaseMs)
    .filter((t): t is number => t !== null);
  return { medianMs: median(times), count: times.length };
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

interface Tally {
  attempts: number;
  failures: number;
  blikRejected: number;
  blikTimeouts: number;
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
): { readonly methods: readonly PaymentFailureRow[]; readonly total: PaymentFailureRow } {
  const byMethod = new Map<PaymentKind, Tally>();
  const total: Tally = { attempts: 0, failures: 0, blikRejected: 0, blikTimeouts: 0 };
  const tally = (method: PaymentKind | null): Tally[] => {
    if (method === null) return [total];
    const t = byMethod.get(method) ?? { attempts: 0, failures: 0, blikRejected: 0, blikTimeouts: 0 };
    byMethod.set(method, t);
    return [t, total];
  };
  for (const s of applyFilters(summaries, options.filters)) {
    for (const failure of s.paymentFailures) {
      for (const t of tally(failure.method)) {
        t.attempts += 1;
        t.failures += 1;
        if (failure.reason === 'blik_code_rejected') t.blikRejected += 1;
        if (failure.reason === 'blik_timeout') t.blikTimeouts += 1;
      }
    }
    if (s.purchased) for (const t of tally(s.purchaseMethod ?? s.chosenMethod)) t.attempts += 1;
  }
  const row = (method: PaymentKind | 'all', t: Tally): PaymentFailureRow => ({
    method,
    ...t,
    rate: t.attempts > 0 ? t.failures / t.attempts : null,
    otherFailures: t.failures - t.blikRejected - t.blikTimeouts,
  });
  const methods = PAYMENT_KIND_ORDER.flatMap((method) => {
    const t = byMethod.get(method);
    return t ? [row(method, t)] : [];
  });
  return { methods, total: row('all', total) };
}
