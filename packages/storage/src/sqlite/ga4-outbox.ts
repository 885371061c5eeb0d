import type { SqliteDatabase } from './database.ts';

/** A queued Measurement Protocol request: the body as it will be sent, and how often it was tried. */
export interface Ga4OutboxEntry {
  /** The purchase event's id: a purchase is queued once however often it is recorded. */
  readonly id: string;
  readonly body: string;
  /** When it was queued (ms), so a request GA4 would no longer date right is given up. */
  readonly queuedAt: number;
  readonly attempts: number;
}

/**
 * Purchases on their way to GA4, kept in the SQLite file so a restart or an outage does not lose
 * them. Whoever sends takes a row with {@link Ga4Outbox.claim} (a lease: another process on the same
 * file skips it until it expires), then calls `sent` or `retryAt`.
 */
export interface Ga4Outbox {
  /** Queues a request, due at once; false when this id was already queued. */
  add(entry: { id: string; body: string; now: number }): boolean;
  /** Up to `limit` requests due at `now`, oldest first, each leased until `leaseUntil`. */
  claim(input: { now: number; leaseUntil: number; limit: number }): Ga4OutboxEntry[];
  /** Sent, or given up: the row goes. */
  remove(id: string): void;
  /** Failed for now: tried again at `at`, with the cause (a status or an error class, no payload). */
  retryAt(input: { id: string; at: number; error: string }): void;
  /** How many wait, and when the next is due (undefined when none). */
  pending(): { count: number; nextAt: number | undefined };
}

/**
 * The GA4 outbox in the embedded SQLite file (table `kasa_ga4_outbox`, migration 7).
 *
 * @example
 * const outbox = createSqliteGa4Outbox(openSqlite(':memory:'));
 * outbox.add({ id: 'purchase-ord_1', body: '{"client_id":"1.2","events":[]}', now: Date.now() });
 */
export function createSqliteGa4Outbox(db: SqliteDatabase): Ga4Outbox {
  const insert = db.prepare<[string, string, number, number]>(
    'INSERT OR IGNORE INTO kasa_ga4_outbox (id, body, queued_at, next_at) VALUES (?, ?, ?, ?)',
  );
  const due = db.prepare<[number, number], { id: string; body: string; queued_at: number; attempts: number }>(
    'SELECT id, body, queued_at, attempts FROM kasa_ga4_outbox WHERE next_at <= ? ORDER BY next_at, id LIMIT ?',
  );
  const lease = db.prepare<[number, string, number]>(
    'UPDATE kasa_ga4_outbox SET next_at = ? WHERE id = ? AND next_at <= ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM kasa_ga4_outbox WHERE id = ?');
  const retry = db.prepare<[number, string, string]>(
    'UPDATE kasa_ga4_outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE id = ?',
  );
  const pending = db.prepare<[], { count: number; next_at: number | null }>(
    'SELECT count(*) AS count, min(next_at) AS next_at FROM kasa_ga4_outbox',
  );
  const claim = db.transaction((now: number, leaseUntil: number, limit: number) =>
    due
      .all(now, limit)
      .filter((row) => lease.run(leaseUntil, row.id, now).changes === 1)
      .map((row) => ({ id: row.id, body: row.body, queuedAt: row.queued_at, attempts: row.attempts })),
  );
  return {
    add: ({ id, body, now }) => insert.run(id, body, now, now).changes === 1,
    claim: ({ now, leaseUntil, limit }) => claim(now, leaseUntil, limit),
    remove: (id) => void remove.run(id),
    retryAt: ({ id, at, error }) => void retry.run(at, error.slice(0, 200), id),
    pending() {
      const row = pending.get();
      return { count: row?.count ?? 0, nextAt: row?.next_at ?? undefined };
    },
  };
}
