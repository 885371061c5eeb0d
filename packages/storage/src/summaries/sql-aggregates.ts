/**
 * The analytics aggregates (see `Aggregates` in @kasa/analytics) as SQL over the summary tables,
 * one statement per answer, written once for SQLite and PostgreSQL: only placeholders and the cast
 * for squares differ.
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
import { DEFAULT_WINDOW_MS, median } from '@kasa/analytics';
import type { FieldName, PaymentKind } from '@kasa/core';

export type Row = Record<string, unknown>;
/** Runs a query; parameters are written `$1, $2…` for PostgreSQL and `@p1, @p2…` for SQLite. */
export interface SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
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

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

function filterSql(filters: Filters | undefined, p: Params): string[] {
  const where: string[] = [];
  if (!filters) return where;
  const touch = filters.touch === 'first' ? 'first' : 'last';
  if (filters.variant !== undefined) where.push(`s.layout = ${p.add(filters.variant)}`);
  if (filters.device !== undefined) where.push(`s.device = ${p.add(filters.device)}`);
  if (filters.source !== undefined) where.push(`s.${touch}_source = ${p.add(filters.source)}`);
  if (filters.from !== undefined) where.push(`s.first_ts >= ${p.add(filters.from)}`);
  if (filters.to !== undefined) where.push(`s.first_ts < ${p.add(filters.to)}`);
  if (filters.simulated !== undefined) where.push(`s.simulated = ${p.add(filters.simulated ? 1 : 0)}`);
  return where;
}

function dimensionSql(dimension: CellDimension, query: CellQuery, p: Params): string {
  const touch = query.touch === 'first' ? 'first' : 'last';
  switch (dimension) {
    case 'layout':
    case 'device':
      return `s.${dimension}`;
    case 'source':
    case 'medium':
    case 'campaign':
      return `s.${touch}_${dimension}`;
    case 'furthest':
      return 's.furthest';
    case 'leaveField':
      return 's.leave_field';
    case 'variation':
      return query.experiment === undefined ? 'NULL' : 's.variation';
    case 'bucket':
      // SQLite binds JS numbers as REAL: the cast makes the division whole (first_ts ≥ from, so it floors).
      return `CAST((s.first_ts - ${p.add(query.buckets?.from ?? 0)}) / ${p.add(query.buckets?.step ?? 1)} AS INTEGER)`;
  }
}

/** Aggregates answered by SQL on the summary tables. */
export function createSqlAggregates(db: SqlRunner): Aggregates {
  const square =
    db.dialect === 'postgres' ? 's.revenue::float8 * s.revenue' : 'CAST(s.revenue AS REAL) * s.revenue';

  async function cells(query: CellQuery, options: MetricOptions): Promise<Cells> {
    const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    const p = new Params(db.dialect);
    const start = query.base === 'cart' ? 's.cart_view_ts' : 's.began_ts';
    const dims = query.groupBy.map((d) => dimensionSql(d, query, p));
    const w = p.add(windowMs);
    const converted = `(s.purchase_ts IS NOT NULL AND s.purchase_ts - ${start} <= ${w})`;
    const decided = `CASE WHEN ${start} + ${w} <= ${p.add(options.now)} THEN 1 ELSE 0 END`;
    // An experiment's checkouts have their own copy of the report columns (see the migration).
    const table = query.experiment === undefined ? 'kasa_checkout_summaries' : 'kasa_summary_experiments';
    const where = [`${start} IS NOT NULL`, ...filterSql(options.filters, p)];
    if (query.experiment !== undefined) where.push(`s.experiment = ${p.add(query.experiment)}`);
    if (query.buckets) where.push(`s.first_ts >= ${p.add(query.buckets.from)}`);
    const rows = await db.all(
      `SELECT ${dims.map((d, i) => `${d} AS d${i}, `).join('')}${decided} AS decided,
         COUNT(*) AS checkouts,
         SUM(CASE WHEN ${converted} THEN 1 ELSE 0 END) AS conversions,
         SUM(CASE WHEN ${converted} THEN s.revenue ELSE 0 END) AS revenue,
         SUM(CASE WHEN ${converted} THEN ${square} ELSE 0 END) AS revenue_sq
       FROM ${table} s
       WHERE ${where.join(' AND ')}
       GROUP BY ${[...dims.map((_, i) => `d${i}`), 'decided'].join(', ')}`,
      p.values,
    );
    let pending = 0;
    const result: Cell[] = [];
    for (const row of rows) {
      if (num(row.decided) === 0) {
        pending += num(row.checkouts);
        continue;
      }
      const key: Record<string, string | number | null> = {};
      query.groupBy.forEach((dimension, i) => {
        const value = row[`d${i}`] ?? null;
        key[dimension] =
          dimension === 'furthest' || dimension === 'bucket' ? num(value) : (value as string | null);
      });
      result.push({
        key,
        checkouts: num(row.checkouts),
        conversions: num(row.conversions),
        revenue: num(row.revenue),
        revenueSumSquares: num(row.revenue_sq),
      });
    }
    return { cells: result, pending, windowMs };
  }

  async function fieldErrors(options: MetricOptions): Promise<FieldErrorTally[]> {
    const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    const p = new Params(db.dialect);
    const w = p.add(windowMs);
    const where = [
      's.began_ts IS NOT NULL',
      `s.began_ts + ${w} <= ${p.add(options.now)}`,
      ...filterSql(options.filters, p),
    ];
    const rows = await db.all(
      `SELECT s.field AS field, SUM(s.errors) AS errors, COUNT(*) AS checkouts,
         SUM(CASE WHEN s.purchase_ts IS NOT NULL AND s.purchase_ts - s.began_ts <= ${w} THEN 0 ELSE 1 END) AS abandoned
       FROM kasa_summary_field_errors s
       WHERE ${where.join(' AND ')}
       GROUP BY s.field`,
      p.values,
    );
    return rows.map((row) => ({
      field: row.field as FieldName,
      errors: num(row.errors),
      checkouts: num(row.checkouts),
      abandoned: num(row.abandoned),
    }));
  }

  async function paymentTallies(options: MetricOptions, query?: PaymentTallyQuery): Promise<PaymentTally[]> {
    const p = new Params(db.dialect);
    // An experiment's tallies: its checkouts (one row each in kasa_summary_experiments), by variation.
    const join =
      query === undefined
        ? ''
        : `JOIN kasa_summary_experiments e ON e.checkout_id = s.checkout_id AND e.experiment = ${p.add(query.experiment)}`;
    const where = filterSql(options.filters, p);
    const variation = query === undefined ? '' : 'e.variation AS variation, ';
    const rows = await db.all(
      `SELECT ${variation}s.method AS method, SUM(s.attempts) AS attempts, SUM(s.failures) AS failures,
         SUM(s.blik_rejected) AS blik_rejected, SUM(s.blik_timeouts) AS blik_timeouts
       FROM kasa_summary_payments s ${join}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY ${query === undefined ? '' : 'e.variation, '}s.method`,
      p.values,
    );
    return rows.map((row) => ({
      ...(query === undefined ? {} : { variation: String(row.variation) }),
      method: row.method === '' ? null : (row.method as PaymentKind),
      attempts: num(row.attempts),
      failures: num(row.failures),
      blikRejected: num(row.blik_rejected),
      blikTimeouts: num(row.blik_timeouts),
    }));
  }

  async function timeToPurchase(options: MetricOptions) {
    const p = new Params(db.dialect);
    const filters = filterSql(options.filters, p);
    if (db.dialect === 'postgres') {
      const where = ['s.time_to_purchase_ms IS NOT NULL', ...filters].join(' AND ');
      const [row] = await db.all(
        `SELECT COUNT(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.time_to_purchase_ms) AS m
         FROM kasa_checkout_summaries s WHERE ${where}`,
        p.values,
      );
      const count = num(row?.n);
      return { medianMs: count ? num(row?.m) : null, count };
    }
    // SQLite has no percentile: the purchases are counted, then the middle one or two read, both
    // from the covering index of the times (kept in time order with the filtered columns).
    const where = ['s.time_to_purchase_ms IS NOT NULL', ...filters].join(' AND ');
    const from = 'FROM kasa_checkout_summaries s INDEXED BY kasa_checkout_summaries_times';
    const [counted] = await db.all(`SELECT COUNT(*) AS n ${from} WHERE ${where}`, p.values);
    const count = num(counted?.n);
    if (count === 0) return { medianMs: null, count };
    const middle = await db.all(
      `SELECT s.time_to_purchase_ms AS t ${from} WHERE ${where} ORDER BY s.time_to_purchase_ms
       LIMIT ${2 - (count % 2)} OFFSET ${(count - 1) >> 1}`,
      p.values,
    );
    return { medianMs: median(middle.map((row) => num(row.t))), count };
  }

  return { cells, fieldErrors, paymentTallies, timeToPurchase };
}
