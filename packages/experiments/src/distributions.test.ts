import { describe, expect, it } from 'vitest';
import {
  chiSquareSf,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from './distributions.ts';
import { gammaQ, logGamma, regularizedBeta } from './special.ts';

describe('special functions against exact identities', () => {
  it('logGamma matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(171)).toBeCloseTo(Math.log(7.257415615307994e306), 10); // 170!, the largest finite factorial
  });

  it('regularizedBeta matches the closed forms I_x(1, b) = 1 − (1 − x)^b, I_x(a, 1) = x^a, I_½(a, a) = ½', () => {
    for (const x of [1e-6, 0.1, 0.3, 0.5, 0.9, 0.999999]) {
      for (const k of [0.5, 1, 3, 40]) {
        expect(regularizedBeta(x, 1, k)).toBeCloseTo(1 - (1 - x) ** k, 14);
        expect(regularizedBeta(x, k, 1)).toBeCloseTo(x ** k, 14);
      }
    }
    // With a = 5000, ln B(a, a) ≈ −6937 and its last-bit rounding alone is ~1e-13 in the result.
    for (const a of [0.5, 2, 50, 5000]) expect(regularizedBeta(0.5, a, a)).toBeCloseTo(0.5, 11);
  });

  it('gammaQ matches Q(1, x) = e^−x and Q(n, x) = e^−x Σ x^k/k! for integer n', () => {
    for (const x of [0.01, 1, 5, 30, 200]) {
      expect(gammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 13);
      expect(gammaQ(3, x) / (Math.exp(-x) * (1 + x + (x * x) / 2))).toBeCloseTo(1, 12);
    }
  });
});

describe('normal distribution against published values', () => {
  // Values from standard normal tables (e.g. NIST/SEMATECH e-Handbook §1.3.6.7.1, Abramowitz & Stegun 26.2).
  it.each([
    [0, 0.5],
    [-1, 0.15865525393145707],
    [-3, 0.0013498980316301],
    [-6, 9.8658764503769e-10],
    [1.959963984540054, 0.975],
  ])('Φ(%d) = %d', (x, p) => {
    expect(normalCdf(x) / p).toBeCloseTo(1, 12);
  });

  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.8, 0.8416212335729143],
    [0.5, 0],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%d) = %d', (p, x) => {
    expect(normalQuantile(p)).toBeCloseTo(x, 11);
  });
});

/** P(|T| ≤ t) for integer ν from the finite sums of Abramowitz & Stegun 26.7.3 (odd ν) and 26.7.4 (even ν). */
function absTCdf(t: number, nu: number): number {
  const theta = Math.atan(t / Math.sqrt(nu));
  const c2 = Math.cos(theta) ** 2;
  let term = nu % 2 === 1 ? Math.cos(theta) : 1;
  let sum = nu % 2 === 1 && nu === 1 ? 0 : term;
  for (let k = nu % 2 === 1 ? 3 : 2; k <= nu - 2; k += 2) {
    term *= ((k - 1) / k) * c2;
    sum += term;
  }
  return nu % 2 === 1 ? (2 / Math.PI) * (theta + Math.sin(theta) * sum) : Math.sin(theta) * sum;
}

describe('Student t distribution', () => {
  // Two-sided critical values from published t tables (NIST/SEMATECH e-Handbook §1.3.6.7.2), to the
  // digits printed there, plus the 9-decimal t_{0.975,10} = 2.228138852.
  it.each([
    [0.975, 1, 12.706, 1e-3],
    [0.975, 2, 4.303, 1e-3],
    [0.975, 5, 2.571, 1e-3],
    [0.975, 10, 2.228138852, 1e-9],
    [0.975, 30, 2.042, 1e-3],
    [0.995, 5, 4.032, 1e-3],
    [0.95, 30, 1.697, 1e-3],
    [0.975, 100, 1.984, 1e-3],
  ])('t quantile at p = %d with %i df is %d', (p, df, t, tolerance) => {
    expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(tolerance);
    expect(Math.abs(studentTQuantile(1 - p, df) + t)).toBeLessThan(tolerance);
  });

  it('matches the exact Cauchy (ν = 1) and ν = 2 forms', () => {
    for (const t of [-50, -3, -0.5, 0, 0.7, 2, 400]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 14);
    }
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 9);
  });

  it('matches the A&S 26.7.3/26.7.4 closed forms for ν = 1…40 across the range', () => {
    for (let nu = 1; nu <= 40; nu++) {
      for (const t of [0.1, 0.8, 1.7, 2.5, 3.5, 6, 12]) {
        expect(studentTTwoSidedP(t, nu)).toBeCloseTo(1 - absTCdf(t, nu), 12);
      }
    }
  });

  it('inverts its own CDF, including heavy tails and very large ν', () => {
    for (const df of [1.5, 3.7, 25, 1234.5, 1e6, 1e9]) {
      for (const p of [1e-8, 0.001, 0.025, 0.3, 0.9, 0.975]) {
        expect(studentTCdf(studentTQuantile(p, df), df) / p).toBeCloseTo(1, 9);
      }
    }
  });

  it('approaches the normal as ν grows (first Edgeworth term φ(t)(t³ + t)/4ν)', () => {
    const t = 1.959963984540054;
    const firstOrder = (nu: number) =>
      0.975 - (Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI)) * ((t ** 3 + t) / (4 * nu));
    for (const nu of [1e6, 1e8, 1e10]) expect(studentTCdf(t, nu)).toBeCloseTo(firstOrder(nu), 12);
  });
});

describe('chi-square survival function', () => {
  // Upper critical values from published chi-square tables (NIST/SEMATECH e-Handbook §1.3.6.7.4).
  it.each([
    [3.841458820694124, 1, 0.05, 1e-12],
    [6.635, 1, 0.01, 1e-5],
    [10.828, 1, 0.001, 1e-6],
    [5.991464547107979, 2, 0.05, 1e-12],
    [11.345, 3, 0.01, 1e-5],
    [18.307, 10, 0.05, 1e-5],
  ])('P(χ² > %d) with %i df is %d', (x, df, p, tolerance) => {
    expect(Math.abs(chiSquareSf(x, df) - p)).toBeLessThan(tolerance);
  });

  it('matches e^(−x/2) exactly for 2 df, and is 1 at 0', () => {
    for (const x of [0.1, 2, 13.8, 60]) expect(chiSquareSf(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 13);
    expect(chiSquareSf(0, 4)).toBe(1);
  });
});
