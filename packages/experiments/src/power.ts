/**
 * Planning: how many checkouts an experiment needs, and how many more it needs from where it stands.
 */
import type { ProportionArm } from './compare.ts';
import { normalQuantile } from './distributions.ts';

export interface SampleSizeInput {
  /** Control conversion rate, in (0, 1), e.g. 0.3. */
  readonly baseline: number;
  /** Minimum detectable effect, relative to the baseline: 0.1 is +10%, −0.1 is −10%. */
  readonly mde: number;
  /** Two-sided significance level, default 0.05. */
  readonly alpha?: number;
  /** Probability of detecting a true effect of size `mde`, default 0.8. */
  readonly power?: number;
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
export function sampleSize({ baseline, mde, alpha = 0.05, power = 0.8 }: SampleSizeInput): number {
  inUnitInterval('baseline', baseline, '0.3 for 30% of checkouts converting');
  inUnitInterval('alpha', alpha, '0.05');
  inUnitInterval('power', power, '0.8');
  const p2 = baseline * (1 + mde);
  if (!(mde !== 0 && p2 > 0 && p2 < 1)) {
    throw new RangeError(`mde must be non-zero and keep baseline × (1 + mde) inside (0, 1); got mde ${mde}`);
  }
  const pooled = (baseline + p2) / 2;
  const root =
    normalQuantile(1 - alpha / 2) * Math.sqrt(2 * pooled * (1 - pooled)) +
    normalQuantile(power) * Math.sqrt(baseline * (1 - baseline) + p2 * (1 - p2));
  return Math.ceil((root * root) / ((p2 - baseline) * (p2 - baseline)));
}

export interface RemainingInput {
  readonly control: ProportionArm;
  readonly treatment: ProportionArm;
  readonly alpha?: number;
  readonly power?: number;
  /** Relative effect to plan for; defaults to the observed lift, at least 1% in size. */
  readonly mde?: number;
}

export interface Remaining {
  /** Checkouts each arm needs in total; null when it cannot be computed (see `reason`). */
  readonly perArm: number | null;
  /** Additional checkouts across both arms until each reaches `perArm`; null with `perArm`. */
  readonly more: number | null;
  /** The observed control conversion rate used as the baseline. */
  readonly baseline: number;
  /** The relative effect planned for. */
  readonly mde: number;
  readonly reason?: string;
}

/**
 * "About N more checkouts until a decision", for the dashboard.
 *
 * Definition: the baseline is the observed control conversion rate; the effect planned for is `mde`
 * when given, otherwise the observed relative lift (T − C)/C with its size floored at 1% (so a flat
 * result asks for the sample that would detect ±1%, not an infinite one). `perArm` is
 * {@link sampleSize} for that baseline and effect at `alpha` (0.05) and `power` (0.8); `more` is what both
 * arms still lack, Σ max(0, perArm − n_arm). It is a fixed-horizon estimate that moves as the observed
 * lift moves; with sequential testing a decision can come earlier.
 *
 * @example
 * remainingToDecision({ control: { n: 4000, conversions: 1200 }, treatment: { n: 4000, conversions: 1260 } });
 * // { perArm: 14856, more: 21712, baseline: 0.3, mde: ≈0.05 }: about 21,700 more checkouts
 */
export function remainingToDecision({ control, treatment, alpha, power, mde }: RemainingInput): Remaining {
  const valid = (a: ProportionArm) =>
    Number.isFinite(a.n) &&
    a.n >= 0 &&
    Number.isFinite(a.conversions) &&
    a.conversions >= 0 &&
    a.conversions <= a.n;
  const baseline = valid(control) && control.n > 0 ? control.conversions / control.n : 0;
  const unknown = (reason: string, planned = mde ?? 0): Remaining => ({
    perArm: null,
    more: null,
    baseline,
    mde: planned,
    reason,
  });
  if (!valid(control) || !valid(treatment))
    return unknown('counts must be finite, non-negative, conversions ≤ n');
  if (baseline <= 0 || baseline >= 1) {
    return unknown(
      'the control arm needs both conversions and non-conversions before a sample size can be estimated',
    );
  }
  const observed = treatment.n > 0 ? (treatment.conversions / treatment.n - baseline) / baseline : 0;
  const planned = mde ?? (observed < 0 ? -1 : 1) * Math.max(Math.abs(observed), 0.01);
  const p2 = baseline * (1 + planned);
  if (!(planned !== 0 && p2 > 0 && p2 < 1)) {
    return unknown('the effect planned for would move the conversion rate outside (0, 1)', planned);
  }
  const perArm = sampleSize({ baseline, mde: planned, alpha, power });
  const more = Math.max(0, perArm - control.n) + Math.max(0, perArm - treatment.n);
  return { perArm, more, baseline, mde: planned };
}
