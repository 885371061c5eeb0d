import { describe, expect, it } from 'vitest';
import { compareProportions } from './compare.ts';

/** mulberry32: a small seeded generator, so every run draws the same checkouts. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Orders out of `n` simulated checkouts that each convert with probability `rate`. */
function simulateArm(n: number, rate: number, random: () => number) {
  let conversions = 0;
  for (let i = 0; i < n; i++) if (random() < rate) conversions++;
  return { n, conversions };
}

const CHECKOUTS_PER_ARM = 20_000;
const BASELINE = 0.3;

describe('simulated checkout experiments (seeded)', () => {
  it('detects a +10% relative lift (30% → 33%) at 20,000 checkouts per arm', () => {
    const random = seeded(20250301);
    const control = simulateArm(CHECKOUTS_PER_ARM, BASELINE, random);
    const treatment = simulateArm(CHECKOUTS_PER_ARM, BASELINE * 1.1, random);
    const result = compareProportions({ control, treatment }, { alpha: 0.05 });
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.ci[0]).toBeGreaterThan(0);
    expect(result.ci[0]).toBeLessThan(0.1);
    expect(result.ci[1]).toBeGreaterThan(0.1);
    expect(result.chanceToWin).toBeGreaterThan(0.99);
  });

  it('does not call an A/A test with equal true rates', () => {
    const random = seeded(7);
    const control = simulateArm(CHECKOUTS_PER_ARM, BASELINE, random);
    const treatment = simulateArm(CHECKOUTS_PER_ARM, BASELINE, random);
    const result = compareProportions({ control, treatment }, { alpha: 0.05 });
    expect(result.pValue).toBeGreaterThanOrEqual(0.05);
    expect(result.ci[0]).toBeLessThan(0);
    expect(result.ci[1]).toBeGreaterThan(0);
  });

  it('keeps the A/A false-positive rate near alpha; the sequential test is more conservative at one look', () => {
    const random = seeded(42);
    const runs = 200;
    let fixedFalsePositives = 0;
    let sequentialFalsePositives = 0;
    for (let run = 0; run < runs; run++) {
      const control = simulateArm(5_000, BASELINE, random);
      const treatment = simulateArm(5_000, BASELINE, random);
      if (compareProportions({ control, treatment }).pValue < 0.05) fixedFalsePositives++;
      if (compareProportions({ control, treatment }, { sequential: { tuning: 10_000 } }).pValue < 0.05) {
        sequentialFalsePositives++;
      }
    }
    // Expected 10 of 200 at alpha 0.05 (binomial sd ≈ 3.1); 25 is about 5 sd out.
    expect(fixedFalsePositives).toBeLessThanOrEqual(25);
    expect(sequentialFalsePositives).toBeLessThanOrEqual(fixedFalsePositives);
  });

  it('has the planned power: a +10% lift is found in nearly every replicate at 20,000 per arm', () => {
    const random = seeded(99);
    let detected = 0;
    for (let run = 0; run < 40; run++) {
      const control = simulateArm(CHECKOUTS_PER_ARM, BASELINE, random);
      const treatment = simulateArm(CHECKOUTS_PER_ARM, BASELINE * 1.1, random);
      if (compareProportions({ control, treatment }).pValue < 0.05) detected++;
    }
    // z ≈ 0.03 / 0.00464 ≈ 6.5, so power is essentially 1.
    expect(detected).toBe(40);
  });
});
