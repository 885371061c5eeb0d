/**
 * The options every metric takes, and the one place where filters and the decision window apply, so
 * two metrics on one dashboard always count the same checkouts.
 */
import type { CheckoutSummary, Device } from './types.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** A checkout without a purchase within 24 hours of its start is abandoned. */
export const DEFAULT_WINDOW_MS = DAY_MS;

export interface Filters {
  /** The checkout layout variant (`summary.layout`), e.g. 'multi-step'. */
  readonly variant?: string;
  readonly device?: Device;
  /** Channel source (e.g. 'google', '(direct)') of the touch chosen by `touch`. */
  readonly source?: string;
  /** Which touch `source` matches: 'last' (default) or 'first'. */
  readonly touch?: 'first' | 'last';
  /** Inclusive lower bound on `firstTs` (epoch ms). */
  readonly from?: number;
  /** Exclusive upper bound on `firstTs` (epoch ms). */
  readonly to?: number;
  /** Only simulated (true) or only real (false) checkouts; both when absent. */
  readonly simulated?: boolean;
}

/**
 * The filters narrowed to firstTs in [from, to) as well, e.g. to a key result's period or a trend bucket.
 *
 * @example
 * withinRange({ device: 'mobile', from: Date.UTC(2026, 0, 10) }, { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 3, 1) });
 * // { device: 'mobile', from: Date.UTC(2026, 0, 10), to: Date.UTC(2026, 3, 1) }
 */
export const withinRange = (
  filters: Filters = {},
  range: { readonly from: number; readonly to: number },
): Filters => ({
  ...filters,
  from: Math.max(filters.from ?? range.from, range.from),
  to: Math.min(filters.to ?? range.to, range.to),
});

export interface MetricOptions {
  /** The time to evaluate at (epoch ms): checkouts whose window has not closed by then are pending. */
  readonly now: number;
  /** How long after its start a checkout may still convert; default 24 h. */
  readonly windowMs?: number;
  readonly filters?: Filters;
}

/** A share: `count` of `total`, with `rate` null when `total` is 0. */
export interface Rate {
  readonly count: number;
  readonly total: number;
  readonly rate: number | null;
  /** Checkouts left out because their window is still open at `now`. */
  readonly pending: number;
}

export const rate = (count: number, total: number, pending = 0): Rate => ({
  count,
  total,
  rate: total > 0 ? count / total : null,
  pending,
});

/**
 * The summaries that pass every filter.
 *
 * @example
 * applyFilters(summaries, { device: 'mobile', variant: 'one-page', from: Date.UTC(2026, 0, 1) });
 */
export function applyFilters(
  summaries: readonly CheckoutSummary[],
  filters: Filters = {},
): readonly CheckoutSummary[] {
  const { variant, device, source, touch = 'last', from, to, simulated } = filters;
  return summaries.filter(
    (s) =>
      (variant === undefined || s.layout === variant) &&
      (device === undefined || s.device === device) &&
      (source === undefined || (touch === 'first' ? s.firstTouch : s.lastTouch).source === source) &&
      (from === undefined || s.firstTs >= from) &&
      (to === undefined || s.firstTs < to) &&
      (simulated === undefined || s.simulated === simulated),
  );
}

/** True when the checkout's purchase came within `windowMs` of `startTs`. */
export const convertedWithin = (s: CheckoutSummary, startTs: number, windowMs: number): boolean =>
  s.purchaseTs !== null && s.purchaseTs - startTs <= windowMs;

export interface Decided {
  /** Begun checkouts whose window closed by `now`; each either converted within it or was abandoned. */
  readonly decided: readonly CheckoutSummary[];
  readonly pending: number;
  readonly windowMs: number;
}

/**
 * Filters, then keeps the begun checkouts whose window has closed. Checkouts still inside their window
 * are left out even when already purchased, so recent purchases do not inflate conversion.
 *
 * @example
 * const { decided, pending } = decidedCheckouts(summaries, { now: Date.UTC(2026, 1, 1) });
 */
export function decidedCheckouts(summaries: readonly CheckoutSummary[], options: MetricOptions): Decided {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const decided: CheckoutSummary[] = [];
  let pending = 0;
  for (const s of applyFilters(summaries, options.filters)) {
    if (!s.beganCheckout || s.beganTs === null) continue;
    if (s.beganTs + windowMs <= options.now) decided.push(s);
    else pending += 1;
  }
  return { decided, pending, windowMs };
}

/** True for a decided checkout that converted within the window. */
export const converted = (s: CheckoutSummary, windowMs: number): boolean =>
  s.beganTs !== null && convertedWithin(s, s.beganTs, windowMs);
