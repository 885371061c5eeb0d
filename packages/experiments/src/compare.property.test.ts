import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompareOptions, type Comparison, compareMeans, compareProportions } from './compare.ts';

const proportionArm = fc
  .integer({ min: 0, max: 2_000_000 })
  .chain((n) => fc.record({ n: fc.constant(n), conversions: fc.integer({ min: 0, max: n }) }));

const meanArm = fc
  .array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 0, maxLength: 40 })
  .map((xs) => ({
    n: xs.length,
    sum: xs.reduce((s, x) => s + x, 0),
    sumSquares: xs.reduce((s, x) => s + x * x, 0),
  }));

const options: fc.Arbitrary<CompareOptions> = fc.record(
  {
    alpha: fc.constantFrom(0.01, 0.05, 0.1, 0.2),
    relative: fc.boolean(),
    sequential: fc.option(fc.record({ tuning: fc.integer({ min: 100, max: 1_000_000 }) }), {
      nil: undefined,
    }),
  },
  { requiredKeys: [] },
);

function expectWellFormed(r: Comparison): void {
  for (const x of [
    r.effect,
    r.ci[0],
    r.ci[1],
    r.pValue,
    r.chanceToWin,
    r.standardError,
    r.degreesOfFreedom,
  ]) {
    expect(Number.isNaN(x)).toBe(false);
  }
  expect(r.pValue).toBeGreaterThanOrEqual(0);
  expect(r.pValue).toBeLessThanOrEqual(1);
  expect(r.chanceToWin).toBeGreaterThanOrEqual(0);
  expect(r.chanceToWin).toBeLessThanOrEqual(1);
  expect(r.ci[0]).toBeLessThanOrEqual(r.effect);
  expect(r.effect).toBeLessThanOrEqual(r.ci[1]);
}

describe('comparison properties', () => {
  it('proportions: p-value and chance to win in [0, 1], CI contains the estimate, never NaN', () => {
    fc.assert(
      fc.property(proportionArm, proportionArm, options, (control, treatment, o) => {
        expectWellFormed(compareProportions({ control, treatment }, o));
      }),
    );
  });

  it('means: the same for arbitrary observations, including empty and constant arms', () => {
    fc.assert(
      fc.property(meanArm, meanArm, options, (control, treatment, o) => {
        expectWellFormed(compareMeans({ control, treatment }, o));
      }),
    );
  });

  it('swapping arms negates the absolute effect and keeps the p-value', () => {
    fc.assert(
      fc.property(proportionArm, proportionArm, options, (a, b, o) => {
        const absolute = { ...o, relative: false };
        const forward = compareProportions({ control: a, treatment: b }, absolute);
        const backward = compareProportions({ control: b, treatment: a }, absolute);
        expect(backward.effect).toBeCloseTo(-forward.effect, 12);
        expect(backward.ci[0]).toBeCloseTo(-forward.ci[1], 12);
        expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
        expect(backward.chanceToWin).toBeCloseTo(forward.reason ? 0.5 : 1 - forward.chanceToWin, 12);
      }),
    );
  });

  it('a larger alpha never widens the interval', () => {
    fc.assert(
      fc.property(proportionArm, proportionArm, fc.boolean(), (control, treatment, relative) => {
        const strict = compareProportions({ control, treatment }, { alpha: 0.01, relative });
        const loose = compareProportions({ control, treatment }, { alpha: 0.1, relative });
        expect(loose.ci[1] - loose.ci[0]).toBeLessThanOrEqual(strict.ci[1] - strict.ci[0] + 1e-12);
      }),
    );
  });

  it('the fixed-horizon CI excludes 0 exactly when p < alpha', () => {
    fc.assert(
      fc.property(proportionArm, proportionArm, fc.boolean(), (control, treatment, relative) => {
        const r = compareProportions({ control, treatment }, { relative });
        fc.pre(r.reason === undefined && Math.abs(r.pValue - 0.05) > 1e-9);
        expect(r.ci[0] > 0 || r.ci[1] < 0).toBe(r.pValue < 0.05);
      }),
    );
  });
});
