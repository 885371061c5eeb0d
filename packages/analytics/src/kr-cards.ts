/**
 * The key-result cards of the dashboard: each key result's current value, progress and trend from the
 * aggregates, and the initiatives meant to move it with the verdict of the experiment testing each.
 */
import type { Aggregates } from './aggregates.ts';
import type { ExperimentResults } from './experiments.ts';
import { DAY_MS, type MetricOptions, withinRange } from './filters.ts';
import { backlog, KR_MIN_SAMPLE, krProgress, readKrTrend, readMeasure, type TrendPoint } from './okr.ts';
import type { KeyResult, Objective } from './okr-schema.ts';
import type { InitiativeCard, KrCard, KrStatus } from './report-types.ts';

/** Periods up to this long trend per day, longer ones per week. */
export const DAILY_TREND_MAX_MS = 62 * DAY_MS;

/** A configured experiment with its results, as initiatives refer to it by key. */
export interface LinkedExperiment {
  readonly status: string;
  readonly results: ExperimentResults;
}

/** What a card is built from: the value over the period, the sample it stands on, and the trend. */
export interface KeyResultValues {
  readonly current: number | null;
  /** Units the value is computed over (see KR_MIN_SAMPLE); 0 when unknown. */
  readonly sample?: number;
  readonly trend: readonly TrendPoint[];
}

/**
 * A key result's value over its period intersected with the filters, the sample behind it, and its
 * trend per day (periods up to 62 days) or week: 2 port calls for the rates, 1 + one per bucket for
 * the other metrics.
 *
 * @example
 * await readKeyResult(aggregates, kr, { now, filters: { device: 'mobile' } }); // { current: 0.62, sample: 412, trend: [{ from, to, value: 0.64, complete: true }, …] }
 */
export async function readKeyResult(
  aggregates: Aggregates<boolean>,
  kr: KeyResult,
  options: MetricOptions,
): Promise<Required<KeyResultValues>> {
  const buckets = kr.period.to - kr.period.from <= DAILY_TREND_MAX_MS ? 'day' : 'week';
  const inPeriod = { ...options, filters: withinRange(options.filters, kr.period) };
  const [measure, trend] = await Promise.all([
    readMeasure(aggregates, kr.metric, inPeriod),
    readKrTrend(aggregates, kr, { ...options, buckets }),
  ]);
  return { current: measure.value, sample: measure.sample, trend };
}

/**
 * Where a key result stands: judged only once its period holds `minSample` units; before that
 * 'not-enough-data' whatever the value says.
 *
 * @example
 * krStatus({ current: 0.48, progress: 1.1, sample: 40 }); // 'not-enough-data'
 * krStatus({ current: 0.48, progress: 1.1, sample: 400 }); // 'reached'
 */
export function krStatus(
  { current, progress, sample }: { current: number | null; progress: number | null; sample: number },
  minSample = KR_MIN_SAMPLE,
): KrStatus {
  if (current === null || progress === null) return 'no-data';
  if (sample < minSample) return 'not-enough-data';
  if (progress >= 1) return 'reached';
  return progress < 0 ? 'wrong-way' : 'in-progress';
}

/**
 * The objective's initiatives for one key result (those naming it or naming none), highest ICE first,
 * each with the status and verdict of its experiment when that is configured.
 *
 * @example
 * initiativeCards(objective, 'abandonment', new Map([['checkout-layout', { status: 'running', results }]]))[0];
 * // { key: 'multi-step', title: 'Checkout w krokach', ice, iceScore: 280, experiment: 'checkout-layout', status: 'running', verdict }
 */
export function initiativeCards(
  objective: Objective,
  keyResult: string,
  experiments: ReadonlyMap<string, LinkedExperiment>,
): InitiativeCard[] {
  const linked = objective.initiatives.filter(
    (i) => i.keyResults.length === 0 || i.keyResults.includes(keyResult),
  );
  return backlog(linked).map((initiative) => {
    const experiment =
      initiative.experiment === undefined ? undefined : experiments.get(initiative.experiment);
    return {
      key: initiative.key,
      title: initiative.title,
      ice: initiative.ice,
      iceScore: initiative.score,
      experiment: experiment ? experiment.results.key : null,
      status: experiment?.status ?? null,
      verdict: experiment?.results.verdict ?? null,
    };
  });
}

/**
 * A key-result card from its values and the experiments.
 *
 * @example
 * krCard(objective, kr, { current: 0.62, sample: 400, trend }, experiments).progress; // 0.4 for baseline 0.7, target 0.5
 */
export function krCard(
  objective: Objective,
  keyResult: KeyResult,
  values: KeyResultValues,
  experiments: ReadonlyMap<string, LinkedExperiment>,
): KrCard {
  const progress = values.current === null ? null : krProgress(keyResult, values.current);
  const sample = values.sample ?? 0;
  return {
    objective: { key: objective.key, title: objective.title },
    keyResult,
    current: values.current,
    progress,
    sample,
    minSample: KR_MIN_SAMPLE,
    status: krStatus({ current: values.current, progress, sample }),
    trend: values.trend,
    initiatives: initiativeCards(objective, keyResult.key, experiments),
  };
}
