import { describe, expect, it } from 'vitest';
import { summaryAggregates } from './aggregates.ts';
import { experimentResults } from './experiments.ts';
import { DAY_MS } from './filters.ts';
import { initiativeCards, krCard, readKeyResult } from './kr-cards.ts';
import type { KeyResult, Objective } from './okr-schema.ts';
import { handDataset, NOW, T0 } from './test-helpers.ts';

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
    { key: 'apple-pay', title: 'Apple Pay', keyResults: [], ice: { impact: 9, confidence: 6, ease: 1 } },
    {
      key: 'multi-step',
      title: 'Checkout w krokach',
      experiment: 'checkout-layout',
      keyResults: ['abandonment'],
      ice: { impact: 8, confidence: 5, ease: 7 },
    },
    {
      key: 'elsewhere',
      title: 'Inny KR',
      keyResults: ['speed'],
      ice: { impact: 10, confidence: 10, ease: 10 },
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
    });
  });
});
