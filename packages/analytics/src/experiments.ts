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
import { type CellQuery, type Cells, summaryAggregates } from './aggregates.ts';
import type { MetricOptions } from './filters.ts';
import type { Text } from './format.ts';
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
  /** Relative effect to plan for; defaults to the observed lift (see remainingToDecision). */
  readonly mde?: number;
  /** Always-valid inference, passed through to compareProportions and compareMeans. */
  readonly sequential?: { readonly tuning?: number };
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
}

export interface ExperimentResults {
  readonly key: string;
  readonly control: string;
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
export function experimentFromCells(spec: ExperimentSpec, cells: Cells): ExperimentResults {
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
  const compareOptions = {
    alpha: spec.alpha ?? 0.05,
    ...(spec.sequential ? { sequential: spec.sequential } : {}),
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
            ...(spec.alpha === undefined ? {} : { alpha: spec.alpha }),
            ...(spec.power === undefined ? {} : { power: spec.power }),
            ...(spec.mde === undefined ? {} : { mde: spec.mde }),
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
    variants,
    srm: split,
    srmWarning: warning,
    unknownVariations,
    pending: cells.pending,
    verdict: verdict(variants, control, spec.alpha ?? 0.05, split.mismatch),
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
  return experimentFromCells(spec, summaryAggregates(summaries).cells(experimentQuery(spec.key), options));
}
