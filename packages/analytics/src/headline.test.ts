import { describe, expect, it } from 'vitest';
import { compare, headlineComparison, previousPeriod } from './headline.ts';
import { H, handDataset, NOW, T0 } from './test-helpers.ts';

const summaries = handDataset();

describe('headline: orders, revenue, average order value and conversion beside the previous period', () => {
  it('counts the decided checkouts paid within the window, their revenue and average', () => {
    // Decided: A (paid 200 zł), B, D (paid after the window: abandoned), F (paid 300 zł), G; E is pending.
    const all = headlineComparison(summaries, { now: NOW });
    expect(all.orders.current).toBe(2);
    expect(all.revenue.current).toBe(50_000);
    expect(all.averageOrderValue.current).toBe(25_000);
    expect(all.conversion.current).toBe(0.4);
    // Without a start there is no previous period: nothing beside the figures.
    expect(all.previousPeriod).toBeNull();
    expect(all.period).toEqual({ from: null, to: NOW });
    expect(all.orders).toMatchObject({ previous: null, change: null, difference: null });
  });

  it('compares with the period of the same length just before', () => {
    // [T0+3h, T0+6h): D, F, G begun; 1 order (F, 300 zł), conversion 1/3.
    // [T0, T0+3h): A, B begun (C only viewed its cart); 1 order (A, 200 zł), conversion 1/2.
    const period = headlineComparison(summaries, { now: NOW, filters: { from: T0 + 3 * H, to: T0 + 6 * H } });
    expect(period.period).toEqual({ from: T0 + 3 * H, to: T0 + 6 * H });
    expect(period.previousPeriod).toEqual({ from: T0, to: T0 + 3 * H });
    expect(period.orders).toEqual({ current: 1, previous: 1, change: 0, difference: 0 });
    expect(period.revenue).toEqual({ current: 30_000, previous: 20_000, change: 0.5, difference: 10_000 });
    expect(period.averageOrderValue).toMatchObject({ current: 30_000, previous: 20_000, change: 0.5 });
    expect(period.conversion.current).toBeCloseTo(1 / 3);
    expect(period.conversion.previous).toBe(0.5);
    expect(period.conversion.difference).toBeCloseTo(-1 / 6);
    expect(period.conversion.change).toBeCloseTo(-1 / 3);
  });

  it('applies the other filters to both periods', () => {
    // Mobile only: [T0+3h, T0+6h) F, G → 1 of 2; before it A → 1 of 1.
    const mobile = headlineComparison(summaries, {
      now: NOW,
      filters: { from: T0 + 3 * H, to: T0 + 6 * H, device: 'mobile' },
    });
    expect(mobile.conversion).toMatchObject({ current: 0.5, previous: 1, difference: -0.5 });
  });

  it('has no average order value, and no change, without orders', () => {
    // [T0+1h, T0+3h) holds B only; before it, [T0−1h, T0+1h), A.
    const quiet = headlineComparison(summaries, { now: NOW, filters: { from: T0 + H, to: T0 + 3 * H } });
    expect(quiet.averageOrderValue).toEqual({
      current: null,
      previous: 20_000,
      change: null,
      difference: null,
    });
    expect(quiet.orders).toEqual({ current: 0, previous: 1, change: -1, difference: -1 });
    expect(compare(5, 0)).toEqual({ current: 5, previous: 0, change: null, difference: 5 });
  });

  it('takes a range without an end as running up to now', () => {
    expect(previousPeriod({ from: NOW - 7 * 24 * H }, NOW)).toEqual({
      from: NOW - 14 * 24 * H,
      to: NOW - 7 * 24 * H,
    });
    expect(previousPeriod({ to: NOW }, NOW)).toBeNull();
  });
});
