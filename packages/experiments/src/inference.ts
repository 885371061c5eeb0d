/**
 * Interval, p-value and chance to win from an effect estimate and its standard error, following
 * GrowthBook's gbstats: Welch t test (fixed horizon), asymptotic confidence sequences (sequential), and
 * the flat-prior Gaussian posterior for the chance to win. Internal to the package.
 */
import { normalCdf, studentTQuantile, studentTTwoSidedP } from './distributions.ts';

/** Sample size, mean and unit variance of one arm. */
export interface ArmMoments {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

export interface Inference {
  readonly ci: [number, number];
  readonly pValue: number;
  readonly chanceToWin: number;
}

/**
 * Welch–Satterthwaite degrees of freedom from the arms' unit variances (also for a relative effect,
 * as gbstats does).
 *
 * @example
 * welchDf({ n: 10, mean: 1, variance: 4 }, { n: 10, mean: 2, variance: 4 }); // 18
 */
export function welchDf(control: ArmMoments, treatment: ArmMoments): number {
  // The ratio is scale-free; rescaling first keeps tiny variances from underflowing to 0/0 when squared.
  const scale = Math.max(control.variance / control.n, treatment.variance / treatment.n);
  const c = control.variance / control.n / scale;
  const t = treatment.variance / treatment.n / scale;
  return (c + t) ** 2 / ((c * c) / (control.n - 1) + (t * t) / (treatment.n - 1));
}

/**
 * Fixed-horizon two-sided t test: CI = Δ ± t_{1−α/2, ν}·SE, p = P(|T_ν| > |Δ/SE|).
 *
 * @example
 * fixedHorizon(0.29, 0.12478, 6000, 0.05).ci; // ≈ [0.0454, 0.5346]
 */
export function fixedHorizon(
  effect: number,
  se: number,
  df: number,
  alpha: number,
): Omit<Inference, 'chanceToWin'> {
  const width = studentTQuantile(1 - alpha / 2, df) * se;
  return { ci: [effect - width, effect + width], pValue: studentTTwoSidedP(effect / se, df) };
}

/**
 * Mixing parameter ρ of the asymptotic confidence sequence (Waudby-Smith et al. 2023, eq. 161), tuned so
 * the sequence is tightest when the two arms together reach `tuning` units.
 *
 * @example
 * sequentialRho(0.05, 5000); // ≈ 0.0398401
 */
export function sequentialRho(alpha: number, tuning: number): number {
  const twoLogInvAlpha = -2 * Math.log(alpha);
  return Math.sqrt((twoLogInvAlpha + Math.log(twoLogInvAlpha + 1)) / tuning);
}

/**
 * Always-valid two-sided interval and p-value (Waudby-Smith et al. 2023, eqs. 9 and 155), valid however
 * often the dashboard is looked at. `total` is the number of units in both arms.
 *
 * @example
 * sequential(0.50386, 0.03386, 6461, 0.05, 5000).ci; // ≈ [0.40098, 0.60675]
 */
export function sequential(
  effect: number,
  se: number,
  total: number,
  alpha: number,
  tuning: number,
): Omit<Inference, 'chanceToWin'> {
  const rho = sequentialRho(alpha, tuning);
  const nRho2 = total * rho * rho + 1;
  // The paper's s² is a per-unit variance; the estimator's SE² times the units gives it.
  const unitSd = se * Math.sqrt(total);
  const halfWidth = unitSd * Math.sqrt((2 * nRho2 * Math.log(Math.sqrt(nRho2) / alpha)) / (total * rho) ** 2);
  const z2 = (effect / se) ** 2;
  // The e-value can overflow for strong evidence; its logarithm cannot, and 1/e-value just goes to 0.
  const logEValue = (rho * rho * z2 * total) / (2 * nRho2) - 0.5 * Math.log(nRho2);
  const pValue = logEValue <= 0 ? 1 : Math.exp(-logEValue);
  return { ci: [effect - halfWidth, effect + halfWidth], pValue };
}

/**
 * Chance that the treatment beats control: P(Δ > 0) under the flat-prior Gaussian posterior
 * N(Δ̂, SE²) of GrowthBook's Bayesian engine.
 *
 * @example
 * chanceToWin(0.04082, 0.14725); // ≈ 0.60918
 */
export function chanceToWin(effect: number, se: number): number {
  return normalCdf(effect / se);
}
