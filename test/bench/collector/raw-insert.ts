import type { CheckoutEvent, EventStore } from '@kasa/core';
import { createPostgresEventStore, createSqliteEventStore, openPostgres, openSqlite } from '@kasa/storage';
import { eventBatch } from './events.ts';

/** Batches written before a measured run by the collector and the raw insert alike (code compiled, threads started). */
export const warmUpBatches = (batches: number): number => Math.ceil(batches / 10);

/**
 * The floor the collector is compared with: the same rows written straight into the database in
 * batches of `size`, with the same statements the stores use, but no HTTP, JSON parsing or validation.
 */
async function rate(store: EventStore, batches: number, size: number, inFlight: number): Promise<number> {
  const prepare = (count: number) =>
    Array.from({ length: count }, () => eventBatch(size) as unknown as CheckoutEvent[]);
  const write = async (prepared: CheckoutEvent[][]) => {
    for (let i = 0; i < prepared.length; i += inFlight) {
      await Promise.all(prepared.slice(i, i + inFlight).map((events) => store.append(events)));
    }
  };
  await write(prepare(warmUpBatches(batches)));
  const measured = prepare(batches);
  const started = performance.now();
  await write(measured);
  return (batches * size) / ((performance.now() - started) / 1000);
}

export async function rawSqliteRate(file: string, batches: number, size: number): Promise<number> {
  const db = openSqlite(file);
  const result = await rate(createSqliteEventStore(db), batches, size, 1);
  db.close();
  return result;
}

export async function rawPostgresRate(
  url: string,
  schema: string,
  batches: number,
  size: number,
): Promise<number> {
  const pool = await openPostgres(url, { schema });
  // Eight batches in flight, like the eight pooled connections the server has.
  const result = await rate(createPostgresEventStore(pool), batches, size, 8);
  await pool.end();
  return result;
}
