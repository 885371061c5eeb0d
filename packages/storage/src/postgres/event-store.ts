import type { CheckoutEvent, EventStore } from '@kasa/core';
import type pg from 'pg';
import { preparedStatement } from './database.ts';
import type { EventTail, SequencedEvent } from './event-tail.ts';
import { type AppendGroup, groupAppends } from './group-appends.ts';

export interface PostgresEventStore extends EventStore {
  byCheckout(checkoutId: string): Promise<CheckoutEvent[]>;
  count(): Promise<number>;
}

/** Held by every append until it commits, so `seq` values become visible in order (see summaries). */
const APPEND_LOCK = 7304;

/** Rows one transaction may take from waiting batches, so a backlog still commits in steps. */
const GROUP_ROWS = 5_000;

/** The append: see insertEvents. */
const APPEND_EVENTS = preparedStatement(
  `WITH append_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock($2))
   INSERT INTO kasa_events (id, name, ts, shop_id, checkout_id, visitor_id, session_id, simulated, payload)
   SELECT event->>'id', event->>'name', (event->>'ts')::bigint, event->>'shopId', event->>'checkoutId',
     event->>'visitorId', event->>'sessionId', COALESCE((event->>'simulated')::boolean, false), event
   FROM append_lock, jsonb_array_elements($1::jsonb) AS event
   ON CONFLICT (id) DO NOTHING
   RETURNING id, seq`,
);

/**
 * Inserts the events in one statement, which is its own transaction: it first takes the append
 * lock (every row joins the CTE's one row, so no row, and no `seq` value, comes before it), and
 * commits on its own. One round trip instead of four (BEGIN, lock, insert, COMMIT); a busy server
 * answers each one late. The events go as one JSON array (one parameter, serialised in one call)
 * and PostgreSQL takes each row's columns from its event, as toRow (events/rows.ts) does; the event
 * itself is the payload. Prepared once per connection: planned afresh for every call, the
 * statement copied its large parameter (PostgreSQL's CPU per event went from 16 to 30 µs).
 * Resolves to the rows it stored: each id with its `seq`.
 */
async function insertEvents(
  pool: pg.Pool,
  events: readonly CheckoutEvent[],
): Promise<{ id: string; seq: string }[]> {
  const result = await pool.query<{ id: string; seq: string }>({
    ...APPEND_EVENTS,
    values: [JSON.stringify(events), APPEND_LOCK],
  });
  return result.rows;
}

/** The stored rows paired with their events, for the tail. */
function sequenced(rows: readonly { id: string; seq: string }[], events: readonly CheckoutEvent[]) {
  const byId = new Map(events.map((event) => [event.id, event]));
  return rows.flatMap((row): SequencedEvent[] => {
    const event = byId.get(row.id);
    return event ? [{ seq: Number(row.seq), event }] : [];
  });
}

/**
 * Writes a group of batches in one statement under the append lock and counts what each stored.
 * An id seen earlier in the group is left out (a duplicate of that batch, as if it had committed
 * first), so every stored id belongs to exactly one batch.
 */
async function writeGroup(pool: pg.Pool, group: AppendGroup, tail?: EventTail): Promise<number[]> {
  const firstSeen = new Set<string>();
  const unique: CheckoutEvent[] = [];
  for (const events of group) {
    for (const event of events) {
      if (firstSeen.has(event.id)) continue;
      firstSeen.add(event.id);
      unique.push(event);
    }
  }
  const rows = await insertEvents(pool, unique);
  tail?.add(sequenced(rows, unique));
  const stored = new Set(rows.map((row) => row.id));
  // Each stored id counts for the first batch that holds it, and only once.
  return group.map((events) => {
    let count = 0;
    for (const event of events) if (stored.delete(event.id)) count += 1;
    return count;
  });
}

/**
 * Events on PostgreSQL: one multi-row insert statement per transaction from a JSON array of events,
 * `ON CONFLICT DO NOTHING` on the client-made id so a retried batch is stored once. Appends are
 * serialised by an advisory lock: otherwise a transaction could commit a lower `seq` after a reader
 * had moved past it, and the summaries would miss its events. Batches appended while a transaction
 * runs share the next one (a group commit: one lock wait, one commit for all of them), each still
 * answered with its own count once that transaction has committed. With a `tail`, it remembers
 * what it stored for the summaries to fold (see createPostgresAnalytics).
 */
export function createPostgresEventStore(
  pool: pg.Pool,
  options: { readonly tail?: EventTail } = {},
): PostgresEventStore {
  const append = groupAppends((group) => writeGroup(pool, group, options.tail), { maxRows: GROUP_ROWS });
  return {
    async append(events) {
      if (events.length === 0) return { stored: 0, duplicates: 0 };
      const stored = await append(events);
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
