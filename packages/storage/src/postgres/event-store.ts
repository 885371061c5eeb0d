import type { CheckoutEvent, EventStore } from '@kasa/core';
import type pg from 'pg';
import { toRow } from '../events/rows.ts';
import { inTransaction } from './database.ts';

export interface PostgresEventStore extends EventStore {
  byCheckout(checkoutId: string): Promise<CheckoutEvent[]>;
  count(): Promise<number>;
}

/** Held by every append until it commits, so `seq` values become visible in order (see summaries). */
const APPEND_LOCK = 7304;

/**
 * Events on PostgreSQL: one multi-row insert per batch through `unnest` (one statement shape),
 * `ON CONFLICT DO NOTHING` on the client-made id so a retried batch is stored once. Appends are
 * serialised by an advisory lock: otherwise a transaction could commit a lower `seq` after a reader
 * had moved past it, and the summaries would miss its events.
 */
export function createPostgresEventStore(pool: pg.Pool): PostgresEventStore {
  return {
    async append(events) {
      if (events.length === 0) return { stored: 0, duplicates: 0 };
      const rows = events.map(toRow);
      const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
      const stored = await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
        const result = await client.query(
          `INSERT INTO kasa_events (id, name, ts, shop_id, checkout_id, visitor_id, session_id, simulated, payload)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
           $8::boolean[], $9::jsonb[])
         ON CONFLICT (id) DO NOTHING`,
          [
            column('id'),
            column('name'),
            column('ts'),
            column('shopId'),
            column('checkoutId'),
            column('visitorId'),
            column('sessionId'),
            column('simulated'),
            column('payload'),
          ],
        );
        return result.rowCount ?? 0;
      });
      return { stored, duplicates: events.length - stored };
    },
    async byCheckout(checkoutId) {
      const { rows } = await pool.query<{ payload: CheckoutEvent }>(
        'SELECT payload FROM kasa_events WHERE checkout_id = $1 ORDER BY ts, id',
        [checkoutId],
      );
      return rows.map((row) => row.payload);
    },
    async count() {
      const { rows } = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM kasa_events');
      return Number(rows[0]?.n ?? 0);
    },
  };
}
