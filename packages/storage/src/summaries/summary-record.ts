/**
 * A checkout summary as the rows the summary tables hold: one narrow row for reports, the full
 * summary as JSON to fold later events into, and child rows for experiments, field errors and payments.
 */
import {
  type CheckoutSummary,
  leaveField,
  sectionRank,
  summarize,
  tallyPayments,
  UNKNOWN,
} from '@kasa/analytics';
import type { CheckoutEvent } from '@kasa/core';

/** The report row, in the column order of kasa_checkout_summaries, each column with its PostgreSQL type. */
const SUMMARY_SCHEMA = [
  ['checkout_id', 'text'],
  ['shop_id', 'text'],
  ['simulated', 'smallint'],
  ['first_ts', 'bigint'],
  ['began_ts', 'bigint'],
  ['cart_view_ts', 'bigint'],
  ['purchase_ts', 'bigint'],
  ['furthest', 'smallint'],
  ['layout', 'text'],
  ['device', 'text'],
  ['first_source', 'text'],
  ['first_medium', 'text'],
  ['first_campaign', 'text'],
  ['last_source', 'text'],
  ['last_medium', 'text'],
  ['last_campaign', 'text'],
  ['leave_field', 'text'],
  ['revenue', 'bigint'],
  ['time_to_purchase_ms', 'bigint'],
] as const;

/** The report columns, in the order of {@link SummaryRecord.values}. */
export const SUMMARY_COLUMNS = SUMMARY_SCHEMA.map(([column]) => column);
/** The PostgreSQL type of each of {@link SUMMARY_COLUMNS}, for `unnest` inserts. */
export const SUMMARY_TYPES = SUMMARY_SCHEMA.map(([, type]) => type);

type Value = string | number | null;

/**
 * Tables with rows of their own per checkout (its experiments, field errors, payment outcomes), each
 * row followed by the report columns, so every report reads one table without a join.
 */
export const CHILD_TABLES = {
  experiments: {
    table: 'kasa_summary_experiments',
    columns: ['experiment', 'variation'],
    types: ['text', 'text'],
  },
  fieldErrors: { table: 'kasa_summary_field_errors', columns: ['field', 'errors'], types: ['text', 'int'] },
  payments: {
    table: 'kasa_summary_payments',
    columns: ['method', 'attempts', 'failures', 'blik_rejected', 'blik_timeouts'],
    types: ['text', 'int', 'int', 'int', 'int'],
  },
} as const;
export type ChildTable = keyof typeof CHILD_TABLES;

export interface SummaryRecord {
  readonly checkoutId: string;
  /**
   * Whether a summary of this checkout was saved before (it was loaded to fold into): only then do
   * stored rows leave the rollups and child rows get cleared before the new ones are written.
   */
  readonly replacesStored: boolean;
  /** Values for {@link SUMMARY_COLUMNS}, in order. */
  readonly values: readonly Value[];
  readonly state: string;
  /** Rows per child table: its own columns, then the report columns. */
  readonly children: Readonly<Record<ChildTable, readonly (readonly Value[])[]>>;
}

/**
 * The rows of one summary; `replacesStored` when it was folded into a saved one.
 *
 * @example
 * summaryRecord(summary, false).values[SUMMARY_COLUMNS.indexOf('layout')]; // 'multi-step'
 */
export function summaryRecord(s: CheckoutSummary, replacesStored: boolean): SummaryRecord {
  const values: Value[] = [
    s.checkoutId,
    s.shopId,
    s.simulated ? 1 : 0,
    s.firstTs,
    s.beganCheckout ? s.beganTs : null,
    s.viewedCart ? s.cartViewTs : null,
    s.purchaseTs,
    sectionRank(s.furthestSection),
    s.layout ?? UNKNOWN,
    s.device ?? UNKNOWN,
    s.firstTouch.source,
    s.firstTouch.medium,
    s.firstTouch.campaign,
    s.lastTouch.source,
    s.lastTouch.medium,
    s.lastTouch.campaign,
    leaveField(s),
    s.revenue,
    s.timeToPurchaseMs,
  ];
  return {
    checkoutId: s.checkoutId,
    replacesStored,
    values,
    state: JSON.stringify(s),
    children: {
      experiments: Object.entries(s.experiments).map((own) => [...own, ...values]),
      fieldErrors: Object.entries(s.fieldErrors).flatMap(([field, errors]) =>
        errors === undefined ? [] : [[field, errors, ...values]],
      ),
      payments: tallyPayments([s]).map((t) => [
        t.method ?? '',
        t.attempts,
        t.failures,
        t.blikRejected,
        t.blikTimeouts,
        ...values,
      ]),
    },
  };
}

/**
 * The records of the summaries `events` fold into, each folded on from its summary in `stored`
 * (loaded from the store) when it has one.
 *
 * @example
 * foldRecords(events, await log.load(checkoutIdsOf(events))); // [{ checkoutId: 'chk_1', replacesStored: true, … }]
 */
export const foldRecords = (
  events: readonly CheckoutEvent[],
  stored: ReadonlyMap<string, CheckoutSummary>,
): SummaryRecord[] => summarize(events, stored).map((s) => summaryRecord(s, stored.has(s.checkoutId)));
