/**
 * The key-result cards of the dashboard: each key result's current value, progress and trend from the
 * aggregates, and the initiatives meant to move it with the verdict of the experiment testing each.
 */
import type { Aggregates } from './aggregates.ts';
import type { ExperimentResults } from './experiments.ts';
import { DAY_MS, type MetricOptions, withinRange } from './filters.ts';
import { backlog, krProgress, readKrTrend, readMetric, type TrendPoint } from './okr.ts';
import type { KeyResult, Objective } from './okr-schema.ts';
import type { InitiativeCard, KrCard } from './report-types.ts';

/** Periods up to this long trend per day, longer ones per week. */
export const DAILY_TREND_MAX_MS = 62 * DAY_MS;

/** A configured experiment with its results, as initiatives refer to it by key. */
export interface LinkedExperiment {
  readonly status: string;
  readonly results: ExperimentResults;
}

/**
 * A key result's value over its period intersected with the filters, and its trend per day (periods up
 * to 62 days) or week: 2 port calls for the rates, 1 + one per bucket for the other metrics.
 *
 * @example
 * await readKeyResult(aggregates, kr, { now, filters: { device: 'mobile' } }); // { current: 0.62, trend: [{ from, to, value: 0.64, complete: true }, …] }
 */
export async function readKeyResult(
  aggregates: Aggregates<boolean>,
  kr: KeyResult,
  options: MetricOptions,
): Promise<{ readonly current: number | null; readonly trend: readonly TrendPoint[] }> {
  const buckets = kr.period.to - kr.period.from <= DAILY_TREND_MAX_MS ? 'day' : 'week';
  const inPeriod = { ...options, filters: withinRange(options.filters, kr.period) };
  const [current, trend] = await Promise.all([
    readMetric(aggregates, kr.metric, inPeriod),
    readKrTrend(aggregates, kr, { ...options, buckets }),
  ]);
  return { current, trend };
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
 * krCard(objective, kr, { current: 0.62, trend }, experiments).progress; // 0.4 for baseline 0.7, target 0.5
 */
export function krCard(
  objective: Objective,
  keyResult: KeyResult,
  values: { readonly current: number | null; readonly trend: readonly TrendPoint[] },
  experiments: ReadonlyMap<string, LinkedExperiment>,
): KrCard {
  return {
    objective: { key: objective.key, title: objective.title },
    keyResult,
    current: values.current,
    progress: values.current === null ? null : krProgress(keyResult, values.current),
    trend: values.trend,
    initiatives: initiativeCards(objective, keyResult.key, experiments),
  };
}
