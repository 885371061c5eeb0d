/**
 * Two-arm comparisons for the checkout experiment, with GrowthBook gbstats' frequentist definitions:
 * relative lift (T − C)/|C| with a delta-method variance (or the absolute difference), Welch degrees of
 * freedom, a two-sided t test or an always-valid sequential test, and the flat-prior chance to win.
 */
import { type ArmMoments, chanceToWin, fixedHorizon, sequential, welchDf } from './inference.ts';

/** Conversions out of units (e.g. orders out of checkouts) in one arm. */
export interface ProportionArm {
  readonly n: number;
  readonly conversions: number;
}

/** Sufficient statistics of a numeric metric (e.g. order value) in one arm. */
export interface MeanArm {
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
}

export interface CompareOptions {
  /** Two-sided significance level; the CI has coverage 1 − alpha. Default 0.05. */
  readonly alpha?: number;
  /** Relative lift (T − C)/|C| when true (default), absolute difference T − C when false. */
  readonly relative?: boolean;
  /**
   * Always-valid inference, safe to peek at daily. `tuning` (default 5000, GrowthBook's default) is the
   * two-arm total at which the interval is tightest: set it to the total you expect to decide at.
   */
  readonly sequential?: { readonly tuning?: number };
}

export interface Comparison {
  /** Point estimate: relative lift or absolute difference, per `options.relative`. */
  readonly effect: number;
  readonly ci: [lower: number, upper: number];
  readonly pValue: number;
  /** P(treatment better than control) under a flat prior; 0.5 when nothing can be said. */
  readonly chanceToWin: number;
  readonly standardError: number;
  /** Welch–Satterthwaite degrees of freedom; 0 when the comparison could not be made. */
  readonly degreesOfFreedom: number;
  /** Set when the data cannot support a comparison; all numbers are then neutral (0, [0, 0], 1, 0.5). */
  readonly reason?: string;
}

/**
 * The `reason` values a comparison can carry, for callers that branch on them.
 *
 * @example
 * if (result.reason === COMPARISON_REASONS.baselineZero) showHint('Waiting for the first control orders');
 */
export const COMPARISON_REASONS = {
  invalidInput: 'Counts must be finite, non-negative, and conversions cannot exceed units.',
  tooFewUnits: 'Each arm needs at least 2 units before the arms can be compared.',
  baselineZero: 'The control mean is 0, so a relative lift is undefined; wait for control conversions.',
  zeroVariance: 'An arm has no variation (e.g. 0% or 100% conversion), so no standard error can be formed.',
  unstable: 'The values are too extreme for floating point (e.g. near 1e-300); rescale the metric.',
} as const;

const DEFAULT_TUNING = 5000;

function neutral(reason: string): Comparison {
  return {
    effect: 0,
    ci: [0, 0],
    pValue: 1,
    chanceToWin: 0.5,
    standardError: 0,
    degreesOfFreedom: 0,
    reason,
  };
}

function checkOptions({ alpha = 0.05, sequential: seq }: CompareOptions): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), e.g. 0.05; got ${alpha}`);
  const tuning = seq?.tuning ?? DEFAULT_TUNING;
  if (!(tuning > 0 && Number.isFinite(tuning))) {
    throw new RangeError(`sequential.tuning must be a positive number of units, e.g. 5000; got ${tuning}`);
  }
}

function compareMoments(control: ArmMoments, treatment: ArmMoments, options: CompareOptions): Comparison {
  const { alpha = 0.05, relative = true } = options;
  if (control.n < 2 || treatment.n < 2) return neutral(COMPARISON_REASONS.tooFewUnits);
  if (relative && control.mean === 0) return neutral(COMPARISON_REASONS.baselineZero);
  if (!(control.variance > 0 && treatment.variance > 0)) return neutral(COMPARISON_REASONS.zeroVariance);
  const diff = treatment.mean - control.mean;
  const c2 = control.mean * control.mean;
  const variance = relative
    ? treatment.variance / (treatment.n * c2) +
      (control.variance * treatment.mean * treatment.mean) / (control.n * c2 * c2)
    : treatment.variance / treatment.n + control.variance / control.n;
  const effect = relative ? diff / Math.abs(control.mean) : diff;
  const se = Math.sqrt(variance);
  if (!(se > 0 && Number.isFinite(se) && Number.isFinite(effect))) {
    return neutral(COMPARISON_REASONS.zeroVariance);
  }
  const df = welchDf(control, treatment);
  const { ci, pValue } = options.sequential
    ? sequential(effect, se, control.n + treatment.n, alpha, options.sequential.tuning ?? DEFAULT_TUNING)
    : fixedHorizon(effect, se, df, alpha);
  const win = chanceToWin(effect, se);
  if (![df, ci[0], ci[1], pValue, win].every(Number.isFinite)) return neutral(COMPARISON_REASONS.unstable);
  return { effect, ci, pValue, chanceToWin: win, standardError: se, degreesOfFreedom: df };
}

const isCount = (x: number): boolean => Number.isFinite(x) && x >= 0;

/**
 * Compares conversion rates (unit variance p(1 − p), as gbstats' ProportionStatistic).
 * Throws a RangeError only for invalid options; data that cannot be compared yields a neutral result
 * with a `reason`, never NaN.
 *
 * @example
 * const r = compareProportions({ control: { n: 28, conversions: 14 }, treatment: { n: 30, conversions: 16 } });
 * r.effect; // 0.0667 (+6.7% relative lift)
 * r.pValue; // 0.807
 */
export function compareProportions(
  arms: { readonly control: ProportionArm; readonly treatment: ProportionArm },
  options: CompareOptions = {},
): Comparison {
  checkOptions(options);
  const toMoments = ({ n, conversions }: ProportionArm): ArmMoments | null => {
    if (!isCount(n) || !isCount(conversions) || conversions > n) return null;
    const p = n > 0 ? conversions / n : 0;
    return { n, mean: p, variance: p * (1 - p) };
  };
  const control = toMoments(arms.control);
  const treatment = toMoments(arms.treatment);
  if (!control || !treatment) return neutral(COMPARISON_REASONS.invalidInput);
  return compareMoments(control, treatment, options);
}

/**
 * Compares means of a numeric metric from per-arm n, Σx and Σx² (sample variance with n − 1, as gbstats'
 * SampleMeanStatistic).
 *
 * @example
 * compareMeans(
 *   { control: { n: 3407, sum: 1396.87, sumSquares: 52377.9767 }, treatment: { n: 3461, sum: 2422.7, sumSquares: 134698.29 } },
 *   { relative: false },
 * ).ci; // ≈ [0.04538, 0.53462]
 */
export function compareMeans(
  arms: { readonly control: MeanArm; readonly treatment: MeanArm },
  options: CompareOptions = {},
): Comparison {
  checkOptions(options);
  const toMoments = ({ n, sum, sumSquares }: MeanArm): ArmMoments | null => {
    if (!isCount(n) || !Number.isFinite(sum) || !isCount(sumSquares)) return null;
    const mean = n > 0 ? sum / n : 0;
    const squaredDeviations = sumSquares - (sum * sum) / n;
    // When every value is equal the subtraction leaves rounding residue instead of 0; treat it as 0.
    const zero = !(n > 1) || squaredDeviations <= 1e-12 * sumSquares;
    return { n, mean, variance: zero ? 0 : squaredDeviations / (n - 1) };
  };
  const control = toMoments(arms.control);
  const treatment = toMoments(arms.treatment);
  if (!control || !treatment) return neutral(COMPARISON_REASONS.invalidInput);
  return compareMoments(control, treatment, options);
}
