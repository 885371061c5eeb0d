/**
 * Simulated checkouts written into an event store: the first start's living dashboard (seeded once,
 * into an empty store) and `kasa simulate`. Every event is marked `simulated: true` by the generator,
 * so reports leave them out unless asked and `kasa simulate --delete` (or the dashboard) deletes them.
 * A store is seeded only while empty: after such a delete the seed comes back only if nothing real
 * was left.
 */
import { type Aggregates, DAY_MS, type SimulationInput, simulateCheckouts } from '@kasa/analytics';
import type { CheckoutEvent, EventStore } from '@kasa/core';
import type { Summarizer } from '@kasa/storage';

/** Events per append: a few thousand rows per transaction. */
const SEED_BATCH_EVENTS = 5_000;
/** The seeded history: the last four weeks, so every default view has data. */
export const SEED_SPAN_MS = 28 * DAY_MS;

export interface WriteProgress {
  readonly checkouts: number;
  readonly events: number;
}

export interface WriteResult extends WriteProgress {
  /** Events the store kept (an event id seen before is skipped). */
  readonly stored: number;
}

/**
 * Streams the simulation into `events` in batches of whole checkouts (≈ `batchEvents` events each).
 *
 * @example
 * await writeSimulated(store, { seed: 7, checkouts: 2000, startTs: now - 28 * DAY_MS, spanMs: 28 * DAY_MS });
 * // { checkouts: 2000, events: 10480, stored: 10480 }
 */
export async function writeSimulated(
  events: Pick<EventStore, 'append'>,
  input: SimulationInput,
  options: { readonly batchEvents?: number; readonly onProgress?: (done: WriteProgress) => void } = {},
): Promise<WriteResult> {
  const limit = options.batchEvents ?? SEED_BATCH_EVENTS;
  let batch: CheckoutEvent[] = [];
  let checkouts = 0;
  let written = 0;
  let stored = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await events.append(batch);
    stored += result.stored;
    written += batch.length;
    batch = [];
    options.onProgress?.({ checkouts, events: written });
  };
  for (const checkout of simulateCheckouts(input)) {
    batch.push(...checkout);
    checkouts += 1;
    if (batch.length >= limit) await flush();
  }
  await flush();
  return { checkouts, events: written, stored };
}

export interface SeedStores {
  readonly events: Pick<EventStore, 'append'> & { count(): Promise<number> };
  readonly summaries: Pick<Aggregates, 'cells'>;
  readonly summarizer: Pick<Summarizer, 'catchUp'>;
}

/**
 * True when neither events nor summaries hold anything (summaries can exist without events, e.g.
 * written directly by the report benchmark).
 */
async function isEmptyStore(stores: SeedStores, now: number): Promise<boolean> {
  if ((await stores.events.count()) > 0) return false;
  for (const base of ['checkout', 'cart'] as const) {
    const cells = await stores.summaries.cells({ base, groupBy: [] }, { now });
    if (cells.pending > 0 || cells.cells.some((cell) => cell.checkouts > 0)) return false;
  }
  return true;
}

/**
 * The seeded history has a layout test with a real difference (multi-step loses fewer shoppers at the
 * contact step: 12% instead of 20%), so a new install sees the experiment engine reach a verdict.
 */
const DEMO_LAYOUTS: SimulationInput['layouts'] = [
  { name: 'one-page' },
  { name: 'multi-step', behaviour: { dropOff: { contact: 0.12 } } },
];

export interface SeedOptions {
  /** How many checkouts (carts) to simulate; 0 turns seeding off. */
  readonly checkouts: number;
  readonly now: number;
  readonly shopId: string;
  readonly seed?: number;
  readonly onProgress?: (done: WriteProgress) => void;
}

/**
 * Seeds an empty store with simulated checkouts spread over the last 28 days, then folds them into
 * the summaries. Resolves to what was written, or null when the store already had data (or
 * `checkouts` is 0): a shop's own data is never mixed with a seed it did not ask for.
 *
 * @example
 * await seedIfEmpty(runtime.analytics, { checkouts: 20_000, now: Date.now(), shopId: 'demo' });
 * // { checkouts: 20000, events: 104811, stored: 104811 }, or null on the next start
 */
export async function seedIfEmpty(stores: SeedStores, options: SeedOptions): Promise<WriteResult | null> {
  if (options.checkouts <= 0 || !(await isEmptyStore(stores, options.now))) return null;
  const result = await writeSimulated(
    stores.events,
    {
      seed: options.seed ?? 1,
      checkouts: options.checkouts,
      shopId: options.shopId,
      startTs: options.now - SEED_SPAN_MS,
      spanMs: SEED_SPAN_MS,
      layouts: DEMO_LAYOUTS,
    },
    options.onProgress ? { onProgress: options.onProgress } : {},
  );
  await stores.summarizer.catchUp();
  return result;
}
