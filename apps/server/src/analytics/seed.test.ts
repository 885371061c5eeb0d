import { DAY_MS } from '@kasa/analytics';
import { deletesSimulated } from '@kasa/storage';
import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../config.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { SEED_SPAN_MS, seedIfEmpty } from './seed.ts';

const NOW = Date.UTC(2026, 10, 20, 12);
const runtimes: Runtime[] = [];

function memoryRuntime(): Runtime {
  const runtime = createRuntime({
    config: configSchema.parse({ databaseFile: ':memory:', analytics: { seedCheckouts: 300 } }),
    publicUrl: 'http://127.0.0.1:1',
    logDestination: { write: () => undefined },
  });
  runtimes.push(runtime);
  return runtime;
}
afterEach(async () => {
  // Appends schedule a catch-up 100 ms later: let it run before the database closes.
  await new Promise((resolve) => setTimeout(resolve, 150));
  for (const runtime of runtimes.splice(0)) {
    await runtime.analytics.summarizer.catchUp();
    runtime.close();
  }
});

const count = (runtime: Runtime, sql: string) => (runtime.db.prepare(sql).get() as { n: number }).n;

describe('seedIfEmpty', () => {
  it('seeds an empty store once, all simulated, over the last 28 days, and builds the summaries', async () => {
    const runtime = memoryRuntime();
    const progress: number[] = [];
    const seeded = await seedIfEmpty(runtime.analytics, {
      checkouts: 300,
      now: NOW,
      shopId: 'demo',
      onProgress: ({ checkouts }) => progress.push(checkouts),
    });
    expect(seeded?.checkouts).toBe(300);
    expect(seeded?.stored).toBe(seeded?.events);
    expect(progress.at(-1)).toBe(300);
    const events = await runtime.analytics.events.count();
    expect(events).toBe(seeded?.events);
    expect(count(runtime, 'SELECT COUNT(*) AS n FROM kasa_events WHERE simulated = 0')).toBe(0);
    const [first] = await runtime.analytics.events.byCheckout('sim_1_0');
    expect(first?.simulated).toBe(true);
    expect(first?.ts).toBeGreaterThanOrEqual(NOW - SEED_SPAN_MS);
    expect(first?.ts).toBeLessThan(NOW - SEED_SPAN_MS + DAY_MS);
    // Summaries are caught up: every cart is counted, and all of them as simulated.
    expect(count(runtime, 'SELECT COUNT(*) AS n FROM kasa_checkout_summaries')).toBe(300);
    expect(count(runtime, 'SELECT COUNT(*) AS n FROM kasa_checkout_summaries WHERE simulated = 1')).toBe(300);

    expect(await seedIfEmpty(runtime.analytics, { checkouts: 300, now: NOW + 1, shopId: 'demo' })).toBeNull();
    expect(await runtime.analytics.events.count()).toBe(events);
  });

  it('leaves a store with data alone, and seeds nothing when turned off', async () => {
    const runtime = memoryRuntime();
    await runtime.analytics.events.append([
      {
        id: 'evt_real_000001',
        ts: NOW - DAY_MS,
        shopId: 'demo',
        checkoutId: 'chk_real_1',
        name: 'view_cart',
        params: { value: 10_000, currency: 'PLN', items: [] },
      },
    ]);
    expect(await seedIfEmpty(runtime.analytics, { checkouts: 300, now: NOW, shopId: 'demo' })).toBeNull();
    expect(await runtime.analytics.events.count()).toBe(1);

    const empty = memoryRuntime();
    expect(await seedIfEmpty(empty.analytics, { checkouts: 0, now: NOW, shopId: 'demo' })).toBeNull();
    expect(await empty.analytics.events.count()).toBe(0);
  });

  it('does not come back after its data is deleted while real checkouts remain; only into an empty store', async () => {
    const runtime = memoryRuntime();
    await seedIfEmpty(runtime.analytics, { checkouts: 30, now: NOW, shopId: 'demo' });
    await runtime.analytics.events.append([
      {
        id: 'evt_real_000002',
        ts: NOW - DAY_MS,
        shopId: 'demo',
        checkoutId: 'chk_real_2',
        name: 'view_cart',
        params: { value: 10_000, currency: 'PLN', items: [] },
      },
    ]);
    const { summaries, summarizer } = runtime.analytics;
    if (!deletesSimulated(summaries)) throw new Error('the SQLite summaries delete simulated data');
    const deleted = await summarizer.whileIdle(() => summaries.deleteSimulated());
    expect(deleted.checkouts).toBe(30);
    expect(await seedIfEmpty(runtime.analytics, { checkouts: 30, now: NOW, shopId: 'demo' })).toBeNull();
    expect(count(runtime, 'SELECT COUNT(*) AS n FROM kasa_checkout_summaries')).toBe(1);
    // With nothing real left the store is empty again, and a start seeds it (seedCheckouts 0 keeps it empty).
    const demoOnly = memoryRuntime();
    await seedIfEmpty(demoOnly.analytics, { checkouts: 30, now: NOW, shopId: 'demo' });
    const store = demoOnly.analytics.summaries;
    if (!deletesSimulated(store)) throw new Error('the SQLite summaries delete simulated data');
    await demoOnly.analytics.summarizer.whileIdle(() => store.deleteSimulated());
    expect(await seedIfEmpty(demoOnly.analytics, { checkouts: 0, now: NOW, shopId: 'demo' })).toBeNull();
    expect(
      (await seedIfEmpty(demoOnly.analytics, { checkouts: 30, now: NOW, shopId: 'demo' }))?.checkouts,
    ).toBe(30);
  });

  it('counts summaries without events as data (e.g. written directly)', async () => {
    const runtime = memoryRuntime();
    await seedIfEmpty(runtime.analytics, { checkouts: 20, now: NOW, shopId: 'demo' });
    runtime.db.exec('DELETE FROM kasa_events');
    expect(await runtime.analytics.events.count()).toBe(0);
    expect(await seedIfEmpty(runtime.analytics, { checkouts: 20, now: NOW, shopId: 'demo' })).toBeNull();
  });
});
