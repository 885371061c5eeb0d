/**
 * Sample ratio mismatch: are the arms' unit counts consistent with the configured traffic split? A
 * mismatch means assignment or tracking is broken (e.g. a redirect losing visitors), and the lift must
 * not be read until it is fixed.
 */
import { chiSquareSf } from './distributions.ts';

/** GrowthBook's defaults: flag below p = 0.001, and only once every arm has 8 units. */
const SRM_P_THRESHOLD = 0.001;
const SRM_MIN_UNITS_PER_ARM = 8;

export interface SrmResult {
  /** Chi-square goodness-of-fit p-value with k − 1 degrees of freedom; 1 when there is nothing to test. */
  readonly pValue: number;
  /** True when p < 0.001 and every arm has at least 8 units. */
  readonly mismatch: boolean;
  /** Why no test was run (invalid input); absent when the test ran. */
  readonly reason?: string;
}

const notTested = (reason: string): SrmResult => ({ pValue: 1, mismatch: false, reason });

/**
 * Chi-square test of observed unit counts against the expected split `weights` (any positive scale:
 * [0.5, 0.5] and [1, 1] are the same). Arms with weight 0 are left out of the statistic, as in gbstats'
 * `check_srm`; the degrees of freedom stay k − 1.
 *
 * @example
 * srm([5000, 5200], [0.5, 0.5]); // { pValue: 0.0477, mismatch: false }
 * srm([4600, 5400], [0.5, 0.5]); // { pValue: 1.2e-15, mismatch: true }
 */
export function srm(observed: readonly number[], weights: readonly number[]): SrmResult {
  if (observed.length !== weights.length || observed.length < 2) {
    return notTested('observed and weights need one entry per arm, and at least 2 arms');
  }
  if (
    !observed.every((o) => Number.isFinite(o) && o >= 0) ||
    !weights.every((w) => Number.isFinite(w) && w >= 0)
  ) {
    return notTested('observed counts and weights must be finite and non-negative');
  }
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  if (totalWeight <= 0) return notTested('at least one weight must be positive');
  const totalUnits = observed.reduce((s, o) => s + o, 0);
  if (totalUnits === 0) return { pValue: 1, mismatch: false };
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const w = weights[i] ?? 0;
    if (w <= 0) return;
    const expected = (w / totalWeight) * totalUnits;
    chiSquare += (o - expected) ** 2 / expected;
  });
  const pValue = chiSquareSf(chiSquare, observed.length - 1);
  const enoughUnits = observed.every((o) => o >= SRM_MIN_UNITS_PER_ARM);
  return { pValue, mismatch: enoughUnits && pValue < SRM_P_THRESHOLD };
}
