/**
 * Objectives and key results ("cut checkout abandonment from 70% to 50%"), the initiatives (usually
 * experiments) meant to move them ranked by ICE, and progress and trend of each key result.
 */
import {
  type Aggregates,
  type Answer,
  allAnswers,
  type CellQuery,
  type Cells,
  mapAnswer,
  type PaymentTally,
  summaryAggregates,
} from './aggregates.ts';
import {
  abandonmentFromCells,
  CARTS,
  CHECKOUTS,
  conversionFromCells,
  paymentFailureRowsFrom,
} from './definitions.ts';
import { DAY_MS, DEFAULT_WINDOW_MS, type MetricOptions, type Rate, withinRange } from './filters.ts';
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
 * The fewest units a key result's period must hold before its value is judged ("target reached",
 * on track, the wrong way): the denominator of its metric, i.e. decided checkouts (abandonment,
 * conversion), decided carts (cart abandonment), purchases (median time to purchase) or payment
 * attempts (payment failure rate; BLIK attempts for the BLIK failure rate). Below it a rate moves by
 * whole percentage points with each checkout, so an early "target reached" would mostly be noise.
 */
export const KR_MIN_SAMPLE = 100;

/** A key result's metric over a range and how many units (see {@link KR_MIN_SAMPLE}) it was computed over. */
export interface Measure {
  readonly value: number | null;
  readonly sample: number;
}

const fromRate = (r: Rate): Measure => ({ value: r.rate, sample: r.total });

/** The key-result metrics that cells answer, per trend bucket too: what they count and their value. */
const CELL_METRICS: Partial<
  Record<KrMetric, { readonly query: CellQuery; readonly measure: (cells: Cells) => Measure }>
> = {
  checkout_abandonment: { query: CHECKOUTS, measure: (cells) => fromRate(abandonmentFromCells(cells)) },
  checkout_conversion: { query: CHECKOUTS, measure: (cells) => fromRate(conversionFromCells(cells)) },
  cart_abandonment: { query: CARTS, measure: (cells) => fromRate(abandonmentFromCells(cells)) },
};

/**
 * Payment failure rate over every attempt, or over BLIK attempts only: a failed card payment does not
 * move the BLIK key result.
 */
function paymentMeasure(metric: KrMetric, tallies: readonly PaymentTally[]): Measure {
  const rows = paymentFailureRowsFrom(tallies);
  const row = metric === 'blik_failure_rate' ? rows.methods.find((r) => r.method === 'blik') : rows.total;
  return { value: row?.rate ?? null, sample: row?.attempts ?? 0 };
}

/**
 * A key result's metric from the aggregates (one port call) with the sample it stands on; value null
 * when there is nothing to measure.
 *
 * @example
 * await readMeasure(aggregates, 'blik_failure_rate', { now }); // { value: 0.08, sample: 250 }
 */
export function readMeasure<Async extends boolean>(
  aggregates: Aggregates<Async>,
  metric: KrMetric,
  options: MetricOptions,
): Answer<Measure, Async> {
  const cellMetric = CELL_METRICS[metric];
  if (cellMetric) return mapAnswer(aggregates.cells(cellMetric.query, options), cellMetric.measure);
  if (metric === 'median_time_to_purchase') {
    return mapAnswer(aggregates.timeToPurchase(options), (t) => ({ value: t.medianMs, sample: t.count }));
  }
  return mapAnswer(aggregates.paymentTallies(options), (tallies) => paymentMeasure(metric, tallies));
}

/**
 * The value of a key result's metric from the aggregates (one port call); null when there is nothing
 * to measure.
 *
 * @example
 * await readMetric(aggregates, 'checkout_abandonment', { now }); // 0.64
 */
export function readMetric<Async extends boolean>(
  aggregates: Aggregates<Async>,
  metric: KrMetric,
  options: MetricOptions,
): Answer<number | null, Async> {
  return mapAnswer(readMeasure(aggregates, metric, options), (m) => m.value);
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
  return readMetric(summaryAggregates(summaries), metric, options);
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

export interface TrendOptions extends MetricOptions {
  readonly buckets: 'day' | 'week';
}

/**
 * The key result's metric per day or week of its period (fixed 24 h / 7 d steps from `period.from`,
 * by each checkout's `firstTs`), up to `now`, from the aggregates: one call grouped by `bucket` for
 * the rates, one call per bucket for median time to purchase and the payment failure rates.
 *
 * @example
 * (await readKrTrend(aggregates, kr, { buckets: 'week', now })).map((p) => p.value); // [0.7, 0.68, 0.66, null]
 */
export function readKrTrend<Async extends boolean>(
  aggregates: Aggregates<Async>,
  kr: Pick<KeyResult, 'metric' | 'period'>,
  options: TrendOptions,
): Answer<TrendPoint[], Async> {
  const { now, windowMs = DEFAULT_WINDOW_MS } = options;
  const step = options.buckets === 'week' ? 7 * DAY_MS : DAY_MS;
  const end = Math.min(kr.period.to, now);
  const buckets = Array.from({ length: Math.max(0, Math.ceil((end - kr.period.from) / step)) }, (_, i) => {
    const from = kr.period.from + i * step;
    return { from, to: Math.min(from + step, kr.period.to) };
  });
  const point = ({ from, to }: (typeof buckets)[number], value: number | null): TrendPoint => ({
    from,
    to,
    value,
    complete: to + windowMs <= now,
  });
  // Checkouts begun at or after `now` are left out, as they are not in any bucket yet.
  const within = (from: number, to: number): MetricOptions => ({
    now,
    windowMs,
    filters: withinRange(options.filters, { from, to: Math.min(to, end) }),
  });
  const cellMetric = CELL_METRICS[kr.metric];
  if (cellMetric) {
    const query = {
      ...cellMetric.query,
      groupBy: ['bucket'],
      buckets: { from: kr.period.from, step },
    } as const;
    return mapAnswer(aggregates.cells(query, within(kr.period.from, end)), (cells) =>
      buckets.map((bucket, i) => {
        const inBucket = cells.cells.filter((c) => Number(c.key.bucket) === i);
        return point(bucket, cellMetric.measure({ ...cells, cells: inBucket }).value);
      }),
    );
  }
  return allAnswers(
    buckets.map((bucket) =>
      mapAnswer(readMetric(aggregates, kr.metric, within(bucket.from, bucket.to)), (value) =>
        point(bucket, value),
      ),
    ),
  );
}

/**
 * The key result's metric per day or week of its period over the given summaries (see {@link readKrTrend}).
 *
 * @example
 * krTrend(summaries, kr, { buckets: 'week', now }).map((p) => p.value); // [0.7, 0.68, 0.66, null]
 */
export function krTrend(
  summaries: readonly CheckoutSummary[],
  kr: Pick<KeyResult, 'metric' | 'period'>,
  options: TrendOptions,
): TrendPoint[] {
  return readKrTrend(summaryAggregates(summaries), kr, options);
}
