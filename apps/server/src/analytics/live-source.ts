/**
 * The recent checkouts of the live view, read from the SQLite summary tables: one indexed range on
 * `first_ts` (kasa_checkout_summaries_first_ts) and a primary-key join to the full summary for the
 * few fields the narrow row lacks (last activity, abandonment, the experiments).
 */
import type { SqliteDatabase } from '@kasa/storage';
import { z } from 'zod';
import type { LiveCheckout } from './live.ts';

export interface LiveSource {
  /** Checkouts first seen at or after `since`. */
  recent(since: number): Promise<LiveCheckout[]>;
}

const rowSchema = z.object({
  first_ts: z.number(),
  began_ts: z.number().nullable(),
  purchase_ts: z.number().nullable(),
  revenue: z.number(),
  simulated: z.number(),
  last_ts: z.number().nullable(),
  abandoned_ts: z.number().nullable(),
  experiments: z.string().nullable(),
});

const experimentsSchema = z.record(z.string(), z.string()).catch({});

/**
 * @example
 * const source = sqliteLiveSource(db);
 * await source.recent(Date.now() - 48 * HOUR_MS); // [{ firstTs, lastTs, beganTs, purchaseTs, … }, …]
 */
export function sqliteLiveSource(db: SqliteDatabase): LiveSource {
  const select = db.prepare<[number], unknown>(
    `SELECT s.first_ts, s.began_ts, s.purchase_ts, s.revenue, s.simulated,
            json_extract(st.summary, '$.lastTs') AS last_ts,
            json_extract(st.summary, '$.stamps.abandon.ts') AS abandoned_ts,
            json_extract(st.summary, '$.experiments') AS experiments
       FROM kasa_checkout_summaries s
       JOIN kasa_summary_state st ON st.checkout_id = s.checkout_id
      WHERE s.first_ts >= ?`,
  );
  return {
    async recent(since) {
      return select.all(since).map((raw) => {
        const row = rowSchema.parse(raw);
        return {
          firstTs: row.first_ts,
          lastTs: row.last_ts ?? row.first_ts,
          beganTs: row.began_ts,
          purchaseTs: row.purchase_ts,
          revenue: row.revenue,
          abandonedTs: row.abandoned_ts,
          simulated: row.simulated === 1,
          experiments: experimentsSchema.parse(row.experiments === null ? {} : JSON.parse(row.experiments)),
        };
      });
    },
  };
}
