/**
 * Normal, Student t and chi-square distribution functions, built on `special.ts`. Internal to the
 * package; accuracy is pinned against published table values in `distributions.test.ts`.
 */
import { betaByFraction, gammaQ, logGamma, regularizedBeta } from './special.ts';

const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

/**
 * Standard normal CDF Φ(x), via erfc(|x|/√2) = Q(½, x²/2) so that tails keep their relative accuracy.
 *
 * @example
 * normalCdf(1.959963984540054); // 0.975
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (!Number.isFinite(x)) return x > 0 ? 1 : 0;
  const tail = 0.5 * gammaQ(0.5, (x * x) / 2);
  return x < 0 ? tail : 1 - tail;
}

/**
 * Standard normal quantile Φ⁻¹(p).
 *
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalQuantile(1 - p);
  // Abramowitz & Stegun 26.2.23 (error < 4.5e-4) as a start, then Halley steps on the exact CDF.
  const s = Math.sqrt(-2 * Math.log(p));
  let x = -(
    s -
    (2.515517 + 0.802853 * s + 0.010328 * s * s) / (1 + s * (1.432788 + s * (0.189269 + 0.001308 * s)))
  );
  for (let i = 0; i < 4; i++) {
    const u = (normalCdf(x) - p) * SQRT_TWO_PI * Math.exp((x * x) / 2);
    if (!Number.isFinite(u)) break;
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/** Upper tail P(T > t) for t ≥ 0: ½·I_x(ν/2, ½) with x = ν/(ν+t²), complement y = t²/(ν+t²) kept exact. */
function tUpperTail(t: number, df: number): number {
  const t2 = t * t;
  if (t2 === Number.POSITIVE_INFINITY) return 0;
  if (df > 1e7) {
    // Every beta form cancels at this many degrees of freedom; the first Edgeworth term of the t around the
    // normal, φ(t)(t³ + t)/(4ν), is exact to O(ν⁻²) < 1e-13 here.
    return 0.5 * gammaQ(0.5, t2 / 2) + (Math.exp(-t2 / 2) * (t2 * t + t)) / (SQRT_TWO_PI * 4 * df);
  }
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  // With many degrees of freedom x sits within ~t²/ν of 1 and the fraction for I_x(ν/2, ½) cancels at
  // every step. Near the centre use P(|T| < t) = I_y(½, ν/2): y is small there and nothing cancels; in
  // the tail (t ≥ 3) the direct form keeps the tail's relative digits.
  if (t2 < 9 && df > 64) return 0.5 * (1 - betaByFraction(y, 0.5, df / 2, x));
  return 0.5 * regularizedBeta(x, df / 2, 0.5, y);
}

/**
 * Student t CDF with `df` degrees of freedom (any positive real; `Infinity` gives the normal).
 *
 * @example
 * studentTCdf(1, 1); // 0.75 (Cauchy)
 * studentTCdf(2.228138852, 10); // 0.975
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = tUpperTail(Math.abs(t), df);
  return t < 0 ? tail : 1 - tail;
}

/**
 * Two-sided p-value P(|T| > |t|), computed directly so that tiny p-values keep their digits.
 *
 * @example
 * studentTTwoSidedP(2.228138852, 10); // 0.05
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return 2 * normalCdf(-Math.abs(t));
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, 2 * tUpperTail(Math.abs(t), df));
}

function studentTPdf(t: number, df: number): number {
  const logDensity =
    logGamma((df + 1) / 2) -
    logGamma(df / 2) -
    0.5 * Math.log(df * Math.PI) -
    ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/**
 * Student t quantile F⁻¹(p; df): safeguarded Newton on the upper tail, starting from the
 * Cornish–Fisher expansion around the normal quantile and falling back to bisection.
 *
 * @example
 * studentTQuantile(0.975, 10); // 2.228138852
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || !(df > 0)) return Number.NaN;
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  // Solve for the tail mass q directly: forming 1 − p for a small p would throw away its digits.
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  const z = -normalQuantile(q);
  const z3 = z * z * z;
  const guess = z + (z3 + z) / (4 * df) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * df * df);
  let lo = 0;
  let hi = Math.max(1, 2 * guess);
  while (tUpperTail(hi, df) > q && hi < 1e300) hi *= 2;
  let t = guess > lo && guess < hi ? guess : (lo + hi) / 2;
  for (let i = 0; i < 500; i++) {
    const excess = tUpperTail(t, df) - q;
    if (excess > 0) lo = t;
    else hi = t;
    let next = t + excess / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, t)) {
      t = next;
      break;
    }
    t = next;
  }
  return upper ? t : -t;
}

/**
 * Chi-square survival function P(X > x) with `df` degrees of freedom.
 *
 * @example
 * chiSquareSf(3.841458820694124, 1); // 0.05
 */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  return gammaQ(df / 2, Math.max(0, x) / 2);
}
