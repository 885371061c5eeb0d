/**
 * Objectives and key results ("cut checkout abandonment from 70% to 50%"), the initiatives (usually
 * experiments) meant to move them ranked by ICE, and progress and trend of each key result.
 */
import {
  cartAbandonmentRate,
  checkoutAbandonmentRate,
  checkoutConversionRate,
  medianTimeToPurchase,
  paymentFailureRates,
} from './definitions.ts';
import { DAY_MS, DEFAULT_WINDOW_MS, type MetricOptions } from './filters.ts';
import type { Ice, KeyResult, KrMetric } from './okr-schema.ts';
import type { CheckoutSummary } from './types.ts';

export * from './okr-schema.ts';

/**
 * ICE score = impact × confidence × ease (1–1000). The product, not the mean, so one weak dimension
 * (e.g. ease 1) sinks an idea instead of being averaged away.
 *
 * @example
 * iceScore({ impact: 8, confidence: 5, ease: 7 }); // 280
 */
export const iceScore = ({ impact, confidence, ease }: Ice): number => impact * confidence * ease;

/**
 * Initiatives ordered by ICE score, highest first (ties by key).
 *
 * @example
 * backlog(config.objectives.flatMap((o) => o.initiatives)).map((i) => i.key); // ['multi-step', 'blik-first']
 */
export function backlog<T extends { readonly key: string; readonly ice: Ice }>(
  initiatives: readonly T[],
): (T & { readonly score: number })[] {
  return initiatives
    .map((initiative) => ({ ...initiative, score: iceScore(initiative.ice) }))
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * How far `current` has moved from baseline to target: 0 at the baseline, 1 at the target, below 0 when
 * it moved the wrong way and above 1 past the target. Works for targets below the baseline too.
 *
 * @example
 * krProgress({ baseline: 0.7, target: 0.5 }, 0.62); // 0.4
 */
export function krProgress(kr: Pick<KeyResult, 'baseline' | 'target'>, current: number): number {
  if (kr.target === kr.baseline)
    throw new RangeError('a key result needs a target different from its baseline');
  const progress = (current - kr.baseline) / (kr.target - kr.baseline);
  // A target below the baseline would report the baseline itself as −0.
  return progress === 0 ? 0 : progress;
}

/**
 * The value of a key result's metric over the given summaries; null when there is nothing to measure.
 *
 * @example
 * metricValue('checkout_abandonment', summaries, { now }); // 0.64
 */
export function metricValue(
  metric: KrMetric,
  summaries: readonly CheckoutSummary[],
  options: MetricOptions,
): number | null {
  switch (metric) {
    case 'checkout_abandonment':
      return checkoutAbandonmentRate(summaries, options).rate;
    case 'cart_abandonment':
      return cartAbandonmentRate(summaries, options).rate;
    case 'checkout_conversion':
      return checkoutConversionRate(summaries, options).rate;
    case 'median_time_to_purchase':
      return medianTimeToPurchase(summaries, options).medianMs;
    case 'payment_failure_rate':
      return paymentFailureRates(summaries, options).total.rate;
  }
}

export interface TrendPoint {
  /** Bucket start, inclusive (epoch ms). */
  readonly from: number;
  /** Bucket end, exclusive. */
  readonly to: number;
  readonly value: number | null;
  /** False while some checkouts of the bucket are still inside their window at `now`. */
  readonly complete: boolean;
}

/**
 * The key result's metric per day or week of its period (fixed 24 h / 7 d steps from `period.from`,
 * by each checkout's `firstTs`), up to `now`, for a trend line.
 *
 * @example
 * krTrend(summaries, kr, { buckets: 'week', now }).map((p) => p.value); // [0.7, 0.68, 0.66, null]
 */
export function krTrend(
  summaries: readonly CheckoutSummary[],
  kr: Pick<KeyResult, 'metric' | 'period'>,
  options: MetricOptions & { readonly buckets: 'day' | 'week' },
): TrendPoint[] {
  const step = options.buckets === 'week' ? 7 * DAY_MS : DAY_MS;
  const end = Math.min(kr.period.to, options.now);
  const count = Math.max(0, Math.ceil((end - kr.period.from) / step));
  const byBucket: CheckoutSummary[][] = Array.from({ length: count }, () => []);
  for (const s of summaries) {
    if (s.firstTs < kr.period.from || s.firstTs >= end) continue;
    byBucket[Math.floor((s.firstTs - kr.period.from) / step)]?.push(s);
  }
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  return byBucket.map((bucket, i) => {
    const from = kr.period.from + i * step;
    const to = Math.min(from + step, kr.period.to);
    return {
      from,
      to,
      value: metricValue(kr.metric, bucket, options),
      complete: to + windowMs <= options.now,
    };
  });
}
