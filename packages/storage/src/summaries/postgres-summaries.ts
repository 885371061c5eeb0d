/**
 * Checkout summaries on PostgreSQL: the summarizer's log (events by `seq`; appends take an advisory
 * lock so sequence values commit in order) and the aggregates the reports read.
 */
import { createHash } from 'node:crypto';
import type { Aggregates, CheckoutSummary } from '@kasa/analytics';
import type { CheckoutEvent } from '@kasa/core';
import type pg from 'pg';
import { inTransaction, preparedStatement } from '../postgres/database.ts';
import type { EventTail, SequencedEvent } from '../postgres/event-tail.ts';
import {
  type RecentCheckoutRow,
  type RecentCheckouts,
  recentCheckoutOf,
  recentCheckoutsSql,
} from './recent-checkouts.ts';
import { withRollups } from './rollup-aggregates.ts';
import { rollupMaintenanceSql } from './rollups.ts';
import { deleteSimulatedPostgres, type SimulatedData } from './simulated-data.ts';
import { createSqlAggregates, type SqlRunner } from './sql-aggregates.ts';
import type { SummaryLog } from './summarizer.ts';
import {
  CHILD_TABLES,
  type ChildTable,
  SUMMARY_COLUMNS,
  SUMMARY_TYPES,
  type SummaryRecord,
} from './summary-record.ts';

const CURSOR = 'events';

/** `unnest($1::text[], $2::bigint[], …)` over arrays of the given column types. */
const unnest = (types: readonly string[]): string =>
  `unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})`;

/** Column-wise arrays of rows, for one `unnest` insert. */
const columnsOf = <T>(rows: readonly (readonly T[])[], width: number): T[][] =>
  Array.from({ length: width }, (_, i) => rows.map((row) => row[i] as T));

const ROLLUPS = rollupMaintenanceSql('postgres');

/**
 * The statements a fold runs, prepared once per connection (PostgreSQL moves to a generic plan after
 * five runs). Planned anew on every call, the cells rollup upsert alone (six grouped SELECTs) took
 * 1.7 ms to plan, once to add and once to remove; PostgreSQL's CPU per 1,000 events folded, in folds
 * of 2,000, went from 4.2–4.7 ms to 3.3 ms.
 */
const FOLD = {
  readPosition: preparedStatement('SELECT position FROM kasa_summary_cursor WHERE name = $1'),
  storedDigest: preparedStatement(
    `SELECT md5(string_agg(seq::text, ',' ORDER BY seq)) AS digest FROM (
       SELECT seq FROM kasa_events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3
     ) AS range`,
  ),
  readEvents: preparedStatement('SELECT seq, payload FROM kasa_events WHERE seq > $1 ORDER BY seq LIMIT $2'),
  lockPosition: preparedStatement('SELECT position FROM kasa_summary_cursor WHERE name = $1 FOR UPDATE'),
  movePosition: preparedStatement(
    `INSERT INTO kasa_summary_cursor (name, position) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
  ),
  loadStates: preparedStatement(
    'SELECT checkout_id, summary FROM kasa_summary_state WHERE checkout_id = ANY($1::text[])',
  ),
  summaries: preparedStatement(
    `INSERT INTO kasa_checkout_summaries (${SUMMARY_COLUMNS.join(', ')})
     SELECT * FROM ${unnest(SUMMARY_TYPES)}
     ON CONFLICT (checkout_id) DO UPDATE SET
       ${SUMMARY_COLUMNS.slice(1)
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}`,
  ),
  states: preparedStatement(
    `INSERT INTO kasa_summary_state (checkout_id, summary) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (checkout_id) DO UPDATE SET summary = EXCLUDED.summary`,
  ),
  children: (Object.keys(CHILD_TABLES) as ChildTable[]).map((name) => {
    const { table, columns, types } = CHILD_TABLES[name];
    const allTypes = [...types, ...SUMMARY_TYPES];
    return {
      name,
      width: allTypes.length,
      remove: preparedStatement(`DELETE FROM ${table} WHERE checkout_id = ANY($1::text[])`),
      insert: preparedStatement(
        `INSERT INTO ${table} (${[...columns, ...SUMMARY_COLUMNS].join(', ')})
         SELECT * FROM ${unnest(allTypes)}`,
      ),
    };
  }),
  rollupsRemove: ROLLUPS.remove.map(preparedStatement),
  rollupsAdd: ROLLUPS.add.map(preparedStatement),
};

/**
 * A fold's writes look up a bounded set of checkouts (a fold reads at most 5,000 events), so an
 * index lookup is the right plan at any table size. Without statistics (a new database, until
 * autovacuum first analyzes it) the planner knows only that `checkout_id` is not unique in the child
 * tables, guesses that an id matches 0.5% of the rows and chooses a sequential scan that compares
 * every row with every id: at 3,600 experiment rows the cells rollup upsert took 11.5 ms of a 23 ms
 * fold of 60 checkouts, growing with the table. The plans a connection keeps for the fold's
 * statements are all made inside this setting (they run only in `save`).
 */
const INDEX_LOOKUPS = 'SET LOCAL enable_seqscan = off';

async function saveRecords(client: pg.PoolClient, records: readonly SummaryRecord[]): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((r) => r.checkoutId);
  // The stored rows leave the rollups before they are rewritten and the new ones join after.
  const replaced = records.filter((r) => r.replacesStored).map((r) => r.checkoutId);
  if (replaced.length > 0) {
    for (const statement of FOLD.rollupsRemove) await client.query({ ...statement, values: [replaced] });
  }
  const values = columnsOf(
    records.map((r) => r.values),
    SUMMARY_COLUMNS.length,
  );
  await client.query({ ...FOLD.summaries, values });
  await client.query({ ...FOLD.states, values: [ids, records.map((r) => r.state)] });
  for (const { name, width, remove, insert } of FOLD.children) {
    if (replaced.length > 0) await client.query({ ...remove, values: [replaced] });
    const rows = records.flatMap((r) => r.children[name]);
    if (rows.length > 0) await client.query({ ...insert, values: columnsOf(rows, width) });
  }
  for (const statement of FOLD.rollupsAdd) await client.query({ ...statement, values: [ids] });
}

/**
 * Whether the stored rows after `position`, up to the last remembered one, are exactly the
 * remembered ones (compared by a digest of their `seq` values, computed on both sides). It reads
 * one row more than it remembers at most, so a long backlog behind the tail costs no long scan.
 */
async function storedExactly(pool: pg.Pool, position: number, remembered: readonly SequencedEvent[]) {
  const seqs = remembered.map((row) => row.seq);
  const { rows } = await pool.query<{ digest: string | null }>({
    ...FOLD.storedDigest,
    values: [position, seqs.at(-1), seqs.length + 1],
  });
  return rows[0]?.digest === createHash('md5').update(seqs.join(',')).digest('hex');
}

/**
 * With a `tail` of the events this process stored, a catch-up folds them from memory when the
 * stored rows after its position are exactly those, and reads the table otherwise.
 */
export function createPostgresSummaries(
  pool: pg.Pool,
  options: { readonly tail?: EventTail } = {},
): SummaryLog & Aggregates & SimulatedData & RecentCheckouts {
  const runner: SqlRunner = {
    dialect: 'postgres',
    all: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
  };
  const aggregates = withRollups(runner, createSqlAggregates(runner));
  return {
    ...aggregates,
    async recentCheckouts(since) {
      const { rows } = await pool.query<RecentCheckoutRow>(recentCheckoutsSql('$1'), [since]);
      return rows.map(recentCheckoutOf);
    },
    async readAfter(after, limit) {
      const remembered = options.tail?.after(after, limit) ?? [];
      const last = remembered.at(-1);
      if (last && (await storedExactly(pool, after, remembered))) {
        return { events: remembered.map((row) => row.event), position: last.seq };
      }
      const { rows } = await pool.query<{ seq: string; payload: CheckoutEvent }>({
        ...FOLD.readEvents,
        values: [after, limit],
      });
      return { events: rows.map((row) => row.payload), position: Number(rows.at(-1)?.seq ?? after) };
    },
    async position() {
      const { rows } = await pool.query<{ position: string }>({ ...FOLD.readPosition, values: [CURSOR] });
      return Number(rows[0]?.position ?? 0);
    },
    async load(checkoutIds) {
      const { rows } = await pool.query<{ checkout_id: string; summary: string }>({
        ...FOLD.loadStates,
        values: [checkoutIds],
      });
      return new Map(rows.map((row) => [row.checkout_id, JSON.parse(row.summary) as CheckoutSummary]));
    },
    async save(records, from, to) {
      return inTransaction(pool, async (client) => {
        await client.query(INDEX_LOOKUPS);
        // The position row is locked until the end: a save that finds it moved writes nothing.
        const { rows } = await client.query<{ position: string }>({ ...FOLD.lockPosition, values: [CURSOR] });
        if (Number(rows[0]?.position ?? 0) !== from) return false;
        await saveRecords(client, records);
        await client.query({ ...FOLD.movePosition, values: [CURSOR, to] });
        return true;
      });
    },
    deleteSimulated: () => deleteSimulatedPostgres(pool),
  };
}
