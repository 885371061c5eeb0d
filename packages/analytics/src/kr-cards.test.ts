import { describe, expect, it } from 'vitest';
import { summaryAggregates } from './aggregates.ts';
import { experimentResults } from './experiments.ts';
import { DAY_MS } from './filters.ts';
import { initiativeCards, krCard, krStatus, readKeyResult } from './kr-cards.ts';
import { KR_MIN_SAMPLE } from './okr.ts';
import type { KeyResult, Objective } from './okr-schema.ts';
import { summarize } from './summary.ts';
import { event, H, handDataset, MIN, NOW, T0 } from './test-helpers.ts';

const abandonment = (days: number): KeyResult => ({
  key: 'abandonment',
  metric: 'checkout_abandonment',
  baseline: 0.7,
  target: 0.5,
  period: { from: T0, to: T0 + days * DAY_MS },
});
const objective: Objective = {
  key: 'checkout',
  title: 'Więcej zamówień',
  keyResults: [abandonment(90)],
  initiatives: [
    {
      key: 'apple-pay',
      title: 'Apple Pay',
      keyResults: [],
      ice: { impact: 9, confidence: 6, ease: 1 },
      links: [],
    },
    {
      key: 'multi-step',
      title: 'Checkout w krokach',
      experiment: 'checkout-layout',
      keyResults: ['abandonment'],
      ice: { impact: 8, confidence: 5, ease: 7 },
      links: [],
    },
    {
      key: 'elsewhere',
      title: 'Inny KR',
      keyResults: ['speed'],
      ice: { impact: 10, confidence: 10, ease: 10 },
      links: [],
    },
  ],
};
const results = experimentResults(
  handDataset(),
  { key: 'checkout-layout', variations: ['one-page', 'multi-step'] },
  { now: NOW },
);
const experiments = new Map([['checkout-layout', { status: 'stopped', results }]]);

describe('readKeyResult on the hand-computed shop', () => {
  it('measures the period, per day up to 62 days and per week beyond', async () => {
    // Decided A B D F G, abandoned B D G → 0.6; NOW is 10 days after T0.
    const aggregates = summaryAggregates(handDataset());
    const daily = await readKeyResult(aggregates, abandonment(62), { now: NOW });
    expect(daily.current).toBe(0.6);
    expect(daily.trend).toHaveLength(10);
    const weekly = await readKeyResult(aggregates, abandonment(63), { now: NOW });
    expect(weekly.trend.map((p) => p.value)).toEqual([0.6, null]);
  });

  it('intersects the period with the filters', async () => {
    // Multi-step: F bought, G left → 0.5.
    const values = await readKeyResult(summaryAggregates(handDataset()), abandonment(90), {
      now: NOW,
      filters: { variant: 'multi-step', to: NOW },
    });
    expect(values.current).toBe(0.5);
  });
});

describe('initiativeCards', () => {
  it('keeps initiatives naming the key result or none, highest ICE first, with their experiment', () => {
    // multi-step 8 × 5 × 7 = 280; apple-pay 9 × 6 × 1 = 54; 'elsewhere' names another key result.
    expect(initiativeCards(objective, 'abandonment', experiments)).toEqual([
      {
        key: 'multi-step',
        title: 'Checkout w krokach',
        ice: { impact: 8, confidence: 5, ease: 7 },
        iceScore: 280,
        experiment: 'checkout-layout',
        status: 'stopped',
        verdict: results.verdict,
      },
      {
        key: 'apple-pay',
        title: 'Apple Pay',
        ice: { impact: 9, confidence: 6, ease: 1 },
        iceScore: 54,
        experiment: null,
        status: null,
        verdict: null,
      },
    ]);
  });

  it('leaves out the status and verdict of an experiment that is not configured', () => {
    expect(initiativeCards(objective, 'abandonment', new Map())[0]).toMatchObject({
      experiment: null,
      status: null,
      verdict: null,
    });
  });
});

describe('krCard', () => {
  it('gives progress from the current value, null without one', () => {
    // (0.62 − 0.7) / (0.5 − 0.7) = 0.4.
    const kr = abandonment(90);
    expect(krCard(objective, kr, { current: 0.62, trend: [] }, experiments).progress).toBeCloseTo(0.4);
    expect(krCard(objective, kr, { current: null, trend: [] }, experiments)).toMatchObject({
      objective: { key: 'checkout', title: 'Więcej zamówień' },
      current: null,
      progress: null,
      status: 'no-data',
    });
  });

  it('says "not enough data" until the period holds the minimum sample, whatever the value', () => {
    // 0.45 is past the target 0.5 (from 0.7): reached, but only once 100 checkouts stand behind it.
    const kr = abandonment(90);
    const card = (sample: number) => krCard(objective, kr, { current: 0.45, sample, trend: [] }, experiments);
    expect(card(KR_MIN_SAMPLE - 1)).toMatchObject({ status: 'not-enough-data', sample: 99, minSample: 100 });
    expect(card(KR_MIN_SAMPLE).status).toBe('reached');
    expect(card(KR_MIN_SAMPLE).progress).toBeCloseTo(1.25);
  });
});

describe('krStatus', () => {
  it('judges a sampled key result: reached, in progress or the wrong way', () => {
    expect(krStatus({ current: 0.5, progress: 1, sample: 100 })).toBe('reached');
    expect(krStatus({ current: 0.6, progress: 0.5, sample: 100 })).toBe('in-progress');
    expect(krStatus({ current: 0.75, progress: -0.25, sample: 5000 })).toBe('wrong-way');
    expect(krStatus({ current: 0.75, progress: -0.25, sample: 20 })).toBe('not-enough-data');
    expect(krStatus({ current: null, progress: null, sample: 0 })).toBe('no-data');
    expect(krStatus({ current: 0.5, progress: 1, sample: 10 }, 10)).toBe('reached');
  });
});

describe('the BLIK failure key result', () => {
  const blik: KeyResult = {
    key: 'blik-failures',
    metric: 'blik_failure_rate',
    baseline: 0.12,
    target: 0.06,
    period: { from: T0, to: T0 + 30 * 24 * H },
  };
  const all: KeyResult = { ...blik, key: 'payment-failures', metric: 'payment_failure_rate' };
  // A card payment that fails twice, then the shopper leaves.
  const cardFailures = summarize([
    event('begin_checkout', { value: 10_000, currency: 'PLN', items: [] }, T0 + 6 * H, { checkoutId: 'H' }),
    ...[1, 2].map((n) =>
      event('payment_failed', { payment_type: 'card', reason: 'payment_failed' }, T0 + 6 * H + n * MIN, {
        checkoutId: 'H',
      }),
    ),
  ]);

  it('counts BLIK attempts only: a failed card payment does not move it', async () => {
    // BLIK: A paid at once, F failed twice then paid → 2 failures of 4 attempts; the sample is 4.
    const before = summaryAggregates(handDataset());
    const after = summaryAggregates([...handDataset(), ...cardFailures]);
    expect(await readKeyResult(before, blik, { now: NOW })).toMatchObject({ current: 0.5, sample: 4 });
    expect(await readKeyResult(after, blik, { now: NOW })).toMatchObject({ current: 0.5, sample: 4 });
    // Every method: 3 of 7 before, 5 of 9 with the card failures.
    expect(await readKeyResult(before, all, { now: NOW })).toMatchObject({ current: 3 / 7, sample: 7 });
    expect(await readKeyResult(after, all, { now: NOW })).toMatchObject({ current: 5 / 9, sample: 9 });
  });

  it('trends BLIK failures per day', async () => {
    const { trend } = await readKeyResult(summaryAggregates([...handDataset(), ...cardFailures]), blik, {
      now: NOW,
    });
    expect(trend[0]?.value).toBe(0.5);
    expect(trend.slice(1).map((p) => p.value)).toEqual(Array(9).fill(null));
  });
});
