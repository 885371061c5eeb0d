/**
 * One suite every summary store must pass: events appended in shuffled, partly repeated batches are
 * summarised once each, and every aggregate equals the in-memory reference of @kasa/analytics.
 */
import {
  type Aggregates,
  type CellQuery,
  type Cells,
  type CheckoutSummary,
  DAY_MS,
  type MetricOptions,
  simulateCheckouts,
  summarize,
  summaryAggregates,
} from '@kasa/analytics';
import type { CheckoutEvent, EventStore } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import type { RecentCheckout, RecentCheckouts } from './recent-checkouts.ts';
import { createSummarizer, type SummaryLog } from './summarizer.ts';
import { summaryRecord } from './summary-record.ts';

export interface SummaryStores {
  readonly events: EventStore;
  readonly summaries: SummaryLog & Aggregates & RecentCheckouts;
}

const START = Date.UTC(2026, 9, 1);
const SPAN = 6 * DAY_MS;
// A moment inside the span, so some checkouts are still pending.
const NOW = START + 5 * DAY_MS;

function simulatedEvents(): CheckoutEvent[] {
  return [...simulateCheckouts({ seed: 11, checkouts: 1_200, startTs: START, spanMs: SPAN })].flat();
}

/** Batches of 40 in a shuffled order, a tenth of them sent twice, as retrying trackers do. */
function deliveries(events: readonly CheckoutEvent[]): CheckoutEvent[][] {
  const shuffled = [...events];
  let seed = 7;
  for (let i = shuffled.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j] as CheckoutEvent, shuffled[i] as CheckoutEvent];
  }
  const batches: CheckoutEvent[][] = [];
  for (let i = 0; i < shuffled.length; i += 40) batches.push(shuffled.slice(i, i + 40));
  return batches.flatMap((batch, i) => (i % 10 === 3 ? [batch, batch] : [batch]));
}

const sorted = (cells: Cells) => ({
  ...cells,
  cells: [...cells.cells]
    .map((c) => ({ ...c, revenueSumSquares: Math.round(c.revenueSumSquares / 1e3) }))
    .sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1)),
});
const byName = <T extends { readonly field?: string; readonly method?: string | null }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => String(a.field ?? a.method).localeCompare(String(b.field ?? b.method)));

const QUERIES: readonly CellQuery[] = [
  { base: 'checkout', groupBy: [] },
  { base: 'cart', groupBy: [] },
  // The funnel from the cart: carts that never began a checkout have furthest −1.
  { base: 'cart', groupBy: ['furthest'] },
  { base: 'checkout', groupBy: ['layout', 'furthest'] },
  { base: 'checkout', groupBy: ['device', 'leaveField'] },
  { base: 'checkout', groupBy: ['source', 'medium', 'campaign'], touch: 'first' },
  { base: 'checkout', groupBy: ['source', 'medium', 'campaign'] },
  { base: 'checkout', groupBy: ['variation'], experiment: 'checkout-layout' },
  { base: 'checkout', groupBy: ['bucket'], buckets: { from: START + DAY_MS, step: DAY_MS } },
  { base: 'cart', groupBy: ['bucket'], buckets: { from: START, step: 7 * DAY_MS } },
];
const OPTIONS: readonly MetricOptions[] = [
  { now: NOW },
  { now: NOW + 3 * DAY_MS, windowMs: 2 * DAY_MS },
  { now: NOW, filters: { device: 'mobile', variant: 'multi-step' } },
  { now: NOW, filters: { source: 'google', touch: 'first', from: START + DAY_MS, to: START + 3 * DAY_MS } },
  { now: NOW, filters: { simulated: false } },
];

/** Options the rollups answer (whole days, the default window) and ones they answer in part. */
const ROLLUP_OPTIONS: readonly MetricOptions[] = [
  { now: NOW },
  { now: NOW, filters: { device: 'mobile' } },
  { now: NOW, filters: { from: START + DAY_MS, simulated: true } },
  // Cut days at both ends, read from the summary rows.
  { now: NOW, filters: { from: START + DAY_MS + 3_600_000, to: START + 4 * DAY_MS - 1 } },
  { now: NOW + 10 * DAY_MS, filters: { variant: 'one-page' } },
];

/**
 * An earlier state of a summary that differs in what the rollups key and count by: another day (two
 * days earlier), device and furthest step, no purchase, another variation and no errors or failures.
 */
function earlier(s: CheckoutSummary, i: number): CheckoutSummary {
  const shift = (ts: number | null) => (ts === null ? null : ts - 2 * DAY_MS);
  return {
    ...s,
    firstTs: s.firstTs - 2 * DAY_MS,
    beganTs: shift(s.beganTs),
    cartViewTs: shift(s.cartViewTs),
    device: s.device === 'mobile' ? 'desktop' : 'mobile',
    layout: i % 3 === 0 ? 'one-page' : s.layout,
    furthestSection: s.furthestSection === 'contact' ? 'payment' : 'contact',
    purchased: false,
    purchaseTs: null,
    revenue: 0,
    timeToPurchaseMs: null,
    experiments: Object.fromEntries(Object.keys(s.experiments).map((key) => [key, 'old-variation'])),
    fieldErrors: i % 2 ? { email: 3 } : {},
    paymentFailures: [],
    abandonedAt: null,
    lastField: null,
  };
}

export function describeSummaryStore(name: string, fresh: () => Promise<SummaryStores>): void {
  describe(`${name} summaries`, () => {
    it('summarise every event once and answer every aggregate as the in-memory reference', async () => {
      const { events, summaries } = await fresh();
      const all = simulatedEvents();
      const summarizer = createSummarizer(summaries, { batch: 700 });
      const batches = deliveries(all);
      // Half delivered, summarised, then the rest: the second pass folds into stored summaries.
      const half = batches.length >> 1;
      for (const batch of batches.slice(0, half)) await events.append(batch);
      const first = await summarizer.catchUp();
      expect(first).toBe(distinctEvents(batches.slice(0, half)));
      for (const batch of batches.slice(half)) await events.append(batch);
      expect(await summarizer.catchUp()).toBe(all.length - first);
      const reference = summaryAggregates(summarize(all));
      for (const options of OPTIONS) {
        for (const query of QUERIES) {
          expect(sorted(await summaries.cells(query, options)), JSON.stringify({ query, options })).toEqual(
            sorted(reference.cells(query, options)),
          );
        }
        expect(byName(await summaries.fieldErrors(options))).toEqual(byName(reference.fieldErrors(options)));
        expect(byName(await summaries.paymentTallies(options))).toEqual(
          byName(reference.paymentTallies(options)),
        );
        const experiment = { experiment: 'checkout-layout' };
        const byVariation = await summaries.paymentTallies(options, experiment);
        const key = (t: { readonly variation?: string; readonly method: string | null }) =>
          `${t.variation}/${t.method}`;
        const inOrder = (rows: readonly { readonly variation?: string; readonly method: string | null }[]) =>
          [...rows].sort((a, b) => key(a).localeCompare(key(b)));
        expect(inOrder(byVariation)).toEqual(inOrder(reference.paymentTallies(options, experiment)));
        expect(await summaries.timeToPurchase(options)).toEqual(reference.timeToPurchase(options));
      }
      const tallies = await summaries.paymentTallies({ now: NOW }, { experiment: 'checkout-layout' });
      expect(new Set(tallies.map((t) => t.variation))).toEqual(new Set(['one-page', 'multi-step']));
      // Some 300 queries after 1,200 checkouts' events: more than the default 20 s on a busy machine.
    }, 60_000);

    it('keep their rollups exact when summaries are saved again with another day, device or step', async () => {
      const { summaries } = await fresh();
      const final = summarize(simulatedEvents());
      // Every summary first in an earlier state; then a third of them once more in that state, with
      // the new ones of the batch; then the final states in batches that repeat some summaries.
      for (let i = 0; i < final.length; i += 300)
        await summaries.save(
          final.slice(i, i + 300).map((s, j) => summaryRecord(earlier(s, i + j), false)),
          i === 0 ? 0 : 1,
          1,
        );
      const again = final.filter((_, i) => i % 3 === 0);
      await summaries.save(
        again.map((s, i) => summaryRecord(earlier(s, i + 1), true)),
        1,
        2,
      );
      for (let i = 0; i < final.length; i += 250)
        await summaries.save(
          final.slice(Math.max(0, i - 50), i + 250).map((s) => summaryRecord(s, true)),
          i === 0 ? 2 : 3,
          3,
        );
      const reference = summaryAggregates(final);
      for (const options of ROLLUP_OPTIONS) {
        for (const query of QUERIES) {
          expect(sorted(await summaries.cells(query, options)), JSON.stringify({ query, options })).toEqual(
            sorted(reference.cells(query, options)),
          );
        }
        expect(byName(await summaries.fieldErrors(options))).toEqual(byName(reference.fieldErrors(options)));
        expect(byName(await summaries.paymentTallies(options))).toEqual(
          byName(reference.paymentTallies(options)),
        );
        const experiment = { experiment: 'checkout-layout' };
        const key = (t: { readonly variation?: string; readonly method: string | null }) =>
          `${t.variation}/${t.method}`;
        expect((await summaries.paymentTallies(options, experiment)).map(key).sort()).toEqual(
          reference.paymentTallies(options, experiment).map(key).sort(),
        );
      }
      const variations = await summaries.cells(QUERIES[7] as CellQuery, { now: NOW });
      expect(variations.cells.map((c) => c.key.variation).sort()).toEqual(['multi-step', 'one-page']);
    }, 60_000);

    it('lists the checkouts first seen since a moment, as their summaries say, for the live view', async () => {
      const { events, summaries } = await fresh();
      const all = simulatedEvents();
      for (const batch of deliveries(all)) await events.append(batch);
      await createSummarizer(summaries).catchUp();
      const since = START + 4 * DAY_MS;
      const expected: RecentCheckout[] = summarize(all)
        .filter((s) => s.firstTs >= since)
        .map((s) => ({
          firstTs: s.firstTs,
          lastTs: s.lastTs,
          beganTs: s.beganTs,
          purchaseTs: s.purchaseTs,
          revenue: s.revenue,
          abandonedTs: s.stamps.abandon?.ts ?? null,
          simulated: s.simulated,
          experiments: s.experiments,
        }));
      const order = (rows: readonly RecentCheckout[]) =>
        [...rows].sort((a, b) => a.firstTs - b.firstTs || a.lastTs - b.lastTs || a.revenue - b.revenue);
      expect(expected.length).toBeGreaterThan(50);
      expect(expected.some((c) => c.purchaseTs !== null)).toBe(true);
      expect(order(await summaries.recentCheckouts(since))).toEqual(order(expected));
    });

    it('a catch-up with nothing new reads nothing and changes nothing', async () => {
      const { events, summaries } = await fresh();
      const some = simulatedEvents().slice(0, 300);
      await events.append(some);
      const summarizer = createSummarizer(summaries);
      expect(await summarizer.catchUp()).toBe(300);
      const before = await summaries.cells({ base: 'checkout', groupBy: ['layout'] }, { now: NOW });
      expect(await summarizer.catchUp()).toBe(0);
      expect(await summaries.cells({ base: 'checkout', groupBy: ['layout'] }, { now: NOW })).toEqual(before);
    });
  });
}

/** Distinct events in some deliveries (a repeated batch is stored once). */
const distinctEvents = (batches: readonly CheckoutEvent[][]): number =>
  new Set(batches.flatMap((batch) => batch.map((e) => e.id))).size;
