import { describe, expect, it } from 'vitest';
import { backlog, iceScore, krProgress, krTrend, metricValue, okrSchema } from './okr.ts';
import { H, handDataset, NOW, T0 } from './test-helpers.ts';

const config = {
  objectives: [
    {
      key: 'checkout',
      title: 'Więcej zamówień z tych samych koszyków',
      keyResults: [
        {
          key: 'abandonment',
          metric: 'checkout_abandonment',
          baseline: 0.7,
          target: 0.5,
          period: { from: '2026-01-01', to: '2026-04-01' },
        },
      ],
      initiatives: [
        {
          key: 'blik-first',
          title: 'BLIK first',
          keyResults: ['abandonment'],
          ice: { impact: 6, confidence: 8, ease: 9 },
        },
        {
          key: 'multi-step',
          title: 'Checkout w krokach',
          experiment: 'checkout-layout',
          ice: { impact: 8, confidence: 5, ease: 7 },
        },
        { key: 'apple-pay', title: 'Apple Pay', ice: { impact: 9, confidence: 6, ease: 1 } },
      ],
    },
  ],
};

describe('okrSchema', () => {
  it('parses a configuration, turning ISO dates into epoch ms', () => {
    const parsed = okrSchema.parse(config);
    expect(parsed.objectives[0]?.keyResults[0]?.period).toEqual({ from: T0, to: Date.UTC(2026, 3, 1) });
    expect(parsed.objectives[0]?.initiatives[2]?.keyResults).toEqual([]);
  });

  it('names the field and the fix for bad input', () => {
    const bad = structuredClone(config) as any;
    bad.objectives[0].keyResults[0].baseline = 70;
    bad.objectives[0].keyResults[0].target = 70;
    bad.objectives[0].initiatives[0].keyResults = ['nope'];
    bad.objectives[0].initiatives[1].ice.ease = 11;
    const messages = okrSchema.safeParse(bad).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'objectives.0.keyResults.0.target: target must differ from baseline',
        'objectives.0.keyResults.0.baseline: checkout_abandonment is a rate: write 0.7 for 70%',
        'objectives.0.initiatives.1.ice.ease: ICE scores run from 1 to 10',
      ]),
    );
    bad.objectives[0].keyResults[0].baseline = 0.7;
    bad.objectives[0].keyResults[0].target = 0.5;
    bad.objectives[0].initiatives[1].ice.ease = 7;
    const refs = okrSchema.safeParse(bad).error?.issues.map((i) => i.message);
    expect(refs).toEqual(["no key result 'nope' in this objective"]);
  });
});

describe('ICE backlog', () => {
  it('scores by the product of impact, confidence and ease and orders the backlog by it', () => {
    // blik-first 6 × 8 × 9 = 432; multi-step 8 × 5 × 7 = 280; apple-pay 9 × 6 × 1 = 54.
    const initiatives = okrSchema.parse(config).objectives.flatMap((o) => o.initiatives);
    expect(backlog(initiatives).map((i) => [i.key, i.score])).toEqual([
      ['blik-first', 432],
      ['multi-step', 280],
      ['apple-pay', 54],
    ]);
    expect(iceScore({ impact: 1, confidence: 1, ease: 1 })).toBe(1);
  });
});

describe('krProgress', () => {
  it('is 0 at the baseline and 1 at the target, for a target below the baseline too', () => {
    const kr = { baseline: 0.7, target: 0.5 };
    expect(krProgress(kr, 0.7)).toBe(0);
    expect(krProgress(kr, 0.5)).toBe(1);
    // (0.62 − 0.7) / (0.5 − 0.7) = −0.08 / −0.2 = 0.4
    expect(krProgress(kr, 0.62)).toBeCloseTo(0.4);
    expect(krProgress(kr, 0.75)).toBeCloseTo(-0.25);
    expect(krProgress(kr, 0.45)).toBeCloseTo(1.25);
    expect(krProgress({ baseline: 0.3, target: 0.5 }, 0.4)).toBeCloseTo(0.5);
    expect(() => krProgress({ baseline: 0.5, target: 0.5 }, 0.5)).toThrow(RangeError);
  });
});

describe('krTrend', () => {
  it('gives the metric per day of the period up to now', () => {
    // Day 1 (T0 … T0+24h): A B D F G begun, all decided → abandoned B D G = 3/5.
    // Days 2–9: nothing. Day 10 (NOW−24h … NOW): E, pending → null.
    const points = krTrend(
      handDataset(),
      { metric: 'checkout_abandonment', period: { from: T0, to: T0 + 30 * 24 * H } },
      { now: NOW, buckets: 'day' },
    );
    expect(points).toHaveLength(10);
    expect(points[0]).toEqual({ from: T0, to: T0 + 24 * H, value: 0.6, complete: true });
    expect(points.slice(1).map((p) => p.value)).toEqual(Array(9).fill(null));
    expect(points[9]?.complete).toBe(false);
  });

  it('buckets by week', () => {
    const points = krTrend(
      handDataset(),
      { metric: 'median_time_to_purchase', period: { from: T0, to: NOW } },
      { now: NOW, buckets: 'week' },
    );
    // Week 1: A 15 m, D 30 h, F 9 m → median 15 m. Week 2 (partial, to NOW): E 10 m.
    expect(points.map((p) => p.value)).toEqual([15 * 60_000, 10 * 60_000]);
    expect(points[1]?.to).toBe(NOW);
  });

  it('reads each metric', () => {
    const summaries = handDataset();
    expect(metricValue('cart_abandonment', summaries, { now: NOW })).toBe(0.6);
    expect(metricValue('checkout_conversion', summaries, { now: NOW })).toBe(0.4);
    expect(metricValue('payment_failure_rate', summaries, { now: NOW })).toBe(3 / 7);
  });
});
