/**
 * Rollups of the summary tables: the counts the dashboard reads, per day of `first_ts` (and per day
 * of the checkout's start, to tell decided days from open ones), device, layout and simulated flag,
 * so a report over a million checkouts reads a few thousand rows. Each rollup row is the sum of the
 * contributions of its checkouts; `save` subtracts the stored rows' contributions before it rewrites
 * them and adds the new ones after, in the same transaction, so a checkout that changes its day,
 * device or furthest step between saves moves from one rollup row to another and is never counted
 * twice. Conversions are counted within {@link ROLLUP_WINDOW_MS}; reports with another window read
 * the summary tables themselves.
 */
import { DEFAULT_WINDOW_MS } from '@kasa/analytics';

/** The decision window the rollups count conversions within (the default 24 h). */
export const ROLLUP_WINDOW_MS = DEFAULT_WINDOW_MS;
export const DAY_MS = 86_400_000;

type Dialect = 'sqlite' | 'postgres';

/** A grouping of the cells rollup: the table it sums, the start it decides from, and its keys k1…k3. */
interface CellGrouping {
  readonly table: string;
  readonly start: 'began_ts' | 'cart_view_ts';
  readonly keys: readonly [string, string, string];
}

const SUMMARIES = 'kasa_checkout_summaries';
const FURTHEST = 'CAST(s.furthest AS TEXT)';

/**
 * The groupings kept in kasa_summary_rollup_cells: carts and checkouts by furthest step, checkouts by
 * the field they left at, by first and by last touch, and each experiment's checkouts by variation.
 */
export const CELL_GROUPINGS = {
  cart: { table: SUMMARIES, start: 'cart_view_ts', keys: [FURTHEST, "''", "''"] },
  checkout: { table: SUMMARIES, start: 'began_ts', keys: [FURTHEST, "''", "''"] },
  leave: { table: SUMMARIES, start: 'began_ts', keys: ["COALESCE(s.leave_field, '')", "''", "''"] },
  first: {
    table: SUMMARIES,
    start: 'began_ts',
    keys: ['s.first_source', 's.first_medium', 's.first_campaign'],
  },
  last: { table: SUMMARIES, start: 'began_ts', keys: ['s.last_source', 's.last_medium', 's.last_campaign'] },
  experiment: {
    table: 'kasa_summary_experiments',
    start: 'began_ts',
    keys: ['s.experiment', 's.variation', "''"],
  },
} as const satisfies Record<string, CellGrouping>;
export type CellGroupingName = keyof typeof CELL_GROUPINGS;

const day = (column: string) => `${column} / ${DAY_MS}`;
const converted = (start: string) =>
  `s.purchase_ts IS NOT NULL AND s.purchase_ts - s.${start} <= ${ROLLUP_WINDOW_MS}`;
const COMMON = ['first_day', 'simulated', 'device', 'layout'];
const COMMON_SQL = [day('s.first_ts'), 's.simulated', 's.device', 's.layout'];

interface Rollup {
  readonly table: string;
  readonly keys: readonly string[];
  readonly measures: readonly string[];
  /** One SELECT per part, each giving the keys then the measures times `sign`, for the checkouts in `scope`. */
  readonly selects: (scope: string, sign: 1 | -1) => string[];
}

const CELLS: Rollup = {
  table: 'kasa_summary_rollup_cells',
  keys: ['grouping', 'first_day', 'start_day', 'simulated', 'device', 'layout', 'k1', 'k2', 'k3'],
  measures: ['checkouts', 'conversions', 'revenue', 'revenue_sq'],
  selects: (scope, sign) =>
    Object.entries(CELL_GROUPINGS).map(([name, { table, start, keys }]) => {
      const conv = converted(start);
      return `SELECT '${name}', ${day('s.first_ts')}, ${day(`s.${start}`)}, s.simulated, s.device, s.layout, ${keys.join(', ')},
          ${sign} * COUNT(*), ${sign} * SUM(CASE WHEN ${conv} THEN 1 ELSE 0 END),
          ${sign} * SUM(CASE WHEN ${conv} THEN s.revenue ELSE 0 END),
          ${sign} * SUM(CASE WHEN ${conv} THEN CAST(s.revenue AS DOUBLE PRECISION) * s.revenue ELSE 0 END)
        FROM ${table} s WHERE s.${start} IS NOT NULL AND ${scope}
        GROUP BY ${[2, 3, 4, 5, 6, 7, 8, 9].join(', ')}`;
    }),
};

const FIELD_ERRORS: Rollup = {
  table: 'kasa_summary_rollup_field_errors',
  keys: ['field', 'first_day', 'start_day', 'simulated', 'device', 'layout'],
  measures: ['errors', 'checkouts', 'abandoned'],
  selects: (scope, sign) => [
    `SELECT s.field, ${day('s.first_ts')}, ${day('s.began_ts')}, s.simulated, s.device, s.layout,
        ${sign} * SUM(s.errors), ${sign} * COUNT(*), ${sign} * SUM(CASE WHEN ${converted('began_ts')} THEN 0 ELSE 1 END)
      FROM kasa_summary_field_errors s WHERE s.began_ts IS NOT NULL AND ${scope}
      GROUP BY 1, 2, 3, 4, 5, 6`,
  ],
};

const PAYMENT_MEASURES = ['attempts', 'failures', 'blik_rejected', 'blik_timeouts'];
const PAYMENTS: Rollup = {
  table: 'kasa_summary_rollup_payments',
  // experiment '' (and variation '') holds every checkout's tallies; the others one experiment's.
  keys: ['experiment', 'variation', ...COMMON, 'method'],
  measures: PAYMENT_MEASURES,
  selects: (scope, sign) => {
    const sums = PAYMENT_MEASURES.map((m) => `${sign} * SUM(s.${m})`).join(', ');
    return [
      `SELECT '', '', ${COMMON_SQL.join(', ')}, s.method, ${sums}
        FROM kasa_summary_payments s WHERE ${scope} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      `SELECT e.experiment, e.variation, ${COMMON_SQL.join(', ')}, s.method, ${sums}
        FROM kasa_summary_payments s JOIN kasa_summary_experiments e ON e.checkout_id = s.checkout_id
        WHERE ${scope} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    ];
  },
};

const ROLLUPS = [CELLS, FIELD_ERRORS, PAYMENTS] as const;
export const ROLLUP_TABLES = ROLLUPS.map((r) => r.table);

/** Adds the contributions of the checkouts in `scope` (times `sign`) to one rollup, in one statement. */
function addSql(rollup: Rollup, scope: string, sign: 1 | -1): string {
  const columns = [...rollup.keys, ...rollup.measures];
  return `INSERT INTO ${rollup.table} (${columns.join(', ')})
    ${rollup.selects(scope, sign).join('\n    UNION ALL ')}
    ON CONFLICT (${rollup.keys.join(', ')}) DO UPDATE SET
      ${rollup.measures.map((m) => `${m} = ${rollup.table}.${m} + excluded.${m}`).join(', ')}`;
}

/** The checkouts whose contributions change: the ids bound as the first parameter. */
const batchScope = (dialect: Dialect) =>
  dialect === 'postgres'
    ? 's.checkout_id = ANY($1::text[])'
    : 's.checkout_id IN (SELECT value FROM json_each(?1))';

/**
 * The statements that move a batch of checkouts in the rollups, each taking the checkout ids as its
 * one parameter (a text[] on PostgreSQL, a JSON array on SQLite): `remove` before the summary rows are
 * rewritten (it reads the stored ones), `add` after.
 *
 * @example
 * const { remove, add } = rollupMaintenanceSql('sqlite');
 */
export function rollupMaintenanceSql(dialect: Dialect): { remove: string[]; add: string[] } {
  const scope = batchScope(dialect);
  return {
    remove: ROLLUPS.map((r) => addSql(r, scope, -1)),
    add: ROLLUPS.map((r) => addSql(r, scope, 1)),
  };
}

/**
 * The rollup tables, their indexes, and the statements that fill them from the summary tables (as a
 * migration does for summaries saved before the rollups existed).
 */
export function rollupSchemaSql(dialect: Dialect): string {
  const int = dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  const real = dialect === 'postgres' ? 'DOUBLE PRECISION' : 'REAL';
  const text = 'TEXT NOT NULL';
  const types: Record<string, string> = {
    grouping: text,
    experiment: text,
    variation: text,
    field: text,
    method: text,
    device: text,
    layout: text,
    k1: text,
    k2: text,
    k3: text,
    first_day: 'INTEGER NOT NULL',
    start_day: 'INTEGER NOT NULL',
    simulated: `${dialect === 'postgres' ? 'SMALLINT' : 'INTEGER'} NOT NULL`,
    revenue_sq: `${real} NOT NULL`,
  };
  const tables = ROLLUPS.map(
    (r) => `CREATE TABLE IF NOT EXISTS ${r.table} (
      ${[...r.keys, ...r.measures].map((c) => `${c} ${types[c] ?? `${int} NOT NULL`}`).join(',\n      ')},
      PRIMARY KEY (${r.keys.join(', ')})
    );`,
  );
  return [
    ...tables,
    // Which days of a grouping are still open (a start on or after the day the window closes).
    'CREATE INDEX IF NOT EXISTS kasa_summary_rollup_cells_start ON kasa_summary_rollup_cells(grouping, start_day, first_day);',
    'CREATE INDEX IF NOT EXISTS kasa_summary_rollup_field_errors_start ON kasa_summary_rollup_field_errors(start_day, first_day);',
    // The open and partial days are read from the summary rows themselves, by first_ts.
    'CREATE INDEX IF NOT EXISTS kasa_summary_experiments_first_ts ON kasa_summary_experiments(experiment, first_ts);',
    'CREATE INDEX IF NOT EXISTS kasa_summary_field_errors_first_ts ON kasa_summary_field_errors(first_ts);',
    // Idempotent, for a file whose migration records were rolled back: emptied, then filled.
    ...ROLLUP_TABLES.map((table) => `DELETE FROM ${table};`),
    rollupFillSql(),
  ].join('\n');
}

/** Statements that add every saved summary to the (empty) rollups, as the migration that creates them does. */
export const rollupFillSql = (): string => ROLLUPS.map((r) => `${addSql(r, '1 = 1', 1)};`).join('\n');
