import { describe, expect, it } from 'vitest';
import { remainingToDecision, sampleSize } from './power.ts';

describe('sampleSize', () => {
  // R documentation for power.prop.test (stats package), example:
  // `power.prop.test(p1 = .50, p2 = .75, power = .90)  ## =>  n = 76.7`, i.e. 77 per group.
  it('matches R power.prop.test: 50% → 75% at 90% power needs 77 per arm', () => {
    expect(sampleSize({ baseline: 0.5, mde: 0.5, power: 0.9 })).toBe(77);
  });

  // Hand arithmetic with table quantiles z₀.₉₇₅ = 1.959964, z₀.₈ = 0.841621: p̄ = 0.11,
  // (1.959964·√(2·0.11·0.89) + 0.841621·√(0.1·0.9 + 0.12·0.88))² / 0.02² = (0.867274 + 0.372220)² / 0.0004 = 3840.8.
  it('needs 3841 per arm to detect 10% → 12%', () => {
    expect(sampleSize({ baseline: 0.1, mde: 0.2 })).toBe(3841);
  });

  it('needs more checkouts for a smaller effect, a stricter alpha or more power', () => {
    const reference = sampleSize({ baseline: 0.3, mde: 0.1 });
    expect(sampleSize({ baseline: 0.3, mde: 0.05 })).toBeGreaterThan(reference);
    expect(sampleSize({ baseline: 0.3, mde: 0.1, alpha: 0.01 })).toBeGreaterThan(reference);
    expect(sampleSize({ baseline: 0.3, mde: 0.1, power: 0.9 })).toBeGreaterThan(reference);
  });

  it.each([
    [{ baseline: 0, mde: 0.1 }, 'baseline'],
    [{ baseline: 0.3, mde: 0 }, 'mde'],
    [{ baseline: 0.6, mde: 1 }, 'mde'],
    [{ baseline: 0.3, mde: 0.1, power: 1 }, 'power'],
    [{ baseline: 0.3, mde: 0.1, alpha: -0.05 }, 'alpha'],
  ])('throws a RangeError naming the field for %j', (input, field) => {
    expect(() => sampleSize(input)).toThrow(new RegExp(`^${field}`));
  });
});

describe('remainingToDecision', () => {
  it('plans for the configured mde (default 5%) and counts what both arms still lack', () => {
    const control = { n: 4000, conversions: 1200 };
    const treatment = { n: 4000, conversions: 1260 };
    const result = remainingToDecision({ control, treatment });
    expect(result).toMatchObject({ baseline: 0.3, mde: 0.05, perArm: 14856, more: 2 * (14856 - 4000) });
    expect(remainingToDecision({ control, treatment, mde: 0.1 }).perArm).toBe(
      sampleSize({ baseline: 0.3, mde: 0.1 }),
    );
  });

  it('does not move with the observed lift: a flat, a negative and a large lift need the same sample', () => {
    const control = { n: 1000, conversions: 300 };
    const needs = [300, 240, 420].map(
      (conversions) => remainingToDecision({ control, treatment: { n: 1000, conversions } }).more,
    );
    expect(new Set(needs).size).toBe(1);
    expect(needs[0]).toBe(2 * (sampleSize({ baseline: 0.3, mde: 0.05 }) - 1000));
  });

  it('plans a larger sample for the sequential test than for a fixed-horizon one, and more for more power', () => {
    const fixed = sampleSize({ baseline: 0.3, mde: 0.1 });
    const sequential = sampleSize({ baseline: 0.3, mde: 0.1, sequential: { tuning: 5000 } });
    expect(fixed).toBe(3763);
    expect(sequential).toBe(7426);
    expect(sampleSize({ baseline: 0.3, mde: 0.1, sequential: {}, power: 0.9 })).toBeGreaterThan(sequential);
    const arms = { control: { n: 100, conversions: 30 }, treatment: { n: 100, conversions: 30 } };
    expect(remainingToDecision({ ...arms, mde: 0.1, sequential: { tuning: 5000 } }).perArm).toBe(sequential);
  });

  it('reports 0 more once both arms have enough', () => {
    const result = remainingToDecision({
      control: { n: 50_000, conversions: 15_000 },
      treatment: { n: 50_000, conversions: 16_500 },
    });
    expect(result.more).toBe(0);
  });

  it.each([
    ['no checkouts yet', { n: 0, conversions: 0 }],
    ['no control conversions', { n: 100, conversions: 0 }],
    ['inconsistent counts', { n: 10, conversions: 20 }],
  ])('gives null with a reason for %s', (_name, control) => {
    const result = remainingToDecision({ control, treatment: { n: 100, conversions: 5 } });
    expect(result).toMatchObject({ perArm: null, more: null });
    expect(result.reason).toBeTruthy();
  });
});
