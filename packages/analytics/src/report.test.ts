import { describe, expect, it } from 'vitest';
import { type Aggregates, summaryAggregates } from './aggregates.ts';
import { channelReport, joinCosts } from './channels.ts';
import type { CostRow } from './costs.ts';
import {
  cartAbandonmentRate,
  checkoutAbandonmentRate,
  checkoutConversionRate,
  medianTimeToPurchase,
  paymentFailureRates,
} from './definitions.ts';
import { experimentResults } from './experiments.ts';
import { fieldDropOff } from './fields.ts';
import { applyFilters, DAY_MS, type Filters, HOUR_MS, withinRange } from './filters.ts';
import { funnel } from './funnel.ts';
import { krProgress, krTrend, metricValue } from './okr.ts';
import { okrSchema } from './okr-schema.ts';
import { dashboardReport, type ReportExperiment, simulatedShare } from './report.ts';
import { simulateCheckouts } from './simulate.ts';
import { summarize } from './summary.ts';

const START = Date.UTC(2026, 0, 1);
/** Six days of carts; checkouts begun in the last 18 hours are still pending at `now`. */
const NOW = START + 6 * DAY_MS + 6 * HOUR_MS;
/** 3,000 simulated carts over both layouts, every fourth marked real so the simulated share is 3/4. */
const summaries = [...simulateCheckouts({ seed: 7, checkouts: 3000, spanMs: 6 * DAY_MS })]
  .flatMap((events) => summarize(events))
  .map((s, i) => (i % 4 === 0 ? { ...s, simulated: false } : s));

const okr = okrSchema.parse({
  objectives: [
    {
      key: 'checkout',
      title: 'Więcej zamówień z tych samych koszyków',
      keyResults: [
        {
          key: 'abandonment',
          metric: 'checkout_abandonment',
          baseline: 0.6,
          target: 0.4,
          period: { from: '2026-01-01', to: '2026-02-01' },
        },
        {
          key: 'speed',
          metric: 'median_time_to_purchase',
          baseline: 300_000,
          target: 200_000,
          period: { from: '2026-01-01', to: '2026-04-01' },
        },
      ],
      initiatives: [
        {
          key: 'multi-step',
          title: 'Checkout w krokach',
          experiment: 'checkout-layout',
          ice: { impact: 8, confidence: 5, ease: 7 },
        },
        {
          key: 'blik-first',
          title: 'BLIK first',
          keyResults: ['speed'],
          ice: { impact: 6, confidence: 8, ease: 9 },
        },
        {
          key: 'one-click',
          title: 'One-click',
          experiment: 'not-configured',
          keyResults: ['abandonment'],
          ice: { impact: 2, confidence: 2, ease: 2 },
        },
      ],
    },
    {
      key: 'payments',
      title: 'Płatności, które przechodzą',
      keyResults: [
        {
          key: 'failures',
          metric: 'payment_failure_rate',
          baseline: 0.1,
          target: 0.05,
          period: { from: '2026-01-02', to: '2026-01-05' },
        },
        {
          key: 'carts',
          metric: 'cart_abandonment',
          baseline: 0.8,
          target: 0.7,
          period: { from: '2026-01-01', to: '2026-01-31' },
        },
      ],
    },
  ],
});
const experiments: ReportExperiment[] = [
  { key: 'checkout-layout', variations: ['one-page', 'multi-step'], status: 'running' },
  { key: 'blik-first', variations: ['off', 'on'], weights: [1, 3], alpha: 0.01, status: 'draft' },
];
const cost = (date: string, source: string, medium: string, campaign: string, grosze: number): CostRow => ({
  line: 2,
  date,
  source,
  medium,
  campaign,
  cost: grosze,
});
const costs = [
  cost('2025-12-31', 'google', 'cpc', 'zima-2026', 1_000),
  cost('2026-01-02', 'google', 'cpc', 'zima-2026', 50_000),
  cost('2026-01-05', 'Facebook', 'paid_social', 'retargeting', 20_000),
  cost('2026-01-06', 'tiktok', 'paid_social', 'ferie', 7_000),
];

const cases: {
  readonly filters?: Filters;
  readonly windowMs?: number;
  readonly costDates: { from?: string; to?: string };
}[] = [
  { costDates: {} },
  { filters: { variant: 'multi-step', device: 'mobile' }, windowMs: 48 * HOUR_MS, costDates: {} },
  // `to` is exclusive: up to 2026-01-05T05:00 takes costs of the 5th.
  {
    filters: { from: START + DAY_MS, to: START + 4 * DAY_MS + 5 * HOUR_MS, source: 'google' },
    costDates: { from: '2026-01-02', to: '2026-01-05' },
  },
  { filters: { simulated: false, source: 'facebook', touch: 'first' }, costDates: {} },
];

describe('dashboardReport over summaries in memory equals the summary-based functions', () => {
  for (const { filters, windowMs, costDates } of cases) {
    it(`with filters ${JSON.stringify(filters ?? {})}`, async () => {
      const options = { now: NOW, windowMs: windowMs ?? 24 * HOUR_MS, filters: filters ?? {} };
      const {
        krs,
        simulatedShare: share,
        ...report
      } = await dashboardReport(summaryAggregates(summaries), {
        now: NOW,
        ...(filters ? { filters } : {}),
        ...(windowMs ? { windowMs } : {}),
        okr,
        experiments,
        costs,
      });
      const begun = applyFilters(summaries, filters).filter((s) => s.beganCheckout);
      const channels = channelReport(summaries, options);
      expect(report).toEqual({
        now: NOW,
        windowMs: options.windowMs,
        filters: options.filters,
        headline: {
          cartAbandonment: cartAbandonmentRate(summaries, options),
          checkoutAbandonment: checkoutAbandonmentRate(summaries, options),
          checkoutConversion: checkoutConversionRate(summaries, options),
          medianTimeToPurchase: medianTimeToPurchase(summaries, options),
          paymentFailure: paymentFailureRates(summaries, options).total,
        },
        funnel: funnel(summaries, { ...options, groupBy: ['layout'] }),
        experiments: experiments.map((spec) => experimentResults(summaries, spec, options)),
        fields: fieldDropOff(summaries, options),
        channels: {
          firstTouch: joinCosts(channels.firstTouch, costs, costDates),
          lastTouch: joinCosts(channels.lastTouch, costs, costDates),
        },
        payments: paymentFailureRates(summaries, options),
      });
      expect(share).toBe(begun.length ? begun.filter((s) => s.simulated).length / begun.length : 0);
      // Periods up to 62 days trend per day: only `speed` (90 days) trends per week.
      const cards = okr.objectives.flatMap(({ key, title, keyResults }) =>
        keyResults.map((kr) => {
          const current = metricValue(kr.metric, summaries, {
            ...options,
            filters: withinRange(filters, kr.period),
          });
          const buckets = kr.metric === 'median_time_to_purchase' ? 'week' : 'day';
          return {
            objective: { key, title },
            keyResult: kr,
            current,
            progress: current === null ? null : krProgress(kr, current),
            trend: krTrend(summaries, kr, { ...options, buckets }),
          };
        }),
      );
      expect(krs.map(({ initiatives, ...card }) => card)).toEqual(cards);
    });
  }

  it('has data to compare: both layouts, pending checkouts, a simulated share of about 3/4', async () => {
    const report = await dashboardReport(summaryAggregates(summaries), { now: NOW, okr, experiments, costs });
    expect(report.funnel.map((g) => g.label)).toEqual(['multi-step', 'one-page']);
    expect(report.headline.checkoutAbandonment.pending).toBeGreaterThan(100);
    expect(report.headline.checkoutAbandonment.total).toBeGreaterThan(1000);
    expect(report.simulatedShare).toBeCloseTo(0.75, 1);
    expect(report.krs[0]?.trend.map((p) => p.complete)).toEqual([true, true, true, true, true, false, false]);
  });
});

describe('dashboardReport from an asynchronous store', () => {
  it('gives the same report with few port calls', async () => {
    const sync = summaryAggregates(summaries);
    const calls: string[] = [];
    const counted =
      <A extends unknown[], T>(name: string, answer: (...args: A) => T) =>
      async (...args: A) => {
        calls.push(name);
        return answer(...args);
      };
    const store: Aggregates = {
      cells: counted('cells', sync.cells),
      fieldErrors: counted('fieldErrors', sync.fieldErrors),
      paymentTallies: counted('paymentTallies', sync.paymentTallies),
      timeToPurchase: counted('timeToPurchase', sync.timeToPurchase),
    };
    const input = { now: NOW, filters: { device: 'mobile' as const }, okr, experiments, costs };
    expect(await dashboardReport(store, input)).toEqual(await dashboardReport(sync, input));
    // 9 for the sections, 2 experiments, and per key result: abandonment 2, speed 1 + 1 week so far,
    // failures 1 + 3 days, carts 2.
    expect(calls).toHaveLength(9 + 2 + 2 + 2 + 4 + 2);
  });
});

describe('the report sections that join', () => {
  it('lists the initiatives of each key result by ICE, with the status and verdict of a configured experiment', async () => {
    const report = await dashboardReport(summaryAggregates(summaries), { now: NOW, okr, experiments, costs });
    const layout = experimentResults(
      summaries,
      { key: 'checkout-layout', variations: ['one-page', 'multi-step'] },
      { now: NOW },
    );
    const [abandonment, speed] = report.krs;
    // abandonment: multi-step (names no key result: the whole objective) 280, one-click 8; blik-first names speed only.
    expect(abandonment?.initiatives).toEqual([
      {
        key: 'multi-step',
        title: 'Checkout w krokach',
        ice: { impact: 8, confidence: 5, ease: 7 },
        iceScore: 280,
        experiment: 'checkout-layout',
        status: 'running',
        verdict: layout.verdict,
      },
      {
        key: 'one-click',
        title: 'One-click',
        ice: { impact: 2, confidence: 2, ease: 2 },
        iceScore: 8,
        experiment: null,
        status: null,
        verdict: null,
      },
    ]);
    expect(speed?.initiatives.map((i) => [i.key, i.iceScore])).toEqual([
      ['blik-first', 432],
      ['multi-step', 280],
    ]);
    expect(report.krs[2]?.initiatives).toEqual([]);
  });

  it('joins costs of the date range only, keeping channels that cost without checkouts', async () => {
    // From 2026-01-02 to 2026-01-05T05:00 (exclusive): google 500 zł and facebook 200 zł; not 2025-12-31, not tiktok on the 6th.
    const filters = { from: START + DAY_MS, to: START + 4 * DAY_MS + 5 * HOUR_MS };
    const report = await dashboardReport(summaryAggregates(summaries), {
      now: NOW,
      filters,
      okr,
      experiments,
      costs,
    });
    const spent = report.channels.lastTouch.filter((r) => r.cost > 0).map((r) => [r.source, r.cost]);
    expect(spent).toEqual([
      ['google', 50_000],
      ['facebook', 20_000],
    ]);
    const withAll = await dashboardReport(summaryAggregates(summaries), {
      now: NOW,
      okr,
      experiments,
      costs,
    });
    expect(withAll.channels.firstTouch.find((r) => r.source === 'tiktok')).toMatchObject({
      sessions: 0,
      cost: 7_000,
    });
  });

  it('reports no simulated share when the filters keep only real checkouts', async () => {
    const report = await dashboardReport(summaryAggregates(summaries), {
      now: NOW,
      filters: { simulated: false },
      okr,
      experiments,
      costs,
    });
    expect(report.simulatedShare).toBe(0);
    const onlySimulated = await dashboardReport(summaryAggregates(summaries), {
      now: NOW,
      filters: { simulated: true },
      okr,
      experiments,
      costs,
    });
    expect(onlySimulated.simulatedShare).toBe(1);
  });
});

describe('simulatedShare', () => {
  it('counts decided and pending checkouts, 0 without any', () => {
    const cells = (checkouts: number, pending: number) => ({
      cells: [{ key: {}, checkouts, conversions: 0, revenue: 0, revenueSumSquares: 0 }],
      pending,
      windowMs: DAY_MS,
    });
    // (30 + 10) of (70 + 10).
    expect(simulatedShare(cells(70, 10), cells(30, 10))).toBe(0.5);
    expect(simulatedShare({ cells: [], pending: 0, windowMs: DAY_MS }, cells(0, 0))).toBe(0);
  });
});
