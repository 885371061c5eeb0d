import { describe, expect, it } from 'vitest';
import { srm } from './srm.ts';

describe('srm', () => {
  // GrowthBook gbstats packages/stats/tests/test_gbstats.py::test_srm: check_srm([1000, 1200], [0.5, 0.5]),
  // asserted there to 9 decimals.
  it('reproduces gbstats check_srm for 1000 vs 1200 on a 50/50 split', () => {
    const result = srm([1000, 1200], [0.5, 0.5]);
    expect(result.pValue).toBeCloseTo(0.000020079, 9);
    expect(result.mismatch).toBe(true);
  });

  // Textbook arithmetic: 5000 vs 5200 expects 5100 each, X² = 2·100²/5100 = 3.9216 on 1 df, whose
  // survival (table: 3.841 ↔ 0.05) is just under 0.05 (0.0477; analytics reference §2.1.5), so no flag at 0.001.
  it('does not flag a 5000 vs 5200 split', () => {
    const result = srm([5000, 5200], [0.5, 0.5]);
    expect(result.pValue).toBeCloseTo(0.0477, 4);
    expect(result.mismatch).toBe(false);
  });

  // X² = 2·400²/5000 = 64 on 1 df: P(χ²₁ > 64) = erfc(√32) ≈ 1.2e-15 (analytics reference §2.1.5).
  it('flags a 4600 vs 5400 split', () => {
    const result = srm([4600, 5400], [0.5, 0.5]);
    expect(result.pValue / 1.244e-15).toBeCloseTo(1, 3);
    expect(result.mismatch).toBe(true);
  });

  // 3 arms, X² = (60² + 30² + 30²)/1000 = 5.4 on 2 df: the survival is exactly e^(−5.4/2).
  it('uses k − 1 degrees of freedom for three arms', () => {
    expect(srm([1060, 970, 970], [1, 1, 1]).pValue).toBeCloseTo(Math.exp(-2.7), 12);
  });

  it('accepts weights on any scale and honours uneven splits', () => {
    expect(srm([2000, 8000], [20, 80]).pValue).toBeCloseTo(1, 12);
    expect(srm([5000, 5000], [0.2, 0.8]).mismatch).toBe(true);
  });

  it('does not flag an extreme p-value until every arm has 8 units', () => {
    const result = srm([7, 400], [0.5, 0.5]);
    expect(result.pValue).toBeLessThan(0.001);
    expect(result.mismatch).toBe(false);
  });

  it('returns p = 1 with no units, and a reason for unusable input', () => {
    expect(srm([0, 0], [0.5, 0.5])).toEqual({ pValue: 1, mismatch: false });
    expect(srm([10], [1]).reason).toMatch(/at least 2 arms/);
    expect(srm([10, 10], [0.5]).reason).toMatch(/one entry per arm/);
    expect(srm([10, -1], [0.5, 0.5]).reason).toMatch(/non-negative/);
    expect(srm([10, 10], [0, 0]).reason).toMatch(/positive/);
  });
});
