/**
 * One suite for deleting simulated data, run on SQLite and PostgreSQL: simulated checkouts go with
 * all their events, summaries and report rows; real ones stay, and the summaries keep up afterwards.
 */
import {
  type Aggregates,
  type CellQuery,
  type Cells,
  DAY_MS,
  type PaymentTally,
  simulateCheckouts,
  summarize,
  summaryAggregates,
} from '@kasa/analytics';
import type { CheckoutEvent, EventStore } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import type { SimulatedData } from './simulated-data.ts';
import { createSummarizer, type SummaryLog } from './summarizer.ts';

export interface SimulatedDataStores {
  readonly events: EventStore & { count(): Promise<number> };
  readonly summaries: SummaryLog & Aggregates & SimulatedData;
}

const START = Date.UTC(2026, 9, 1);
const NOW = START + 5 * DAY_MS;
const events = (seed: number, checkouts: number) => [
  ...simulateCheckouts({ seed, checkouts, startTs: START, spanMs: 4 * DAY_MS }),
];
/** Real checkouts: the simulator's events without the mark. */
const real = events(21, 80).flatMap((checkout) => checkout.map(({ simulated: _, ...event }) => event));
const simulated = events(22, 120);
/** A simulated shopper's purchase as the server records it: not marked, but of a simulated checkout. */
const serverPurchase = (): CheckoutEvent => {
  const purchase = simulated.flat().find((e) => e.name === 'purchase');
  if (!purchase) throw new Error('the simulation has no purchase');
  const { simulated: _, ...unmarked } = purchase;
  return { ...unmarked, id: `${purchase.id}-server` };
};

const CHECKOUTS: CellQuery = { base: 'checkout', groupBy: ['layout'] };
const sorted = (cells: Cells) => ({
  ...cells,
  cells: [...cells.cells].sort((a, b) => String(a.key.layout).localeCompare(String(b.key.layout))),
});

export function describeSimulatedDeletion(name: string, open: () => Promise<SimulatedDataStores>): void {
  describe(`${name}: deleting simulated data`, () => {
    it('deletes simulated checkouts with all their events and report rows, and keeps the real ones', async () => {
      const { events: store, summaries } = await open();
      const all = [...real, ...simulated.flat(), serverPurchase()];
      await store.append(all);
      const summarizer = createSummarizer(summaries);
      await summarizer.catchUp();
      const options = { now: NOW, filters: { simulated: true } };
      expect((await summaries.cells(CHECKOUTS, options)).cells.length).toBeGreaterThan(0);

      const deleted = await summarizer.whileIdle(() => summaries.deleteSimulated());
      // Every simulated checkout (cart or checkout), and every one of their events, the unmarked one too.
      expect(deleted).toEqual({ checkouts: simulated.length, events: simulated.flat().length + 1 });
      expect(await store.count()).toBe(real.length);
      const reference = summaryAggregates(summarize(real));
      for (const filters of [{}, { simulated: false }]) {
        const o = { now: NOW, filters };
        expect(sorted(await summaries.cells(CHECKOUTS, o))).toEqual(sorted(reference.cells(CHECKOUTS, o)));
        const byMethod = (rows: readonly PaymentTally[]) =>
          [...rows].sort((a, b) => String(a.method).localeCompare(String(b.method)));
        expect(byMethod(await summaries.paymentTallies(o))).toEqual(byMethod(reference.paymentTallies(o)));
        expect(await summaries.timeToPurchase(o)).toEqual(reference.timeToPurchase(o));
      }
      expect((await summaries.cells(CHECKOUTS, options)).cells).toEqual([]);
      expect(await summaries.load(simulated.map((checkout) => checkout[0]?.checkoutId ?? ''))).toEqual(
        new Map(),
      );

      // Nothing left to delete; new events (real and simulated) are still folded in after the deletion.
      expect(await summaries.deleteSimulated()).toEqual({ checkouts: 0, events: 0 });
      const later = events(24, 10).flatMap((checkout) => checkout.map(({ simulated: _, ...e }) => e));
      await store.append([...later, ...events(23, 5).flat()]);
      await summarizer.catchUp();
      const laterReference = summaryAggregates(summarize([...real, ...later]));
      expect(sorted(await summaries.cells(CHECKOUTS, { now: NOW, filters: { simulated: false } }))).toEqual(
        sorted(laterReference.cells(CHECKOUTS, { now: NOW, filters: { simulated: false } })),
      );
      expect(await summarizer.whileIdle(() => summaries.deleteSimulated())).toEqual({
        checkouts: 5,
        events: events(23, 5).flat().length,
      });
    });
  });
}
