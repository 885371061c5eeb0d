import type { CheckoutEvent, EventStore } from '@kasa/core';
import { type EventRow, toRow } from '../events/rows.ts';
import type { SqliteDatabase } from './database.ts';

export interface SqliteEventStore extends EventStore {
  /** Events of one checkout in time order (for tests, debugging and the analytics build-up). */
  byCheckout(checkoutId: string): Promise<CheckoutEvent[]>;
  count(): Promise<number>;
}

/**
 * Events on SQLite. The client-made id is the primary key, so a retried batch is stored once:
 * `INSERT OR IGNORE` in one transaction per batch, duplicates counted from the rows it skipped.
 */
export function createSqliteEventStore(db: SqliteDatabase): SqliteEventStore {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO kasa_events (id, name, ts, shop_id, checkout_id, visitor_id, session_id, simulated, payload)
     VALUES (@id, @name, @ts, @shopId, @checkoutId, @visitorId, @sessionId, @simulated, @payload)`,
  );
  const insertAll = db.transaction((rows: readonly EventRow[]) => {
    let stored = 0;
    for (const row of rows) stored += insert.run({ ...row, simulated: row.simulated ? 1 : 0 }).changes;
    return stored;
  });
  const byCheckout = db.prepare<[string], { payload: string }>(
    'SELECT payload FROM kasa_events WHERE checkout_id = ? ORDER BY ts, id',
  );
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM kasa_events');

  return {
    async append(events) {
      const stored = insertAll(events.map(toRow));
      return { stored, duplicates: events.length - stored };
    },
    async byCheckout(checkoutId) {
      return byCheckout.all(checkoutId).map((row) => JSON.parse(row.payload) as CheckoutEvent);
    },
    async count() {
      return count.get()?.n ?? 0;
    },
  };
}
