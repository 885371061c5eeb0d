/**
 * The recent checkouts of the live view, read from the SQLite summary tables: one indexed range on
 * `first_ts` (kasa_checkout_summaries_first_ts) and a primary-key join to the full summary for the
 * few fields the narrow row lacks (last activity, abandonment, the experiments).
 */
import type { SqliteDatabase } from '@kasa/storage';
import type { LiveCheckout } from './live.ts';

export interface LiveSource {
  /** Checkouts first seen at or after `since`. */
  recent(since: number): Promise<LiveCheckout[]>;
}

interface Row {
  readonly first_ts: number;
  readonly began_ts: number | null;
  readonly purchase_ts: number | null;
  readonly revenue: number;
  readonly simulated: number;
  /** [lastTs, the abandon stamp's ts, experiments] as one JSON array: the summary is parsed once. */
  readonly more: string;
}

// Rows of Kasa's own tables, read every few seconds: checked by type, field by field, rather than by a
// schema per row (which cost four times the query on a day of 4,000 checkouts).
const numberOrNull = (x: unknown): number | null => (typeof x === 'number' ? x : null);

function assignments(x: unknown): Record<string, string> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(x)) if (typeof value === 'string') out[key] = value;
  return out;
}

function checkoutOf(row: Row): LiveCheckout {
  const more: unknown = JSON.parse(row.more);
  const [lastTs, abandonedTs, experiments] = Array.isArray(more) ? more : [];
  return {
    firstTs: row.first_ts,
    lastTs: numberOrNull(lastTs) ?? row.first_ts,
    beganTs: numberOrNull(row.began_ts),
    purchaseTs: numberOrNull(row.purchase_ts),
    revenue: row.revenue,
    abandonedTs: numberOrNull(abandonedTs),
    simulated: row.simulated === 1,
    experiments: assignments(experiments),
  };
}

/**
 * @example
 * const source = sqliteLiveSource(db);
 * await source.recent(Date.now() - 48 * HOUR_MS); // [{ firstTs, lastTs, beganTs, purchaseTs, … }, …]
 */
export function sqliteLiveSource(db: SqliteDatabase): LiveSource {
  const select = db.prepare<[number], Row>(
    `SELECT s.first_ts, s.began_ts, s.purchase_ts, s.revenue, s.simulated,
            json_extract(st.summary, '$.lastTs', '$.stamps.abandon.ts', '$.experiments') AS more
       FROM kasa_checkout_summaries s
       JOIN kasa_summary_state st ON st.checkout_id = s.checkout_id
      WHERE s.first_ts >= ?`,
  );
  return {
    async recent(since) {
      return select.all(since).map(checkoutOf);
    },
  };
}
