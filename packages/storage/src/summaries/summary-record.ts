/**
 * A checkout summary as the rows the summary tables hold: one narrow row for reports, the full
 * summary as JSON to fold later events into, and child rows for experiments, field errors and payments.
 */
import { type CheckoutSummary, leaveField, sectionRank, tallyPayments, UNKNOWN } from '@kasa/analytics';

/** The report row, in the column order of kasa_checkout_summaries. */
export const SUMMARY_COLUMNS = [
  'checkout_id',
  'shop_id',
  'simulated',
  'first_ts',
  'began_ts',
  'cart_view_ts',
  'purchase_ts',
  'furthest',
  'layout',
  'device',
  'first_source',
  'first_medium',
  'first_campaign',
  'last_source',
  'last_medium',
  'last_campaign',
  'leave_field',
  'revenue',
  'time_to_purchase_ms',
] as const;

export interface PaymentRecord {
  /** '' for a purchase whose method was never reported. */
  readonly method: string;
  readonly attempts: number;
  readonly failures: number;
  readonly blikRejected: number;
  readonly blikTimeouts: number;
}

export interface SummaryRecord {
  readonly checkoutId: string;
  /** Values for {@link SUMMARY_COLUMNS}, in order. */
  readonly values: readonly (string | number | null)[];
  readonly state: string;
  readonly experiments: readonly (readonly [experiment: string, variation: string])[];
  readonly fieldErrors: readonly (readonly [field: string, errors: number])[];
  readonly payments: readonly PaymentRecord[];
}

/**
 * The rows of one summary.
 *
 * @example
 * summaryRecord(summary).values[SUMMARY_COLUMNS.indexOf('layout')]; // 'multi-step'
 */
export function summaryRecord(s: CheckoutSummary): SummaryRecord {
  return {
    checkoutId: s.checkoutId,
    values: [
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
    ],
    state: JSON.stringify(s),
    experiments: Object.entries(s.experiments),
    fieldErrors: Object.entries(s.fieldErrors).filter(
      (entry): entry is [string, number] => entry[1] !== undefined,
    ),
    payments: tallyPayments([s]).map((tally) => ({ ...tally, method: tally.method ?? '' })),
  };
}
