/**
 * Event parameters read off a checkout, as the widget sends them (and tools that act like it):
 * amounts from the server's totals, items by SKU or product id, ids made into event tokens.
 */
import type { CheckoutView, PaymentView } from './api.ts';
import { isErrorCode } from './error-codes.ts';
import type { ErrorCode } from './errors.ts';

/**
 * Ids in events must be short tokens; platform ids with other characters are made safe.
 *
 * @example eventToken('inpost locker/24h'); // 'inpost_locker_24h'
 */
export const eventToken = (value: string): string =>
  value.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64) || '_';

/**
 * The checkout's total as an event's `value` and `currency`.
 *
 * @example checkoutAmount(view); // { value: 11297, currency: 'PLN' }
 */
export const checkoutAmount = (view: CheckoutView) => ({
  value: view.totals.total.amount,
  currency: view.totals.total.currency,
});

/**
 * The cart's lines as an event's `items`.
 *
 * @example checkoutItems(view); // [{ item_id: 'SKU-1', quantity: 2, price: 4999 }]
 */
export const checkoutItems = (view: CheckoutView) =>
  view.cart.lines.map((line) => ({
    item_id: eventToken(line.sku ?? line.productId),
    quantity: line.quantity,
    price: line.unitPrice.amount,
  }));

const FAILURE_BY_STATUS: Partial<Record<PaymentView['status'], ErrorCode>> = {
  rejected: 'blik_code_rejected',
  expired: 'blik_code_expired',
  timeout: 'blik_timeout',
  cancelled: 'payment_cancelled',
  failed: 'payment_failed',
};

/**
 * Why a payment attempt failed, as the error code a `payment_failed` event carries: the provider's
 * reason when it is one, else the one its status implies (a refusal of a non-BLIK payment is
 * `payment_failed`).
 *
 * @example paymentFailureReason({ method: 'blik', status: 'timeout' }); // 'blik_timeout'
 */
export function paymentFailureReason(payment: Pick<PaymentView, 'method' | 'status' | 'reason'>): ErrorCode {
  if (payment.reason && isErrorCode(payment.reason)) return payment.reason;
  const byStatus = FAILURE_BY_STATUS[payment.status] ?? 'payment_failed';
  return payment.method !== 'blik' && byStatus.startsWith('blik_') ? 'payment_failed' : byStatus;
}
