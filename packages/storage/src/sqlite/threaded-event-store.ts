import { Worker } from 'node:worker_threads';
import type { CheckoutEvent } from '@kasa/core';
import { toRow } from '../events/rows.ts';
import type { SqliteDatabase } from './database.ts';
import { columns, createSqliteEventStore, type SqliteEventStore } from './event-store.ts';

/**
 * Events on a SQLite file, written by a thread of its own (event-writer.worker.mjs) while the main
 * thread keeps parsing and validating: the collector's ingest rate is then bound by SQLite alone,
 * not by SQLite plus JSON. Reads use the main thread's connection (WAL lets them run alongside).
 * Needs a file: an in-memory database cannot be shared between threads.
 */
export function createThreadedSqliteEventStore(
  db: SqliteDatabase,
): SqliteEventStore & { close(): Promise<void> } {
  const reader = createSqliteEventStore(db);
  const worker = new Worker(new URL('./event-writer.worker.mjs', import.meta.url), {
    workerData: { filename: db.name },
  });
  worker.unref();
  const pending = new Map<number, { resolve: (stored: number) => void; reject: (error: Error) => void }>();
  let next = 0;
  worker.on('message', (answer: { id: number; stored?: number; error?: string }) => {
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (answer.error !== undefined) waiting?.reject(new Error(`event writer: ${answer.error}`));
    else waiting?.resolve(answer.stored ?? 0);
  });
  worker.on('error', (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });

  return {
    async append(events: readonly CheckoutEvent[]) {
      if (events.length === 0) return { stored: 0, duplicates: 0 };
      const id = next++;
      const flat = events.map(toRow).flatMap(columns);
      const stored = await new Promise<number>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, columns: flat });
      });
      return { stored, duplicates: events.length - stored };
    },
    byCheckout: reader.byCheckout,
    count: reader.count,
    async close() {
      await worker.terminate();
    },
  };
}
