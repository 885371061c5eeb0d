/**
 * Planning: how many checkouts an experiment needs, and how many more it needs from where it stands.
 */
import type { ProportionArm } from './compare.ts';
import { normalQuantile } from './distributions.ts';
import { sequentialRho } from './inference.ts';

export interface SampleSizeInput {
  /** Control conversion rate, in (0, 1), e.g. 0.3. */
  readonly baseline: number;
  /** Minimum detectable effect, relative to the baseline: 0.1 is +10%, −0.1 is −10%. */
  readonly mde: number;
  /** Two-sided significance level, default 0.05. */
  readonly alpha?: number;
  /** Probability of detecting a true effect of size `mde`, default 0.8. */
  readonly power?: number;
  /**
   * Plan for the sequential test (always-valid, read at any time) with this tuning instead of a
   * fixed-horizon test read once: its wider intervals need more checkouts for the same power.
   */
  readonly sequential?: { readonly tuning?: number } | false;
}

function inUnitInterval(name: string, value: number, example: string): void {
  if (!(value > 0 && value < 1))
    throw new RangeError(`${name} must be between 0 and 1 exclusive, e.g. ${example}; got ${value}`);
}

/**
 * Checkouts per arm for a two-sided two-proportion z test (pooled variance under the null, as R's
 * `power.prop.test`):
 * n = (z_{1−α/2}·√(2p̄(1−p̄)) + z_{power}·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)², with p₂ = p₁(1 + mde),
 * rounded up. Throws a RangeError naming the bad field when the inputs cannot describe a test.
 *
 * @example
 * sampleSize({ baseline: 0.1, mde: 0.2 }); // 3841 (10% → 12%)
 * sampleSize({ baseline: 0.5, mde: 0.5, power: 0.9 }); // 77
 */
export function sampleSize({
  baseline,
  mde,
  alpha = 0.05,
  power = 0.8,
  sequential,
}: SampleSizeInput): number {
  inUnitInterval('baseline', baseline, '0.3 for 30% of checkouts converting');
  inUnitInterval('alpha', alpha, '0.05');
  inUnitInterval('power', power, '0.8');
  const p2 = baseline * (1 + mde);
  if (!(mde !== 0 && p2 > 0 && p2 < 1)) {
    throw new RangeError(`mde must be non-zero and keep baseline × (1 + mde) inside (0, 1); got mde ${mde}`);
  }
  if (sequential) return sequentialSampleSize(baseline, p2, alpha, power, sequential.tuning ?? 5000);
  const pooled = (baseline + p2) / 2;
  const root =
    normalQuantile(1 - alpha / 2) * Math.sqrt(2 * pooled * (1 - pooled)) +
    normalQuantile(power) * Math.sqrt(baseline * (1 - baseline) + p2 * (1 - p2));
  return Math.ceil((root * root) / ((p2 - baseline) * (p2 - baseline)));
}

/**
 * Checkouts per arm at which the sequential test (Waudby-Smith et al.'s confidence sequence, as
 * `compareProportions` with `sequential`) reaches `power` for p₁ → p₂: the smallest n with
 * (k(2n) + z_power)·√((p₁(1−p₁) + p₂(1−p₂))/n) ≤ |p₂ − p₁|, where k(N)·SE is the sequence's half-width at
 * N units in both arms. The left side falls as n grows, so a binary search finds it.
 */
function sequentialSampleSize(p1: number, p2: number, alpha: number, power: number, tuning: number): number {
  const rho = sequentialRho(alpha, tuning);
  const variance = p1 * (1 - p1) + p2 * (1 - p2);
  const zPower = normalQuantile(power);
  const detects = (n: number) => {
    const total = 2 * n;
    const nRho2 = total * rho * rho + 1;
    const k =
      Math.sqrt(total) * Math.sqrt((2 * nRho2 * Math.log(Math.sqrt(nRho2) / alpha)) / (total * rho) ** 2);
    return (k + zPower) * Math.sqrt(variance / n) <= Math.abs(p2 - p1);
  };
  let low = 1;
  let high = 2;
  while (!detects(high)) high *= 2;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (detects(mid)) high = mid;
    else low = mid;
  }
  return high;
}

export interface RemainingInput {
  readonly control: ProportionArm;
  readonly treatment: ProportionArm;
  readonly alpha?: number;
  readonly power?: number;
  /** Relative minimum detectable effect to plan for, default 0.05 (±5%); never the observed effect. */
  readonly mde?: number;
  /** Plan for the sequential test (see {@link sampleSize}); fixed-horizon when absent or false. */
  readonly sequential?: { readonly tuning?: number } | false;
}

export interface Remaining {
  /** Checkouts each arm needs in total; null when it cannot be computed (see `reason`). */
  readonly perArm: number | null;
  /** Additional checkouts across both arms until each reaches `perArm`; null with `perArm`. */
  readonly more: number | null;
  /** The observed control conversion rate used as the baseline. */
  readonly baseline: number;
  /** The relative effect planned for (the configured minimum detectable effect). */
  readonly mde: number;
  readonly reason?: string;
}

/**
 * "About N more checkouts until a decision", for the dashboard.
 *
 * Definition: the baseline is the observed control conversion rate; the effect planned for is the
 * configured minimum detectable effect `mde` (default 5% relative), never the observed lift, so the
 * figure only drifts with the baseline instead of jumping with the noise of the lift. `perArm` is
 * {@link sampleSize} for that baseline and +mde at `alpha` (0.05) and `power` (0.8), for the test in force
 * (`sequential`); `more` is what both arms still lack, Σ max(0, perArm − n_arm).
 *
 * @example
 * remainingToDecision({ control: { n: 4000, conversions: 1200 }, treatment: { n: 4000, conversions: 1260 } });
 * // { perArm: 14856, more: 21712, baseline: 0.3, mde: 0.05 }
 */
export function remainingToDecision({
  control,
  treatment,
  alpha,
  power,
  mde = 0.05,
  sequential,
}: RemainingInput): Remaining {
  const valid = (a: ProportionArm) =>
    Number.isFinite(a.n) &&
    a.n >= 0 &&
    Number.isFinite(a.conversions) &&
    a.conversions >= 0 &&
    a.conversions <= a.n;
  const baseline = valid(control) && control.n > 0 ? control.conversions / control.n : 0;
  const unknown = (reason: string): Remaining => ({ perArm: null, more: null, baseline, mde, reason });
  if (!valid(control) || !valid(treatment))
    return unknown('counts must be finite, non-negative, conversions ≤ n');
  if (baseline <= 0 || baseline >= 1) {
    return unknown(
      'the control arm needs both conversions and non-conversions before a sample size can be estimated',
    );
  }
  const p2 = baseline * (1 + mde);
  if (!(mde > 0 && p2 < 1)) {
    return unknown('the effect planned for would move the conversion rate outside (0, 1)');
  }
  const perArm = sampleSize({ baseline, mde, alpha, power, ...(sequential ? { sequential } : {}) });
  const more = Math.max(0, perArm - control.n) + Math.max(0, perArm - treatment.n);
  return { perArm, more, baseline, mde };
}
