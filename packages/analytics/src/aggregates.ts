/**
 * The few aggregates every report is computed from. Summaries in memory produce them here; the event
 * stores produce the same rows with SQL over their summary tables, so a dashboard over a million
 * checkouts reads a few hundred rows. Everything after the aggregates is shared.
 */
import type { FieldName, PaymentKind } from '@kasa/core';
import {
  applyFilters,
  converted,
  convertedWithin,
  DEFAULT_WINDOW_MS,
  decidedCheckouts,
  type MetricOptions,
} from './filters.ts';
import { type CheckoutSummary, leaveField, sectionRank } from './types.ts';

/** What a cell can be split by. `furthest` is the section rank (−1 … 5, see `sectionRank`). */
export type CellDimension =
  | 'layout'
  | 'device'
  | 'source'
  | 'medium'
  | 'campaign'
  | 'furthest'
  | 'leaveField'
  | 'variation'
  | 'bucket';

export interface CellQuery {
  /**
   * 'checkout': begun checkouts, decided when `beganTs + windowMs ≤ now`, converted by a purchase
   * within the window of `beganTs`. 'cart': carts viewed, decided and converted from `cartViewTs`.
   */
  readonly base: 'checkout' | 'cart';
  readonly groupBy: readonly CellDimension[];
  /** Which touch the channel dimensions read; default 'last'. */
  readonly touch?: 'first' | 'last';
  /** Only checkouts assigned in this experiment; `variation` is their variation. */
  readonly experiment?: string;
  /** For `bucket`: floor((firstTs − from) / step); checkouts before `from` are left out. */
  readonly buckets?: { readonly from: number; readonly step: number };
}

/** Dimension values of a cell: names as strings ('(unknown)' when not reported), ranks as numbers. */
export type CellKey = Readonly<Partial<Record<CellDimension, string | number | null>>>;

/** Decided checkouts (or carts) that share every grouped dimension, counted together. */
export interface Cell {
  readonly key: CellKey;
  readonly checkouts: number;
  /** Of those, purchased within the window. */
  readonly conversions: number;
  /** Σ purchase value (minor units) of the conversions. */
  readonly revenue: number;
  /** Σ purchase value² of the conversions, for compareMeans. */
  readonly revenueSumSquares: number;
}

export interface Cells {
  readonly cells: readonly Cell[];
  /** Checkouts (or carts) that pass the filters but whose window is still open at `now`. */
  readonly pending: number;
  readonly windowMs: number;
}

/** Per field, over decided checkouts: errors shown, checkouts with an error, of those abandoned. */
export interface FieldErrorTally {
  readonly field: FieldName;
  readonly errors: number;
  readonly checkouts: number;
  readonly abandoned: number;
}

/** Per payment method, over checkouts that pass the filters (no window): outcomes known. */
export interface PaymentTally {
  /** Null for purchases whose method was never reported: they count only in the total. */
  readonly method: PaymentKind | null;
  /** Failures + purchases. */
  readonly attempts: number;
  readonly failures: number;
  readonly blikRejected: number;
  readonly blikTimeouts: number;
  /** With `{ experiment }`: the variation of that experiment the checkouts were in. */
  readonly variation?: string;
}

/** Narrows payment tallies to one experiment's checkouts, split by their variation. */
export interface PaymentTallyQuery {
  readonly experiment: string;
}

/**
 * The aggregates as a port: summaries in memory ({@link summaryAggregates}) or an event store.
 * Every method applies `options.filters` the same way.
 */
export interface Aggregates<Async extends boolean = true> {
  cells(query: CellQuery, options: MetricOptions): Answer<Cells, Async>;
  fieldErrors(options: MetricOptions): Answer<readonly FieldErrorTally[], Async>;
  /** Per method; with `query`, only that experiment's checkouts, per variation and method. */
  paymentTallies(options: MetricOptions, query?: PaymentTallyQuery): Answer<readonly PaymentTally[], Async>;
  /** Median `timeToPurchaseMs` of the purchased checkouts that pass the filters (no window), and their count. */
  timeToPurchase(
    options: MetricOptions,
  ): Answer<{ readonly medianMs: number | null; readonly count: number }, Async>;
}
/** What a port method returns: the value itself from summaries in memory, a promise of it from a store. */
export type Answer<T, Async extends boolean> = Async extends true ? Promise<T> : T;

const isPromise = (x: unknown): x is PromiseLike<unknown> =>
  typeof (x as PromiseLike<unknown> | null)?.then === 'function';

/**
 * Applies `f` to an answer: at once for summaries in memory, when the promise settles for a store, so
 * one function reads both.
 *
 * @example
 * mapAnswer(summaryAggregates(summaries).timeToPurchase({ now }), (t) => t.medianMs); // 154000
 */
export function mapAnswer<T, U, Async extends boolean>(
  answer: Answer<T, Async>,
  f: (value: T) => U,
): Answer<U, Async> {
  const mapped = isPromise(answer) ? Promise.resolve(answer as PromiseLike<T>).then(f) : f(answer as T);
  return mapped as Answer<U, Async>;
}

/**
 * Several answers as one: an array for summaries in memory, a promise of the array from a store.
 *
 * @example
 * allAnswers([aggregates.timeToPurchase(day1), aggregates.timeToPurchase(day2)]); // [{ medianMs, count }, …]
 */
export function allAnswers<T, Async extends boolean>(
  answers: readonly Answer<T, Async>[],
): Answer<T[], Async> {
  return (answers.some(isPromise) ? Promise.all(answers) : [...answers]) as Answer<T[], Async>;
}

/** Shown for a checkout whose layout or device was never reported. */
export const UNKNOWN = '(unknown)';

function cellKey(s: CheckoutSummary, query: CellQuery): CellKey {
  const channel = query.touch === 'first' ? s.firstTouch : s.lastTouch;
  const key: Partial<Record<CellDimension, string | number | null>> = {};
  for (const dimension of query.groupBy) {
    switch (dimension) {
      case 'layout':
        key.layout = s.layout ?? UNKNOWN;
        break;
      case 'device':
        key.device = s.device ?? UNKNOWN;
        break;
      case 'source':
      case 'medium':
      case 'campaign':
        key[dimension] = channel[dimension];
        break;
      case 'furthest':
        key.furthest = sectionRank(s.furthestSection);
        break;
      case 'leaveField':
        key.leaveField = leaveField(s);
        break;
      case 'variation':
        key.variation = query.experiment === undefined ? null : (s.experiments[query.experiment] ?? null);
        break;
      case 'bucket':
        key.bucket = Math.floor((s.firstTs - (query.buckets?.from ?? 0)) / (query.buckets?.step ?? 1));
        break;
    }
  }
  return key;
}

/** The start a checkout (or cart) is decided and converted from; null when it has none. */
const startOf = (s: CheckoutSummary, base: CellQuery['base']): number | null =>
  base === 'cart' ? (s.viewedCart ? s.cartViewTs : null) : s.beganCheckout ? s.beganTs : null;

/**
 * Cells from summaries in memory; the reference the stores' SQL is tested against.
 *
 * @example
 * cellsOf(summaries, { base: 'checkout', groupBy: ['layout', 'furthest'] }, { now }).cells[0];
 * // { key: { layout: 'multi-step', furthest: 1 }, checkouts: 120, conversions: 0, revenue: 0, revenueSumSquares: 0 }
 */
export function cellsOf(
  summaries: readonly CheckoutSummary[],
  query: CellQuery,
  options: MetricOptions,
): Cells {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const cells = new Map<string, { -readonly [K in keyof Cell]: Cell[K] }>();
  let pending = 0;
  for (const s of applyFilters(summaries, options.filters)) {
    const start = startOf(s, query.base);
    if (start === null) continue;
    if (query.experiment !== undefined && s.experiments[query.experiment] === undefined) continue;
    if (query.buckets && s.firstTs < query.buckets.from) continue;
    if (start + windowMs > options.now) {
      pending += 1;
      continue;
    }
    const key = cellKey(s, query);
    const id = JSON.stringify(key);
    const cell = cells.get(id) ?? { key, checkouts: 0, conversions: 0, revenue: 0, revenueSumSquares: 0 };
    cells.set(id, cell);
    cell.checkouts += 1;
    if (convertedWithin(s, start, windowMs)) {
      cell.conversions += 1;
      cell.revenue += s.revenue;
      cell.revenueSumSquares += s.revenue * s.revenue;
    }
  }
  return { cells: [...cells.values()], pending, windowMs };
}

/**
 * Field errors over decided checkouts, from summaries in memory.
 *
 * @example
 * fieldErrorsOf(summaries, { now })[0]; // { field: 'nip', errors: 88, checkouts: 60, abandoned: 41 }
 */
export function fieldErrorsOf(
  summaries: readonly CheckoutSummary[],
  options: MetricOptions,
): FieldErrorTally[] {
  const { decided, windowMs } = decidedCheckouts(summaries, options);
  const rows = new Map<FieldName, { -readonly [K in keyof FieldErrorTally]: FieldErrorTally[K] }>();
  for (const s of decided) {
    const left = !converted(s, windowMs);
    for (const [field, errors] of Object.entries(s.fieldErrors) as [FieldName, number][]) {
      const row = rows.get(field) ?? { field, errors: 0, checkouts: 0, abandoned: 0 };
      rows.set(field, row);
      row.errors += errors;
      row.checkouts += 1;
      if (left) row.abandoned += 1;
    }
  }
  return [...rows.values()];
}

/**
 * Payment outcomes per method, from summaries in memory: each failure kept in a summary, plus the
 * purchase (for its payment_type, else the method last chosen).
 *
 * @example
 * paymentTalliesOf(summaries, { now }); // [{ method: 'blik', attempts: 130, failures: 12, blikRejected: 8, blikTimeouts: 3 }, …]
 */
export function paymentTalliesOf(
  summaries: readonly CheckoutSummary[],
  options: MetricOptions,
  query?: PaymentTallyQuery,
): PaymentTally[] {
  const filtered = applyFilters(summaries, options.filters);
  if (query === undefined) return tallyPayments(filtered);
  const byVariation = new Map<string, CheckoutSummary[]>();
  for (const s of filtered) {
    const variation = s.experiments[query.experiment];
    if (variation === undefined) continue;
    const own = byVariation.get(variation);
    if (own) own.push(s);
    else byVariation.set(variation, [s]);
  }
  return [...byVariation].flatMap(([variation, own]) => tallyPayments(own).map((t) => ({ ...t, variation })));
}

/**
 * Payment outcomes per method of the given summaries, unfiltered: what the stores keep per checkout.
 *
 * @example
 * tallyPayments([summary]); // [{ method: 'blik', attempts: 2, failures: 1, blikRejected: 1, blikTimeouts: 0 }]
 */
export function tallyPayments(summaries: Iterable<CheckoutSummary>): PaymentTally[] {
  const rows = new Map<PaymentKind | null, { -readonly [K in keyof PaymentTally]: PaymentTally[K] }>();
  const row = (method: PaymentKind | null) => {
    const found = rows.get(method) ?? { method, attempts: 0, failures: 0, blikRejected: 0, blikTimeouts: 0 };
    rows.set(method, found);
    return found;
  };
  for (const s of summaries) {
    for (const failure of s.paymentFailures) {
      const r = row(failure.method);
      r.attempts += 1;
      r.failures += 1;
      if (failure.reason === 'blik_code_rejected') r.blikRejected += 1;
      if (failure.reason === 'blik_timeout') r.blikTimeouts += 1;
    }
    if (s.purchased) row(s.purchaseMethod ?? s.chosenMethod).attempts += 1;
  }
  return [...rows.values()];
}

/** Middle value of a list of numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/** The aggregates of summaries held in memory, answered synchronously. */
export function summaryAggregates(summaries: readonly CheckoutSummary[]): Aggregates<false> {
  return {
    cells: (query, options) => cellsOf(summaries, query, options),
    fieldErrors: (options) => fieldErrorsOf(summaries, options),
    paymentTallies: (options, query) => paymentTalliesOf(summaries, options, query),
    timeToPurchase: (options) => {
      const times = applyFilters(summaries, options.filters)
        .map((s) => s.timeToPurchaseMs)
        .filter((t): t is number => t !== null);
      return { medianMs: median(times), count: times.length };
    },
  };
}
