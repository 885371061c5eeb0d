/**
 * Deleting what `kasa simulate` and the demo seed wrote: the events marked simulated, every event of
 * a checkout whose summary is simulated (the server's own purchase of a simulated shopper is not
 * marked), and the summaries, their saved state and their per-experiment, field-error and payment
 * rows. Run it between catch-ups (`Summarizer.whileIdle`), so no fold saves a deleted summary again.
 */
import type pg from 'pg';
import { inTransaction } from '../postgres/database.ts';
import type { SqliteDatabase } from '../sqlite/database.ts';
import { ROLLUP_TABLES } from './rollups.ts';
import { CHILD_TABLES } from './summary-record.ts';

/** What a deletion removed: checkout summaries (carts and checkouts) and events. */
export interface DeletedSimulated {
  readonly checkouts: number;
  readonly events: number;
}

/** A store that can delete its simulated data (the SQLite and PostgreSQL summaries can). */
export interface SimulatedData {
  /** Deletes every simulated event and summary; fold the stored events in first so none is missed. */
  deleteSimulated(): Promise<DeletedSimulated>;
}

/**
 * True when `store` can delete its simulated data.
 *
 * @example
 * if (deletesSimulated(stores.summaries)) await stores.summaries.deleteSimulated(); // { checkouts: 20000, events: 104811 }
 */
export const deletesSimulated = <T extends object>(store: T): store is T & SimulatedData =>
  typeof (store as Partial<SimulatedData>).deleteSimulated === 'function';

// The rollups keep the simulated flag as a key, so their simulated rows go as a whole.
const CHILDREN = [...Object.values(CHILD_TABLES).map((child) => child.table), ...ROLLUP_TABLES];
const SIMULATED_IDS = 'SELECT checkout_id FROM kasa_checkout_summaries WHERE simulated = 1';

/**
 * Deletes the simulated data of the embedded SQLite file in one transaction.
 *
 * @example
 * deleteSimulatedSqlite(db); // { checkouts: 300, events: 1560 }
 */
export function deleteSimulatedSqlite(db: SqliteDatabase): DeletedSimulated {
  const events = db.prepare(
    `DELETE FROM kasa_events WHERE simulated = 1 OR checkout_id IN (${SIMULATED_IDS})`,
  );
  const state = db.prepare(`DELETE FROM kasa_summary_state WHERE checkout_id IN (${SIMULATED_IDS})`);
  const children = CHILDREN.map((table) => db.prepare(`DELETE FROM ${table} WHERE simulated = 1`));
  const summaries = db.prepare('DELETE FROM kasa_checkout_summaries WHERE simulated = 1');
  // SQLite gives a new row the largest rowid + 1: once the newest events are deleted, new ones would
  // get rowids the summarizer has passed. Every event up to the largest rowid left was read, and all
  // after it are deleted, so the position moves back to it.
  const cursor = db.prepare(
    `UPDATE kasa_summary_cursor SET position = MIN(position, (SELECT COALESCE(MAX(rowid), 0) FROM kasa_events))
     WHERE name = 'events'`,
  );
  return db.transaction(() => {
    const deletedEvents = events.run().changes;
    state.run();
    for (const child of children) child.run();
    const checkouts = summaries.run().changes;
    cursor.run();
    return { checkouts, events: deletedEvents };
  })();
}

/**
 * Deletes the simulated data of a PostgreSQL store in one transaction.
 *
 * @example
 * await deleteSimulatedPostgres(pool); // { checkouts: 300, events: 1560 }
 */
export async function deleteSimulatedPostgres(pool: pg.Pool): Promise<DeletedSimulated> {
  return inTransaction(pool, async (client) => {
    const events = await client.query(
      `DELETE FROM kasa_events WHERE simulated OR checkout_id IN (${SIMULATED_IDS})`,
    );
    await client.query(`DELETE FROM kasa_summary_state WHERE checkout_id IN (${SIMULATED_IDS})`);
    for (const table of CHILDREN) await client.query(`DELETE FROM ${table} WHERE simulated = 1`);
    const summaries = await client.query('DELETE FROM kasa_checkout_summaries WHERE simulated = 1');
    return { checkouts: summaries.rowCount ?? 0, events: events.rowCount ?? 0 };
  });
}
