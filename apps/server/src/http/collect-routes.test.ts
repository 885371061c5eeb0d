import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckoutEvent } from '@kasa/core';
import { createThreadedSqliteEventStore, openSqlite } from '@kasa/storage';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLECT_PATH, mountCollector } from './collect-routes.ts';

// The writer thread puts every batch that waits for it into one transaction: concurrent batches
// must still be answered one by one, as if each had been written alone.
const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'kasa-collect-')), 'kasa.db'));
const store = createThreadedSqliteEventStore(db);
afterAll(async () => {
  await store.close();
  db.close();
});

const event = (id: string) => ({
  id,
  ts: 1_767_225_600_000,
  shopId: 'demo',
  checkoutId: 'chk_concurrent',
  name: 'field_blur',
  params: { field: 'email', section: 'contact', filled: true },
});

describe('POST /api/collect with batches written concurrently', () => {
  const app = new Hono();
  mountCollector(app, { events: store, rateLimit: (_c, next) => next() });
  const collect = async (events: unknown[]) => {
    const response = await app.request(COLLECT_PATH, { method: 'POST', body: JSON.stringify({ events }) });
    return (await response.json()) as { stored: number; duplicates: number; rejected: unknown[] };
  };

  it('counts each id once across batches that overlap, and a retry of them all as duplicates', async () => {
    // Batch i repeats ten ids of batch i − 1; one event of every batch is refused.
    const batches = Array.from({ length: 20 }, (_, i) => [
      ...Array.from({ length: 50 }, (_, j) => event(`evt-overlap-${i * 40 + j}`)),
      { ...event(`evt-bad-${i}`), name: 'teleport' },
    ]);
    const distinct = 19 * 40 + 50;
    const answers = await Promise.all(batches.map(collect));
    expect(answers.every((answer) => answer.rejected.length === 1)).toBe(true);
    expect(answers.reduce((sum, answer) => sum + answer.stored, 0)).toBe(distinct);
    expect(answers.reduce((sum, answer) => sum + answer.duplicates, 0)).toBe(20 * 50 - distinct);
    expect(await store.count()).toBe(distinct);

    const retried = await Promise.all(batches.map(collect));
    expect(retried.map((answer) => answer.stored)).toEqual(batches.map(() => 0));
    expect(await store.count()).toBe(distinct);
  });
});

describe('threaded SQLite event store', () => {
  it('fails appends at once after its writer stopped, instead of leaving them unanswered', async () => {
    const other = openSqlite(join(mkdtempSync(join(tmpdir(), 'kasa-collect-')), 'kasa.db'));
    const stopped = createThreadedSqliteEventStore(other);
    await stopped.close();
    await expect(stopped.append([event('evt-after-close')] as CheckoutEvent[])).rejects.toThrow(
      /event writer/,
    );
    other.close();
  });

  it('fails only the batch the writer cannot store, not the others sent with it', async () => {
    const good = (n: number) => [event(`evt-good-${n}-a`), event(`evt-good-${n}-b`)] as CheckoutEvent[];
    // An id SQLite cannot bind (only reachable past the schema, e.g. a bug in a server-made event).
    const unbindable = [{ ...event('evt-x'), id: { not: 'a string' } }] as unknown as CheckoutEvent[];
    // A large batch first keeps the writer busy, so the next three wait and share a transaction.
    const busy = Array.from({ length: 2_000 }, (_, n) => event(`evt-busy-${n}`)) as CheckoutEvent[];
    const results = await Promise.allSettled([
      store.append(busy),
      store.append(good(1)),
      store.append(unbindable),
      store.append(good(2)),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(results[1]).toEqual({ status: 'fulfilled', value: { stored: 2, duplicates: 0 } });
    expect(results[3]).toEqual({ status: 'fulfilled', value: { stored: 2, duplicates: 0 } });
    expect((await store.byCheckout('chk_concurrent')).map((stored) => stored.id)).toContain('evt-good-2-b');
  });
});
