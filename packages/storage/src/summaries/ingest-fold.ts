/**
 * Summaries folded by the SQLite event writer thread (event-writer.worker.mjs) from the events it
 * has just parsed and stored, so the main thread neither reads them back nor folds them. The writer
 * keeps the stored events that follow on from what is folded, and folds them in a transaction of
 * its own every so often (one write of the summary pages for many inserts). Whatever it cannot
 * follow (a duplicate the insert left out, a backlog, rows deleted meanwhile, a fold that failed or
 * lost the race) it leaves to the summarizer and says so (`onBehind`). Both move the position only
 * from where they found it (save in sqlite-summaries.ts), so no event is folded twice; a crash loses
 * only what was kept in memory, which the summarizer then reads from the table.
 */
import type { CheckoutEvent } from '@kasa/core';
import type { SqliteDatabase } from '../sqlite/database.ts';
import { sqliteSummaryWrites } from './sqlite-summaries.ts';
import { checkoutIdsOf } from './summarizer.ts';
import { foldRecords } from './summary-record.ts';

/** The rows one insert transaction stored, as read inside it. */
export interface StoredRows {
  readonly events: readonly CheckoutEvent[];
  /** The position before these rows and after them (rowids; a single writer appends them in order). */
  readonly from: number;
  readonly to: number;
  /** Whether every event became a row (none was a duplicate). */
  readonly complete: boolean;
  /** The summaries' position when they were stored. */
  readonly folded: number;
}

/**
 * @example
 * const fold = createIngestFold(db, { onBehind: () => postMessage({ behind: true }) });
 * const rows = insert(() => { …; return fold.rowsOf(events, stored); }); // inside the transaction
 * fold.keep(rows); // once it has committed
 * fold.fold(); // later: 5000 events folded
 */
export function createIngestFold(db: SqliteDatabase, options: { readonly onBehind: () => void }) {
  const writes = sqliteSummaryWrites(db);
  const lastRowid = db.prepare<[], { last: number | null }>('SELECT MAX(rowid) AS last FROM kasa_events');
  const rowsBetween = db.prepare<[number, number], { rows: number }>(
    'SELECT COUNT(*) AS rows FROM kasa_events WHERE rowid > ? AND rowid <= ?',
  );
  // Under the write lock, so nothing is deleted between the check and the save.
  const foldRows = db.transaction((from: number, to: number, events: readonly CheckoutEvent[]): boolean => {
    // Rows deleted since they were stored (simulated data deleted meanwhile) are not folded.
    if (rowsBetween.get(from, to)?.rows !== events.length) return false;
    return writes.save(foldRecords(events, writes.load(checkoutIdsOf(events))), from, to);
  }).immediate;
  let kept: { from: number; to: number; events: CheckoutEvent[] } | undefined;

  return {
    /** Read inside the insert transaction, after its inserts: what they stored. */
    rowsOf(events: readonly CheckoutEvent[], stored: number): StoredRows {
      const to = lastRowid.get()?.last ?? 0;
      return { events, from: to - stored, to, complete: stored === events.length, folded: writes.position() };
    },
    /** Once the transaction has committed: keeps its events when they follow on from what is folded or kept. */
    keep(rows: StoredRows): void {
      if (rows.to === rows.from) return;
      if (rows.complete && kept?.to === rows.from) {
        kept.to = rows.to;
        kept.events.push(...rows.events);
      } else if (rows.complete && !kept && rows.folded === rows.from) {
        kept = { from: rows.from, to: rows.to, events: [...rows.events] };
      } else {
        kept = undefined;
        options.onBehind();
      }
    },
    /** How many events are kept, waiting for the next fold. */
    get waiting(): number {
      return kept?.events.length ?? 0;
    },
    /** Folds the kept events in a transaction of its own; how many it folded. */
    fold(): number {
      if (!kept) return 0;
      const { from, to, events } = kept;
      kept = undefined;
      let folded = false;
      try {
        folded = foldRows(from, to, events);
      } finally {
        if (!folded) options.onBehind();
      }
      return folded ? events.length : 0;
    },
  };
}
