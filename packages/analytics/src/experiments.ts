/**
 * Experiment results from cells by variation: per-variant counts, the statistics of @kasa/experiments
 * against the control, the sample-ratio check and a verdict in words.
 */
import {
  type Comparison,
  compareMeans,
  compareProportions,
  type Remaining,
  remainingToDecision,
  type SrmResult,
  srm,
} from '@kasa/experiments';
import { type CellQuery, type Cells, type PaymentTally, summaryAggregates } from './aggregates.ts';
import { DAY_MS, type MetricOptions } from './filters.ts';
import { formatCount, type Text } from './format.ts';
import { type CellTotals, sumCells } from './group.ts';
import type { CheckoutSummary } from './types.ts';
import { srmWarning, type Verdict, verdict } from './verdict.ts';

export interface ExperimentSpec {
  /** The experiment key in each event's `experiments` record, e.g. 'checkout-layout'. */
  readonly key: string;
  /** Variation names; the first is the control. */
  readonly variations: readonly string[];
  /** The configured traffic split, one weight per variation; equal when absent. */
  readonly weights?: readonly number[];
  /** Two-sided significance level, default 0.05. */
  readonly alpha?: number;
  /** Power for "checkouts until a decision", default 0.8. */
  readonly power?: number;
  /** Relative minimum detectable effect the sample is planned for, default 0.05 (see remainingToDecision). */
  readonly mde?: number;
  /**
   * How the results are read: always-valid sequential inference (the default, `{ tuning: 5000 }` when
   * absent), safe to look at every day; `false` for a fixed-horizon test, valid only read once.
   */
  readonly sequential?: { readonly tuning?: number } | false;
  /** First day (UTC, 'YYYY-MM-DD') of the current phase; only checkouts from then are analysed. */
  readonly startDate?: string;
  /** Share of traffic enrolled, part of the phase fingerprint; default 1. */
  readonly coverage?: number;
}

/** The analysis in force, named so the report can say which one. */
export interface AnalysisMethod extends Text {
  readonly kind: 'sequential' | 'fixed';
  readonly alpha: number;
  /** The sequential test's tuning (two-arm total it is tightest at); null for a fixed-horizon test. */
  readonly tuning: number | null;
}

/** The experiment's plan: the sample its minimum detectable effect needs and when it should arrive. */
export interface ExperimentPlan {
  readonly mde: number;
  readonly power: number;
  readonly alpha: number;
  /** Checkouts each arm needs for `power` against `mde` under the method in force; null until estimable. */
  readonly perArm: number | null;
  /** Checkouts still needed across all arms (the largest over treatments); null with `perArm`. */
  readonly more: number | null;
  /** Decided checkouts per day in the experiment since its start; null without a start or data. */
  readonly perDay: number | null;
  /** The day (UTC, 'YYYY-MM-DD') the planned sample should be reached at that pace; null if unknown. */
  readonly expectedDate: string | null;
}

/** Per treatment against the control: the guardrails that must not get worse while conversion rises. */
export interface Guardrails {
  /** Average order value (revenue / conversions), relative difference with its interval. */
  readonly averageOrderValue: Comparison | null;
  /** Payment failure rate (failures / attempts), relative difference; a positive effect is worse. */
  readonly paymentFailure: Comparison | null;
}

const DEFAULT_TUNING = 5000;

/**
 * The analysis a spec asks for, in words for the dashboard.
 *
 * @example
 * analysisMethod({ key: 'k', variations: ['a', 'b'] }).en;
 * // 'sequential test (always valid, safe to check daily), α = 0.05, tuning 5,000'
 */
export function analysisMethod(spec: ExperimentSpec): AnalysisMethod {
  const alpha = spec.alpha ?? 0.05;
  if (spec.sequential === false) {
    return {
      kind: 'fixed',
      alpha,
      tuning: null,
      pl: `test o stałym horyzoncie (odczytaj raz, po zebraniu zaplanowanej próby), α = ${String(alpha).replace('.', ',')}`,
      en: `fixed-horizon test (read once, at the planned sample), α = ${alpha}`,
    };
  }
  const tuning = spec.sequential?.tuning ?? DEFAULT_TUNING;
  return {
    kind: 'sequential',
    alpha,
    tuning,
    pl: `test sekwencyjny (zawsze ważny, można sprawdzać codziennie), α = ${String(alpha).replace('.', ',')}, strojenie ${formatCount(tuning, 'pl')}`,
    en: `sequential test (always valid, safe to check daily), α = ${alpha}, tuning ${formatCount(tuning, 'en')}`,
  };
}

/**
 * A short fingerprint of what defines a phase (variations, weights, coverage): it changes whenever
 * they do, so a report read after a change without a new start date is visibly a different phase.
 *
 * @example
 * phaseOf({ key: 'checkout-layout', variations: ['one-page', 'multi-step'] }); // '7fabf082'
 */
export function phaseOf(spec: ExperimentSpec): string {
  const weights = spec.weights ?? spec.variations.map(() => 1);
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const text = JSON.stringify([
    spec.variations,
    weights.map((w) => Math.round((w / total) * 1e6) / 1e6),
    spec.coverage ?? 1,
  ]);
  // FNV-1a, 32 bits: a fingerprint, not a secret.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Epoch ms of a spec's start date (midnight UTC); undefined without one. */
export const startOf = (spec: ExperimentSpec): number | undefined =>
  spec.startDate === undefined ? undefined : Date.parse(`${spec.startDate}T00:00:00Z`);

/**
 * The metric options an experiment reads: the report's, narrowed to checkouts from the phase start.
 *
 * @example
 * experimentOptions({ key: 'k', variations: ['a', 'b'], startDate: '2026-11-01' }, { now });
 * // { now, filters: { from: Date.UTC(2026, 10, 1) } }
 */
export function experimentOptions(spec: ExperimentSpec, options: MetricOptions): MetricOptions {
  const start = startOf(spec);
  if (start === undefined) return options;
  const filters = options.filters ?? {};
  return { ...options, filters: { ...filters, from: Math.max(filters.from ?? start, start) } };
}

export interface VariantResult {
  readonly variation: string;
  /** Decided checkouts begun in this variation. */
  readonly sessions: number;
  /** Of those, purchased within the window. */
  readonly conversions: number;
  readonly conversionRate: number | null;
  /** Sum of purchase values (minor units) of the conversions. */
  readonly revenue: number;
  /** Σ revenue² over sessions (0 for a session without a purchase), for compareMeans. */
  readonly revenueSumSquares: number;
  /** revenue / sessions, in minor units. */
  readonly revenuePerVisitor: number | null;
  /** Against the control; null for the control itself. */
  readonly conversion: Comparison | null;
  readonly revenuePerVisitorComparison: Comparison | null;
  /** Checkouts still needed for a decision against the control; null for the control itself. */
  readonly remaining: Remaining | null;
  /** revenue / conversions, in minor units; null without conversions. */
  readonly averageOrderValue: number | null;
  /** Payment attempts and failures of this variation's checkouts (no window, as the headline's). */
  readonly payments: { readonly attempts: number; readonly failures: number; readonly rate: number | null };
  /** Against the control; null for the control itself. */
  readonly guardrails: Guardrails | null;
}

export interface ExperimentResults {
  readonly key: string;
  readonly control: string;
  /** The analysis in force (sequential by default), in words. */
  readonly method: AnalysisMethod;
  /** Minimum detectable effect, the sample it needs and the expected date. */
  readonly plan: ExperimentPlan;
  /** First day analysed (the current phase's start); null when the spec has none. */
  readonly startDate: string | null;
  /** Fingerprint of variations, weights and coverage (see {@link phaseOf}). */
  readonly phase: string;
  readonly variants: readonly VariantResult[];
  readonly srm: SrmResult;
  /** A plain-language warning when the split does not match the weights; null otherwise. */
  readonly srmWarning: Text | null;
  /** Checkouts with the experiment key but a variation not in the spec (left out). */
  readonly unknownVariations: number;
  /** Checkouts in the experiment whose window is still open. */
  readonly pending: number;
  readonly verdict: Verdict;
}

const arm = (x: CellTotals) => ({ n: x.checkouts, conversions: x.conversions });
const mean = (x: CellTotals) => ({ n: x.checkouts, sum: x.revenue, sumSquares: x.revenueSumSquares });
/** Order values of the purchases only: a session without one adds 0 to both sums. */
const orderValue = (x: CellTotals) => ({
  n: x.conversions,
  sum: x.revenue,
  sumSquares: x.revenueSumSquares,
});

/**
 * The cells an experiment reads: its decided checkouts by variation.
 *
 * @example
 * experimentQuery('checkout-layout'); // { base: 'checkout', groupBy: ['variation'], experiment: 'checkout-layout' }
 */
export const experimentQuery = (key: string): CellQuery => ({
  base: 'checkout',
  groupBy: ['variation'],
  experiment: key,
});

/**
 * Results of one experiment from its cells by variation (see {@link experimentQuery}). A conversion is
 * a purchase within the window, and revenue per visitor averages the purchase value over every
 * checkout (0 for those without a purchase).
 *
 * @example
 * const r = experimentFromCells(spec, await aggregates.cells(experimentQuery(spec.key), { now }));
 * r.verdict.en; // 'multi-step wins with 97% chance'
 */
export function experimentFromCells(
  spec: ExperimentSpec,
  cells: Cells,
  at?: { readonly now: number },
  payments: readonly PaymentTally[] = [],
): ExperimentResults {
  const [control] = spec.variations;
  if (control === undefined || spec.variations.length < 2) {
    throw new RangeError(`experiment '${spec.key}' needs at least 2 variations, the control first`);
  }
  const weights = spec.weights ?? spec.variations.map(() => 1);
  if (weights.length !== spec.variations.length) {
    throw new RangeError(
      `experiment '${spec.key}': give one weight per variation (${spec.variations.length})`,
    );
  }
  const known = new Set(spec.variations);
  const unknownVariations = sumCells(
    cells.cells.filter((c) => !known.has(String(c.key.variation))),
  ).checkouts;
  const tallyOf = (variation: string) => sumCells(cells.cells.filter((c) => c.key.variation === variation));
  const method = analysisMethod(spec);
  const sequential = method.tuning === null ? false : { tuning: method.tuning };
  const compareOptions = { alpha: method.alpha, ...(sequential ? { sequential } : {}) };
  const paymentsOf = (variation: string) => {
    const own = payments.filter((t) => t.variation === variation);
    const attempts = own.reduce((sum, t) => sum + t.attempts, 0);
    const failures = own.reduce((sum, t) => sum + t.failures, 0);
    return { attempts, failures, rate: attempts ? failures / attempts : null };
  };
  const failureArm = (variation: string) => {
    const { attempts, failures } = paymentsOf(variation);
    return { n: attempts, conversions: failures };
  };
  const c = tallyOf(control);
  const variants = spec.variations.map((variation): VariantResult => {
    const t = tallyOf(variation);
    const isControl = variation === control;
    return {
      variation,
      sessions: t.checkouts,
      conversions: t.conversions,
      revenue: t.revenue,
      revenueSumSquares: t.revenueSumSquares,
      conversionRate: t.checkouts ? t.conversions / t.checkouts : null,
      revenuePerVisitor: t.checkouts ? t.revenue / t.checkouts : null,
      averageOrderValue: t.conversions ? t.revenue / t.conversions : null,
      payments: paymentsOf(variation),
      guardrails: isControl
        ? null
        : {
            averageOrderValue: compareMeans(
              { control: orderValue(c), treatment: orderValue(t) },
              compareOptions,
            ),
            paymentFailure: compareProportions(
              { control: failureArm(control), treatment: failureArm(variation) },
              compareOptions,
            ),
          },
      conversion: isControl
        ? null
        : compareProportions({ control: arm(c), treatment: arm(t) }, compareOptions),
      revenuePerVisitorComparison: isControl
        ? null
        : compareMeans({ control: mean(c), treatment: mean(t) }, compareOptions),
      remaining: isControl
        ? null
        : remainingToDecision({
            control: arm(c),
            treatment: arm(t),
            alpha: method.alpha,
            power: spec.power ?? 0.8,
            mde: spec.mde ?? 0.05,
            sequential,
          }),
    };
  });
  const split = srm(
    variants.map((v) => v.sessions),
    weights,
  );
  const warning = split.mismatch ? srmWarning(variants, weights, split.pValue) : null;
  return {
    key: spec.key,
    control,
    method,
    plan: planOf(spec, variants, cells, at?.now),
    startDate: spec.startDate ?? null,
    phase: phaseOf(spec),
    variants,
    srm: split,
    srmWarning: warning,
    unknownVariations,
    pending: cells.pending,
    verdict: verdict(variants, control, method.alpha, split.mismatch),
  };
}

/**
 * The plan: `perArm` and `more` from the treatments' {@link Remaining} (the largest need), the pace as
 * decided checkouts per day since the start (the last `windowMs` before `now` is still undecided), and
 * the date the remaining checkouts should arrive at that pace.
 */
function planOf(
  spec: ExperimentSpec,
  variants: readonly VariantResult[],
  cells: Cells,
  now: number | undefined,
): ExperimentPlan {
  const needs = variants.flatMap((v) => (v.remaining ? [v.remaining] : []));
  const known = needs.every((r) => r.perArm !== null) && needs.length > 0;
  const perArm = known ? Math.max(...needs.map((r) => r.perArm ?? 0)) : null;
  const more = known ? Math.max(...needs.map((r) => r.more ?? 0)) : null;
  const start = startOf(spec);
  const sessions = variants.reduce((sum, v) => sum + v.sessions, 0);
  const days = now === undefined || start === undefined ? 0 : (now - cells.windowMs - start) / DAY_MS;
  const perDay = days > 0 && sessions > 0 ? sessions / Math.max(days, 1) : null;
  const expectedDate =
    more === null || perDay === null || now === undefined
      ? null
      : new Date(now + Math.ceil(more / perDay) * DAY_MS).toISOString().slice(0, 10);
  return {
    mde: spec.mde ?? 0.05,
    power: spec.power ?? 0.8,
    alpha: spec.alpha ?? 0.05,
    perArm,
    more,
    perDay,
    expectedDate,
  };
}

/**
 * Results of one experiment. Only decided checkouts whose `experiments` record holds `spec.key`
 * count (see {@link experimentFromCells}).
 *
 * @example
 * const r = experimentResults(summaries, { key: 'checkout-layout', variations: ['one-page', 'multi-step'] }, { now });
 * r.verdict.en; // 'multi-step wins with 97% chance'
 * r.variants[1]?.conversion?.ci; // [0.012, 0.19]
 */
export function experimentResults(
  summaries: readonly CheckoutSummary[],
  spec: ExperimentSpec,
  options: MetricOptions,
): ExperimentResults {
  const aggregates = summaryAggregates(summaries);
  const own = experimentOptions(spec, options);
  const cells = aggregates.cells(experimentQuery(spec.key), own);
  return experimentFromCells(spec, cells, options, aggregates.paymentTallies(own, { experiment: spec.key }));
}
