import { describe, expect, it } from 'vitest';
import { COMPARISON_REASONS, type Comparison, compareMeans, compareProportions } from './compare.ts';

/** gbstats' own tests round every output to 5 decimals; compare at that precision. */
function expectGbstats(
  result: Comparison,
  expected: { effect: number; ci: [number, number]; pValue: number; se: number },
) {
  expect(result.reason).toBeUndefined();
  expect(result.effect).toBeCloseTo(expected.effect, 5);
  expect(result.ci[0]).toBeCloseTo(expected.ci[0], 5);
  expect(result.ci[1]).toBeCloseTo(expected.ci[1], 5);
  expect(result.pValue).toBeCloseTo(expected.pValue, 5);
  expect(result.standardError).toBeCloseTo(expected.se, 5);
}

// Reference values: GrowthBook gbstats' test suite, packages/stats/tests/frequentist/test_tests.py
// (TestTwoSidedTTest, TestSequentialTTest), computed there with scipy; inputs copied from the same tests.
const gbControl = { n: 3407, sum: 1396.87, sumSquares: 52377.9767 };
const gbTreatment = { n: 3461, sum: 2422.7, sumSquares: 134698.29 };

describe('compareMeans / compareProportions reproduce gbstats', () => {
  it('relative lift with the delta method and Welch df (test_two_sided_ttest)', () => {
    expectGbstats(compareMeans({ control: gbControl, treatment: gbTreatment }), {
      effect: 0.70732,
      ci: [-0.03526, 1.44989],
      pValue: 0.06191,
      se: 0.37879,
    });
  });

  it('absolute difference (test_two_sided_ttest_absolute)', () => {
    expectGbstats(compareMeans({ control: gbControl, treatment: gbTreatment }, { relative: false }), {
      effect: 0.29,
      ci: [0.04538, 0.53462],
      pValue: 0.02016,
      se: 0.12478,
    });
  });

  it('proportions with unit variance p(1 − p) (test_two_sided_ttest_binom)', () => {
    const result = compareProportions({
      control: { n: 28, conversions: 14 },
      treatment: { n: 30, conversions: 16 },
    });
    expectGbstats(result, { effect: 0.06667, ci: [-0.47767, 0.61101], pValue: 0.80707, se: 0.2717 });
  });

  it('sequential confidence sequence with tuning 1000 (test_sequential_test_runs)', () => {
    const result = compareMeans(
      { control: { ...gbControl, n: 3000 }, treatment: gbTreatment },
      { sequential: { tuning: 1000 } },
    );
    expectGbstats(result, { effect: 0.50336, ci: [-0.55844, 1.56516], pValue: 1, se: 0.33341 });
  });

  it('sequential proportions with the default tuning 5000 (test_sequential_test_runs_prop)', () => {
    const result = compareProportions(
      { control: { n: 3000, conversions: 1396 }, treatment: { n: 3461, conversions: 2422 } },
      { sequential: {} },
    );
    expectGbstats(result, { effect: 0.50386, ci: [0.40098, 0.60675], pValue: 0, se: 0.03386 });
  });

  it('widens the interval under sequential testing but keeps the estimate', () => {
    const arms = { control: { ...gbControl, n: 3000 }, treatment: gbTreatment };
    const fixed = compareMeans(arms);
    const peeking = compareMeans(arms, { sequential: { tuning: 6461 } });
    expect(peeking.effect).toBe(fixed.effect);
    expect(peeking.ci[0]).toBeLessThan(fixed.ci[0]);
    expect(peeking.ci[1]).toBeGreaterThan(fixed.ci[1]);
  });

  // Chance to win: gbstats packages/stats/tests/bayesian/test_tests.py (EffectBayesianABTest, flat prior).
  it('chance to win from the flat-prior posterior (TestBinom, TestNorm)', () => {
    const binom = compareProportions({
      control: { n: 100, conversions: 49 },
      treatment: { n: 100, conversions: 51 },
    });
    expect(binom.chanceToWin).toBeCloseTo(0.60918, 5);
    expect(binom.standardError).toBeCloseTo(0.14725, 5);
    const norm = compareMeans({
      control: { n: 10, sum: 100, sumSquares: 1002.25 },
      treatment: { n: 10, sum: 105, sumSquares: 1111.5 },
    });
    expect(norm.chanceToWin).toBeCloseTo(0.91923, 5);
    expect(norm.standardError).toBeCloseTo(0.03572, 5);
  });
});

describe('degenerate inputs give a neutral result with a reason, never NaN', () => {
  const neutral = {
    effect: 0,
    ci: [0, 0],
    pValue: 1,
    chanceToWin: 0.5,
    standardError: 0,
    degreesOfFreedom: 0,
  };

  it.each([
    [
      'no conversions in control',
      { n: 500, conversions: 0 },
      { n: 500, conversions: 9 },
      COMPARISON_REASONS.baselineZero,
    ],
    [
      'a single unit in an arm',
      { n: 1, conversions: 1 },
      { n: 500, conversions: 9 },
      COMPARISON_REASONS.tooFewUnits,
    ],
    ['an empty arm', { n: 0, conversions: 0 }, { n: 0, conversions: 0 }, COMPARISON_REASONS.tooFewUnits],
    [
      '100% conversion in treatment',
      { n: 50, conversions: 10 },
      { n: 50, conversions: 50 },
      COMPARISON_REASONS.zeroVariance,
    ],
    [
      'more conversions than units',
      { n: 10, conversions: 11 },
      { n: 10, conversions: 1 },
      COMPARISON_REASONS.invalidInput,
    ],
    [
      'a NaN count',
      { n: Number.NaN, conversions: 1 },
      { n: 10, conversions: 1 },
      COMPARISON_REASONS.invalidInput,
    ],
  ])('proportions: %s', (_name, control, treatment, reason) => {
    expect(compareProportions({ control, treatment })).toEqual({ ...neutral, reason });
  });

  it('means: negative variance from inconsistent sums (gbstats test_two_sided_ttest_missing_variance)', () => {
    const result = compareMeans({ control: { ...gbControl, n: 2 }, treatment: gbTreatment });
    expect(result).toEqual({ ...neutral, reason: COMPARISON_REASONS.zeroVariance });
  });

  it('means: every value identical in an arm counts as zero variance despite rounding', () => {
    // Σx² − (Σx)²/n for three values of 0.7 is 2.2e-16 in doubles, not 0.
    const same = { n: 3, sum: 0.7 + 0.7 + 0.7, sumSquares: 0.7 * 0.7 + 0.7 * 0.7 + 0.7 * 0.7 };
    expect(compareMeans({ control: same, treatment: same }).reason).toBe(COMPARISON_REASONS.zeroVariance);
  });

  it('reports zero variance, not a zero baseline, for an absolute comparison without control conversions', () => {
    const result = compareProportions(
      { control: { n: 500, conversions: 0 }, treatment: { n: 500, conversions: 9 } },
      { relative: false },
    );
    expect(result.reason).toBe(COMPARISON_REASONS.zeroVariance);
  });

  it.each([
    [{ alpha: 0 }, 'alpha'],
    [{ alpha: 1.5 }, 'alpha'],
    [{ sequential: { tuning: -1 } }, 'tuning'],
  ])('throws a RangeError naming the option for %j', (options, name) => {
    const arms = { control: { n: 10, conversions: 3 }, treatment: { n: 10, conversions: 4 } };
    expect(() => compareProportions(arms, options)).toThrow(new RegExp(name));
  });
});
