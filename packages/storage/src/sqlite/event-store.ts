import type { CheckoutEvent, EventStore } from '@kasa/core';
import { toRow } from '../events/rows.ts';
import type { SqliteDatabase, SqliteStatement } from './database.ts';

/** Rows per statement: 100 × 9 parameters stays far below SQLite's limit of 32,766. */
const CHUNK = 100;

/** Values each row binds, in the INSERT's column order (event-writer.worker.mjs relies on it too). */
const ROW_WIDTH = 9;

/** Events as one flat list of bound values, ROW_WIDTH per row, built in one pass (no array per row). */
export function flatColumns(events: readonly CheckoutEvent[]): unknown[] {
  const values: unknown[] = [];
  for (const event of events) {
    const row = toRow(event);
    values.push(
      row.id,
      row.name,
      row.ts,
      row.shopId,
      row.checkoutId,
      row.visitorId,
      row.sessionId,
      row.simulated ? 1 : 0,
      row.payload,
    );
  }
  return values;
}

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
  // One multi-row statement per chunk: a call per row costs more than SQLite's own work.
  const statements = new Map<number, SqliteStatement>();
  const insertOf = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      statement = db.prepare(
        `INSERT OR IGNORE INTO kasa_events (id, name, ts, shop_id, checkout_id, visitor_id, session_id, simulated, payload)
         VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      statements.set(rows, statement);
    }
    return statement;
  };
  const insertAll = db.transaction((values: readonly unknown[]) => {
    let stored = 0;
    for (let start = 0; start < values.length; start += CHUNK * ROW_WIDTH) {
      const chunk = values.slice(start, start + CHUNK * ROW_WIDTH);
      stored += insertOf(chunk.length / ROW_WIDTH).run(...chunk).changes;
    }
    return stored;
  });
  const byCheckout = db.prepare<[string], { payload: string }>(
    'SELECT payload FROM kasa_events WHERE checkout_id = ? ORDER BY ts, id',
  );
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM kasa_events');

  return {
    async append(events) {
      const stored = insertAll(flatColumns(events));
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
