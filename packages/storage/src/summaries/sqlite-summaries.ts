/**
 * Checkout summaries on SQLite: the summarizer's log (events by rowid, which only grows in commit
 * order with a single writer) and the aggregates the reports read.
 */
import type { Aggregates, CheckoutSummary } from '@kasa/analytics';
import type { CheckoutEvent } from '@kasa/core';
import type { SqliteDatabase } from '../sqlite/database.ts';
import {
  type RecentCheckoutRow,
  type RecentCheckouts,
  recentCheckoutOf,
  recentCheckoutsSql,
} from './recent-checkouts.ts';
import { withRollups } from './rollup-aggregates.ts';
import { rollupMaintenanceSql } from './rollups.ts';
import { deleteSimulatedSqlite, type SimulatedData } from './simulated-data.ts';
import { createSqlAggregates, type SqlRunner } from './sql-aggregates.ts';
import type { SummaryLog } from './summarizer.ts';
import { CHILD_TABLES, type ChildTable, SUMMARY_COLUMNS, type SummaryRecord } from './summary-record.ts';

const CURSOR = 'events';

/**
 * The summaries' own reads and writes, synchronous: the event writer thread folds what it has just
 * stored with them (ingest-fold.ts), and the summarizer's log wraps them for the main thread.
 */
export function sqliteSummaryWrites(db: SqliteDatabase) {
  const position = db.prepare<[string], { position: number }>(
    'SELECT position FROM kasa_summary_cursor WHERE name = ?',
  );
  const loadState = db.prepare<[string], { summary: string }>(
    'SELECT summary FROM kasa_summary_state WHERE checkout_id = ?',
  );
  const upsertSummary = db.prepare(
    `INSERT OR REPLACE INTO kasa_checkout_summaries (${SUMMARY_COLUMNS.join(', ')})
     VALUES (${SUMMARY_COLUMNS.map(() => '?').join(', ')})`,
  );
  const upsertState = db.prepare(
    'INSERT OR REPLACE INTO kasa_summary_state (checkout_id, summary) VALUES (?, ?)',
  );
  const children = (Object.keys(CHILD_TABLES) as ChildTable[]).map((name) => {
    const { table, columns } = CHILD_TABLES[name];
    const all = [...columns, ...SUMMARY_COLUMNS];
    return {
      name,
      clear: db.prepare(`DELETE FROM ${table} WHERE checkout_id = ?`),
      insert: db.prepare(
        `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
      ),
    };
  });
  const setPosition = db.prepare(
    'INSERT INTO kasa_summary_cursor (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
  );

  const rollups = rollupMaintenanceSql('sqlite');
  const removeFromRollups = rollups.remove.map((sql) => db.prepare<[string]>(sql));
  const addToRollups = rollups.add.map((sql) => db.prepare<[string]>(sql));

  const currentPosition = (): number => position.get(CURSOR)?.position ?? 0;

  // Immediate: the position is read under the write lock, so no fold can commit between the check and the writes.
  const save = db.transaction((records: readonly SummaryRecord[], from: number, to: number): boolean => {
    if (currentPosition() !== from) return false;
    // The stored rows leave the rollups before they are rewritten and the new ones join after.
    const replaced = records.filter((record) => record.replacesStored).map((record) => record.checkoutId);
    if (replaced.length > 0)
      for (const statement of removeFromRollups) statement.run(JSON.stringify(replaced));
    for (const record of records) {
      const id = record.checkoutId;
      upsertSummary.run(...record.values);
      upsertState.run(id, record.state);
      for (const child of children) {
        if (record.replacesStored) child.clear.run(id);
        for (const row of record.children[child.name]) child.insert.run(...row);
      }
    }
    const ids = JSON.stringify(records.map((record) => record.checkoutId));
    for (const statement of addToRollups) statement.run(ids);
    setPosition.run(CURSOR, to);
    return true;
  }).immediate;

  return {
    position: currentPosition,
    load(checkoutIds: readonly string[]): Map<string, CheckoutSummary> {
      const found = new Map<string, CheckoutSummary>();
      for (const id of checkoutIds) {
        const row = loadState.get(id);
        if (row) found.set(id, JSON.parse(row.summary) as CheckoutSummary);
      }
      return found;
    },
    /**
     * Writes the summaries and moves the position from `from` to `to`, only if it is still at
     * `from`: false, writing nothing, when a fold elsewhere got there first.
     */
    save,
  };
}

export function createSqliteSummaries(
  db: SqliteDatabase,
): SummaryLog & Aggregates & SimulatedData & RecentCheckouts {
  const readAfter = db.prepare<[number, number], { rowid: number; payload: string }>(
    'SELECT rowid, payload FROM kasa_events WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  const writes = sqliteSummaryWrites(db);

  const runner: SqlRunner = {
    dialect: 'sqlite',
    all: async (sql, params) => {
      const named = Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]));
      return db.prepare(sql).all(...(params.length ? [named] : [])) as Record<string, unknown>[];
    },
  };
  const aggregates = withRollups(runner, createSqlAggregates(runner));

  const recent = db.prepare<[number], RecentCheckoutRow>(recentCheckoutsSql('?'));
  return {
    ...aggregates,
    async recentCheckouts(since) {
      return recent.all(since).map(recentCheckoutOf);
    },
    async readAfter(after, limit) {
      const rows = readAfter.all(after, limit);
      return {
        events: rows.map((row) => JSON.parse(row.payload) as CheckoutEvent),
        position: rows.at(-1)?.rowid ?? after,
      };
    },
    async position() {
      return writes.position();
    },
    async load(checkoutIds) {
      return writes.load(checkoutIds);
    },
    async save(records, from, to) {
      return writes.save(records, from, to);
    },
    async deleteSimulated() {
      return deleteSimulatedSqlite(db);
    },
  };
}
