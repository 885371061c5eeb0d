import { describe, expect, it } from 'vitest';
import { type Aggregates, summaryAggregates } from './aggregates.ts';
import { type ChannelCostRow, channelReport, joinCosts } from './channels.ts';
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
import { cartFunnel, funnel } from './funnel.ts';
import { headlineComparison } from './headline.ts';
import { krStatus } from './kr-cards.ts';
import { KR_MIN_SAMPLE, type KrMetric, krProgress, krTrend, metricValue } from './okr.ts';
import { okrSchema } from './okr-schema.ts';
import { costScope, dashboardReport, type ReportExperiment, simulatedShare } from './report.ts';
import { simulateCheckouts } from './simulate.ts';
import { summarize } from './summary.ts';
import { NOW as HAND_NOW, handDataset } from './test-helpers.ts';

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
          key: 'blik',
          metric: 'blik_failure_rate',
          baseline: 0.1,
          target: 0.05,
          period: { from: '2026-01-01', to: '2026-01-08' },
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

/** What each KR metric is computed over, from the summary-based definitions. */
function referenceSample(metric: KrMetric, options: Parameters<typeof checkoutAbandonmentRate>[1]): number {
  switch (metric) {
    case 'checkout_abandonment':
    case 'checkout_conversion':
      return checkoutAbandonmentRate(summaries, options).total;
    case 'cart_abandonment':
      return cartAbandonmentRate(summaries, options).total;
    case 'median_time_to_purchase':
      return medianTimeToPurchase(summaries, options).count;
    case 'payment_failure_rate':
      return paymentFailureRates(summaries, options).total.attempts;
    case 'blik_failure_rate':
      return paymentFailureRates(summaries, options).methods.find((r) => r.method === 'blik')?.attempts ?? 0;
  }
}

describe('dashboardReport over summaries in memory equals the summary-based functions', () => {
  for (const { filters, windowMs, costDates } of cases) {
    it(`with filters ${JSON.stringify(filters ?? {})}`, async () => {
      const options = { now: NOW, windowMs: windowMs ?? 24 * HOUR_MS, filters: filters ?? {} };
      const {
        krs,
        simulatedShare: share,
        simulatedHidden: hidden,
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
      expect(costScope(options.filters, 'last')).toMatchObject(costDates);
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
          period: headlineComparison(summaries, options),
        },
        funnel: funnel(summaries, { ...options, groupBy: ['layout'] }),
        cartFunnel: cartFunnel(summaries, options),
        experiments: experiments.map((spec) => experimentResults(summaries, spec, options)),
        fields: fieldDropOff(summaries, options),
        channels: {
          firstTouch: joinCosts(channels.firstTouch, costs, costScope(options.filters, 'first')),
          lastTouch: joinCosts(channels.lastTouch, costs, costScope(options.filters, 'last')),
        },
        payments: paymentFailureRates(summaries, options),
      });
      expect(share).toBe(begun.length ? begun.filter((s) => s.simulated).length / begun.length : 0);
      const simulatedBegun = applyFilters(summaries, { ...filters, simulated: true }).filter(
        (s) => s.beganCheckout,
      ).length;
      expect(hidden).toBe(filters?.simulated === false ? simulatedBegun : 0);
      // Periods up to 62 days trend per day: only `speed` (90 days) trends per week.
      const cards = okr.objectives.flatMap(({ key, title, keyResults }) =>
        keyResults.map((kr) => {
          const current = metricValue(kr.metric, summaries, {
            ...options,
            filters: withinRange(filters, kr.period),
          });
          const buckets = kr.metric === 'median_time_to_purchase' ? 'week' : 'day';
          const inPeriod = { ...options, filters: withinRange(filters, kr.period) };
          const sample = referenceSample(kr.metric, inPeriod);
          const progress = current === null ? null : krProgress(kr, current);
          return {
            objective: { key, title },
            keyResult: kr,
            current,
            progress,
            sample,
            minSample: KR_MIN_SAMPLE,
            status: krStatus({ current, progress, sample }),
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
    // With a start date, one more: the previous period for the headline.
    const ranged = { ...input, filters: { ...input.filters, from: START + 3 * DAY_MS } };
    const before = calls.length;
    expect(await dashboardReport(store, ranged)).toEqual(await dashboardReport(sync, ranged));
    expect(calls.length - before).toBe(before + 1);
    calls.length = before;
    // 9 for the sections, 2 experiments × (cells + payment tallies), and per key result: abandonment 2,
    // speed 1 + 1 week so far, failures 1 + 3 days, BLIK 1 + 7 days, carts 2.
    expect(calls).toHaveLength(9 + 2 * 2 + 2 + 2 + 4 + 8 + 2);
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

  describe('costs under the filters, on the hand-computed shop', () => {
    // Decided, by last touch: A mobile google/cpc/zima paid 200 zł; D desktop google (first touch
    // facebook), paid too late: no order; F mobile facebook/paid_social/retargeting paid 300 zł; B and
    // G direct. Costs on 2026-01-01: google 50 zł, facebook 100 zł (all devices).
    const google = { line: 2, date: '2026-01-01', source: 'google', medium: 'cpc', campaign: 'zima' };
    const facebook = {
      line: 3,
      date: '2026-01-01',
      source: 'facebook',
      medium: 'paid_social',
      campaign: 'retargeting',
    };
    const allDevices: CostRow[] = [
      { ...google, cost: 5_000 },
      { ...facebook, cost: 10_000 },
    ];
    // The same spend imported per device: google 30 zł mobile + 20 zł desktop, facebook 100 zł mobile.
    const perDevice: CostRow[] = [
      { ...google, device: 'mobile', cost: 3_000 },
      { ...google, line: 4, device: 'desktop', cost: 2_000 },
      { ...facebook, device: 'mobile', cost: 10_000 },
    ];
    const reportOf = (filters: Filters, costs: readonly CostRow[]) =>
      dashboardReport(summaryAggregates(handDataset()), { now: HAND_NOW, filters, okr, experiments, costs });
    /** The paid channels' rows by source (ties in sessions come in any order). */
    const paid = (rows: readonly ChannelCostRow[]) =>
      rows
        .filter((r) => r.source !== '(direct)')
        .map((r) => [
          r.source,
          r.sessions,
          r.orders,
          r.revenue,
          r.cost,
          r.costPerOrder,
          r.roas,
          r.notComparable,
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

    it('without filters: google 50 zł for 1 order of 200 zł → ROAS 4; facebook 100 zł for 300 zł → ROAS 3', async () => {
      const report = await reportOf({}, allDevices);
      expect(paid(report.channels.lastTouch)).toEqual([
        ['facebook', 1, 1, 30_000, 10_000, 10_000, 3, null],
        ['google', 2, 1, 20_000, 5_000, 5_000, 4, null],
      ]);
    });

    it("a source filter leaves out the other sources' costs instead of listing them with 0 checkouts", async () => {
      const report = await reportOf({ source: 'google' }, allDevices);
      expect(paid(report.channels.lastTouch)).toEqual([['google', 2, 1, 20_000, 5_000, 5_000, 4, null]]);
      // By first touch, the google-last checkouts are A (first google) and D (first facebook): the
      // google row holds only part of google's first-touch checkouts, so its ROAS is not comparable.
      expect(paid(report.channels.firstTouch)).toEqual([
        ['facebook', 1, 0, 0, 0, null, null, null],
        ['google', 1, 1, 20_000, 5_000, null, null, 'touch'],
      ]);
    });

    it('a device filter makes costs of all devices not comparable: no cost per order or ROAS', async () => {
      const report = await reportOf({ device: 'desktop' }, allDevices);
      // Desktop: B direct and D google (no order). facebook had no desktop checkout: its cost row stays, unrated.
      expect(paid(report.channels.lastTouch)).toEqual([
        ['facebook', 0, 0, 0, 10_000, null, null, 'device'],
        ['google', 1, 0, 0, 5_000, null, null, 'device'],
      ]);
    });

    it("with costs imported per device, a device filter counts that device's costs and ROAS is comparable", async () => {
      const mobile = await reportOf({ device: 'mobile' }, perDevice);
      // Mobile: A google 200 zł for 30 zł → CPO 30 zł, ROAS 6.67; F facebook 300 zł for 100 zł → ROAS 3.
      expect(paid(mobile.channels.lastTouch)).toEqual([
        ['facebook', 1, 1, 30_000, 10_000, 10_000, 3, null],
        ['google', 1, 1, 20_000, 3_000, 3_000, 20_000 / 3_000, null],
      ]);
      const desktop = await reportOf({ device: 'desktop' }, perDevice);
      // Desktop: D google, no order, 20 zł → ROAS 0; facebook spent nothing on desktop, so no row.
      expect(paid(desktop.channels.lastTouch)).toEqual([['google', 1, 0, 0, 2_000, null, 0, null]]);
      // Without a device filter the per-device rows add up: google 30 + 20 = 50 zł → ROAS 4.
      const all = await reportOf({}, perDevice);
      expect(paid(all.channels.lastTouch)[1]).toEqual(['google', 2, 1, 20_000, 5_000, 5_000, 4, null]);
    });

    it('a layout filter makes every cost not comparable: ad costs are never split by layout', async () => {
      const report = await reportOf({ variant: 'one-page' }, perDevice);
      expect(paid(report.channels.lastTouch)).toEqual([
        ['facebook', 0, 0, 0, 10_000, null, null, 'variant'],
        ['google', 2, 1, 20_000, 5_000, null, null, 'variant'],
      ]);
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
    // The simulated checkouts left out are counted, so the dashboard can say how many it hides.
    const simulatedBegun = summaries.filter((s) => s.simulated && s.beganCheckout).length;
    expect(simulatedBegun).toBeGreaterThan(1000);
    expect(report.simulatedHidden).toBe(simulatedBegun);
    const onlySimulated = await dashboardReport(summaryAggregates(summaries), {
      now: NOW,
      filters: { simulated: true },
      okr,
      experiments,
      costs,
    });
    expect(onlySimulated.simulatedShare).toBe(1);
    expect(onlySimulated.simulatedHidden).toBe(0);
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
