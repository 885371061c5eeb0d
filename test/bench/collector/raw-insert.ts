import type { CheckoutEvent, EventStore } from '@kasa/core';
import { createPostgresEventStore, createSqliteEventStore, openPostgres, openSqlite } from '@kasa/storage';
import type pg from 'pg';
import { cpuMs, msPer1kEvents, postgresCpuMs } from '../process-stats.ts';
import { eventBatch } from './events.ts';

/** Batches written before a measured run by the collector and the raw insert alike (code compiled, threads started). */
export const warmUpBatches = (batches: number): number => Math.ceil(batches / 10);

/**
 * Has PostgreSQL write its dirty pages out now, before a measured run rather than in one: it
 * checkpoints every few hundred megabytes of WAL, a round of the bench writes about 500 MB, and a
 * checkpoint during one side's run slowed that side alone (its CPU counted with PostgreSQL's too).
 * Needs a superuser or the pg_checkpoint role; without one the runs are measured as they fall.
 */
export async function checkpoint(client: pg.Client | pg.Pool): Promise<void> {
  await client.query('CHECKPOINT').catch(() => undefined);
}

/** A raw insert run: its rate, and the CPU per 1,000 events of this process and of PostgreSQL's. */
export interface RawRun {
  readonly eventsPerSecond: number;
  readonly clientCpuMsPer1k: number;
  readonly postgresCpuMsPer1k?: number;
}

/**
 * The floor the collector is compared with: the same rows written straight into the database in
 * batches of `size`, with the same statements the stores use, but no HTTP, JSON parsing or validation.
 */
async function rate(
  store: EventStore,
  batches: number,
  size: number,
  inFlight: number,
  database?: { readonly cpuMs: () => number; readonly settle: () => Promise<void> },
): Promise<RawRun> {
  const prepare = (count: number) =>
    Array.from({ length: count }, () => eventBatch(size) as unknown as CheckoutEvent[]);
  const write = async (prepared: CheckoutEvent[][]) => {
    for (let i = 0; i < prepared.length; i += inFlight) {
      await Promise.all(prepared.slice(i, i + inFlight).map((events) => store.append(events)));
    }
  };
  await write(prepare(warmUpBatches(batches)));
  const measured = prepare(batches);
  await database?.settle();
  const cpuBefore = { client: cpuMs(process.pid), database: database?.cpuMs() ?? 0 };
  const started = performance.now();
  await write(measured);
  const seconds = (performance.now() - started) / 1000;
  const per1k = (ms: number) => msPer1kEvents(ms, batches * size);
  return {
    eventsPerSecond: (batches * size) / seconds,
    clientCpuMsPer1k: per1k(cpuMs(process.pid) - cpuBefore.client),
    ...(database ? { postgresCpuMsPer1k: per1k(database.cpuMs() - cpuBefore.database) } : {}),
  };
}

export async function rawSqliteRate(file: string, batches: number, size: number): Promise<RawRun> {
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
): Promise<RawRun> {
  const pool = await openPostgres(url, { schema });
  // Eight batches in flight, like the eight pooled connections the server has.
  const result = await rate(createPostgresEventStore(pool), batches, size, 8, {
    cpuMs: postgresCpuMs,
    settle: () => checkpoint(pool),
  });
  await pool.end();
  return result;
}
