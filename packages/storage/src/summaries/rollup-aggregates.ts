/**
 * The aggregates from the rollups (see rollups.ts) where they give the same answer as the summary
 * tables: whole days of `first_ts` whose checkouts are all decided come from the rollups; the days
 * the filters cut (a range not on midnight UTC) and the days still open (a start on or after the day
 * the window closes) are read from the summary rows by `first_ts`, as before, and added. Queries the
 * rollups cannot answer (another window, a source filter, a dimension they do not keep) read only
 * the summary tables.
 */
import type {
  Aggregates,
  Cell,
  CellDimension,
  CellQuery,
  Cells,
  FieldErrorTally,
  Filters,
  MetricOptions,
  PaymentTally,
  PaymentTallyQuery,
} from '@kasa/analytics';
import { DEFAULT_WINDOW_MS } from '@kasa/analytics';
import type { FieldName, PaymentKind } from '@kasa/core';
import { type CellGroupingName, DAY_MS, ROLLUP_WINDOW_MS } from './rollups.ts';
import type { SqlRunner } from './sql-aggregates.ts';

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** A half-open range of `first_ts`, in epoch ms. */
interface Range {
  readonly from: number;
  readonly to: number;
}

/** Whole days [fromDay, toDay) of `first_ts` the rollups answer, and the cut ends the rows answer. */
interface DaySplit {
  readonly fromDay: number | null;
  readonly toDay: number | null;
  readonly edges: readonly Range[];
}

function splitDays(from: number | undefined, to: number | undefined): DaySplit | null {
  if ((from !== undefined && !Number.isFinite(from)) || (to !== undefined && !Number.isFinite(to)))
    return null;
  const fromDay = from === undefined ? null : Math.ceil(from / DAY_MS);
  const toDay = to === undefined ? null : Math.floor(to / DAY_MS);
  if (fromDay !== null && toDay !== null && fromDay >= toDay) return null;
  const edges: Range[] = [];
  if (from !== undefined && fromDay !== null && from < fromDay * DAY_MS)
    edges.push({ from, to: fromDay * DAY_MS });
  if (to !== undefined && toDay !== null && toDay * DAY_MS < to) edges.push({ from: toDay * DAY_MS, to });
  return { fromDay, toDay, edges };
}

/** The edges and the open days as few ranges as possible. */
function exactRanges(split: DaySplit, openDays: readonly number[]): Range[] {
  const ranges = [...split.edges, ...openDays.map((d) => ({ from: d * DAY_MS, to: (d + 1) * DAY_MS }))].sort(
    (a, b) => a.from - b.from,
  );
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && last.to >= range.from)
      merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    else merged.push(range);
  }
  return merged;
}

/** Collects parameters and writes each dialect's placeholder for them. */
class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: SqlRunner['dialect']) {}
  add(value: unknown): string {
    this.values.push(value);
    return `${this.dialect === 'postgres' ? '$' : '@p'}${this.values.length}`;
  }
}

/** The rollup columns of the filters the rollups keep (not `source`), and the whole-day range. */
function rollupWhere(filters: Filters, split: DaySplit, p: Params): string[] {
  const where: string[] = [];
  if (filters.variant !== undefined) where.push(`r.layout = ${p.add(filters.variant)}`);
  if (filters.device !== undefined) where.push(`r.device = ${p.add(filters.device)}`);
  if (filters.simulated !== undefined) where.push(`r.simulated = ${p.add(filters.simulated ? 1 : 0)}`);
  if (split.fromDay !== null) where.push(`r.first_day >= ${p.add(split.fromDay)}`);
  if (split.toDay !== null) where.push(`r.first_day < ${p.add(split.toDay)}`);
  return where;
}

const notIn = (days: readonly number[], p: Params): string[] =>
  days.length ? [`r.first_day NOT IN (${days.map((d) => p.add(d)).join(', ')})`] : [];

/** The grouping of the cells rollup that answers a query, or null when none does. */
function groupingOf(query: CellQuery): CellGroupingName | null {
  const dims = new Set(query.groupBy);
  const only = (...allowed: CellDimension[]) =>
    [...dims].every((d) => ['layout', 'device', 'bucket', 'variation', ...allowed].includes(d));
  if (query.experiment !== undefined) return query.base === 'checkout' && only() ? 'experiment' : null;
  if (query.base === 'cart') return only('furthest') ? 'cart' : null;
  if (dims.has('source') || dims.has('medium') || dims.has('campaign'))
    return only('source', 'medium', 'campaign') ? (query.touch === 'first' ? 'first' : 'last') : null;
  if (dims.has('leaveField')) return only('leaveField') ? 'leave' : null;
  return only('furthest') ? 'checkout' : null;
}

/** A query's dimension as a rollup column. */
function dimensionSql(dimension: CellDimension, query: CellQuery, db: SqlRunner, p: Params): string {
  switch (dimension) {
    case 'layout':
    case 'device':
      return `r.${dimension}`;
    case 'furthest':
      return 'CAST(r.k1 AS INTEGER)';
    case 'leaveField':
      return "NULLIF(r.k1, '')";
    case 'source':
      return 'r.k1';
    case 'medium':
      return 'r.k2';
    case 'campaign':
      return 'r.k3';
    case 'variation':
      return query.experiment === undefined ? 'NULL' : 'r.k2';
    case 'bucket': {
      const from = p.add(query.buckets?.from ?? 0);
      const step = p.add(query.buckets?.step ?? 1);
      return db.dialect === 'postgres'
        ? `((r.first_day::bigint * ${DAY_MS} - ${from}::bigint) / ${step}::bigint)`
        : `CAST((r.first_day * ${DAY_MS} - ${from}) / ${step} AS INTEGER)`;
    }
  }
}

/** Cells of either part added up by key. */
function mergeCells(parts: readonly Cells[], windowMs: number): Cells {
  const byKey = new Map<string, { -readonly [K in keyof Cell]: Cell[K] }>();
  let pending = 0;
  for (const part of parts) {
    pending += part.pending;
    for (const cell of part.cells) {
      const id = JSON.stringify(cell.key);
      const sum = byKey.get(id);
      if (!sum) byKey.set(id, { ...cell });
      else {
        sum.checkouts += cell.checkouts;
        sum.conversions += cell.conversions;
        sum.revenue += cell.revenue;
        sum.revenueSumSquares += cell.revenueSumSquares;
      }
    }
  }
  return { cells: [...byKey.values()], pending, windowMs };
}

/** Rows added up by a key of their own, every other numeric field summed. */
function mergeRows<T extends object>(
  parts: readonly (readonly T[])[],
  keyOf: (row: T) => string,
): readonly T[] {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const row of parts.flat()) {
    const id = keyOf(row);
    const sum = byKey.get(id);
    if (!sum) byKey.set(id, { ...row } as Record<string, unknown>);
    else
      for (const [field, value] of Object.entries(row))
        if (typeof value === 'number') sum[field] = num(sum[field]) + value;
  }
  return [...byKey.values()] as T[];
}

/** True when the rollups count what the query counts: the rollups' window and no source filter. */
const rollupsAnswer = (options: MetricOptions): boolean =>
  (options.windowMs ?? DEFAULT_WINDOW_MS) === ROLLUP_WINDOW_MS && options.filters?.source === undefined;

/** Options narrowed to one range of `first_ts`. */
const within = (options: MetricOptions, range: Range): MetricOptions => ({
  ...options,
  filters: {
    ...options.filters,
    from: Math.max(options.filters?.from ?? range.from, range.from),
    to: Math.min(options.filters?.to ?? range.to, range.to),
  },
});

/**
 * Aggregates that read the rollups where they can and `exact` (the same queries on the summary rows)
 * for the rest.
 *
 * @example
 * const aggregates = withRollups(runner, createSqlAggregates(runner));
 */
export function withRollups(db: SqlRunner, exact: Aggregates): Aggregates {
  /** First days, within the split, with a start on or after the day the window closes at `now`. */
  async function openDays(table: string, where: string[], split: DaySplit, p: Params, now: number) {
    // Every start before the day the window closes is decided: (day + 1) · DAY ≤ now − window.
    const closing = Math.floor((now - ROLLUP_WINDOW_MS) / DAY_MS);
    const range: string[] = [];
    if (split.fromDay !== null) range.push(`r.first_day >= ${p.add(split.fromDay)}`);
    if (split.toDay !== null) range.push(`r.first_day < ${p.add(split.toDay)}`);
    const rows = await db.all(
      `SELECT DISTINCT r.first_day AS d FROM ${table} r
       WHERE ${[...where, `r.start_day >= ${p.add(closing)}`, ...range].join(' AND ')}`,
      p.values,
    );
    return rows.map((row) => num(row.d));
  }

  async function cells(query: CellQuery, options: MetricOptions): Promise<Cells> {
    const grouping = groupingOf(query);
    const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    const buckets = query.buckets;
    const aligned = !buckets || (buckets.from % DAY_MS === 0 && buckets.step % DAY_MS === 0);
    const filters = options.filters ?? {};
    const from = buckets ? Math.max(filters.from ?? buckets.from, buckets.from) : filters.from;
    const split = splitDays(from, filters.to);
    if (grouping === null || !aligned || !rollupsAnswer(options) || split === null)
      return exact.cells(query, options);
    const open = new Params(db.dialect);
    const openWhere = [`r.grouping = ${open.add(grouping)}`];
    if (query.experiment !== undefined) openWhere.push(`r.k1 = ${open.add(query.experiment)}`);
    const days = await openDays('kasa_summary_rollup_cells', openWhere, split, open, options.now);

    const p = new Params(db.dialect);
    const dims = query.groupBy.map((d) => dimensionSql(d, query, db, p));
    const where = [`r.grouping = ${p.add(grouping)}`, ...rollupWhere(filters, split, p), ...notIn(days, p)];
    if (query.experiment !== undefined) where.push(`r.k1 = ${p.add(query.experiment)}`);
    const rolled = db
      .all(
        `SELECT ${dims.map((d, i) => `${d} AS d${i}, `).join('')}SUM(r.checkouts) AS checkouts,
           SUM(r.conversions) AS conversions, SUM(r.revenue) AS revenue, SUM(r.revenue_sq) AS revenue_sq
         FROM kasa_summary_rollup_cells r WHERE ${where.join(' AND ')}
         ${dims.length ? `GROUP BY ${dims.map((_, i) => `d${i}`).join(', ')}` : ''}
         HAVING SUM(r.checkouts) > 0`,
        p.values,
      )
      .then(
        (rows): Cells => ({
          cells: rows.map((row) => {
            const key: Record<string, string | number | null> = {};
            query.groupBy.forEach((dimension, i) => {
              const value = row[`d${i}`] ?? null;
              key[dimension] =
                dimension === 'furthest' || dimension === 'bucket' ? num(value) : (value as string | null);
            });
            return {
              key,
              checkouts: num(row.checkouts),
              conversions: num(row.conversions),
              revenue: num(row.revenue),
              revenueSumSquares: num(row.revenue_sq),
            };
          }),
          pending: 0,
          windowMs,
        }),
      );
    const rest = exactRanges(split, days).map((range) => exact.cells(query, within(options, range)));
    return mergeCells(await Promise.all([rolled, ...rest]), windowMs);
  }

  async function fieldErrors(options: MetricOptions): Promise<readonly FieldErrorTally[]> {
    const filters = options.filters ?? {};
    const split = splitDays(filters.from, filters.to);
    if (!rollupsAnswer(options) || split === null) return exact.fieldErrors(options);
    const table = 'kasa_summary_rollup_field_errors';
    const days = await openDays(table, [], split, new Params(db.dialect), options.now);
    const p = new Params(db.dialect);
    const where = [...rollupWhere(filters, split, p), ...notIn(days, p)];
    const rolled = db
      .all(
        `SELECT r.field AS field, SUM(r.errors) AS errors, SUM(r.checkouts) AS checkouts,
           SUM(r.abandoned) AS abandoned
         FROM ${table} r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         GROUP BY r.field HAVING SUM(r.checkouts) > 0`,
        p.values,
      )
      .then((rows) =>
        rows.map((row) => ({
          field: row.field as FieldName,
          errors: num(row.errors),
          checkouts: num(row.checkouts),
          abandoned: num(row.abandoned),
        })),
      );
    const rest = exactRanges(split, days).map((range) => exact.fieldErrors(within(options, range)));
    return mergeRows(await Promise.all([rolled, ...rest]), (row) => row.field);
  }

  async function paymentTallies(
    options: MetricOptions,
    query?: PaymentTallyQuery,
  ): Promise<readonly PaymentTally[]> {
    const filters = options.filters ?? {};
    const split = splitDays(filters.from, filters.to);
    // Payment tallies have no window: only the source filter keeps them from the rollups.
    if (filters.source !== undefined || split === null) return exact.paymentTallies(options, query);
    const p = new Params(db.dialect);
    const where = [`r.experiment = ${p.add(query?.experiment ?? '')}`, ...rollupWhere(filters, split, p)];
    const rolled = db
      .all(
        `SELECT r.variation AS variation, r.method AS method, SUM(r.attempts) AS attempts,
           SUM(r.failures) AS failures, SUM(r.blik_rejected) AS blik_rejected, SUM(r.blik_timeouts) AS blik_timeouts
         FROM kasa_summary_rollup_payments r WHERE ${where.join(' AND ')}
         GROUP BY r.variation, r.method HAVING SUM(r.attempts) > 0`,
        p.values,
      )
      .then((rows) =>
        rows.map(
          (row): PaymentTally => ({
            ...(query === undefined ? {} : { variation: String(row.variation) }),
            method: row.method === '' ? null : (row.method as PaymentKind),
            attempts: num(row.attempts),
            failures: num(row.failures),
            blikRejected: num(row.blik_rejected),
            blikTimeouts: num(row.blik_timeouts),
          }),
        ),
      );
    const rest = split.edges.map((range) => exact.paymentTallies(within(options, range), query));
    return mergeRows(
      await Promise.all([rolled, ...rest]),
      (t) => `${t.variation ?? ''}\u0000${t.method ?? ''}`,
    );
  }

  return { cells, fieldErrors, paymentTallies, timeToPurchase: exact.timeToPurchase };
}
