import { type CheckoutEvent, checkoutEventSchema, paymentFailureReason } from '@kasa/core';
import type { PaymentStore, StoredPayment } from '@kasa/storage';

/** Statuses an attempt ends in without the money. */
const FAILED: ReadonlySet<StoredPayment['status']> = new Set([
  'rejected',
  'expired',
  'timeout',
  'cancelled',
  'failed',
]);

/** One event per attempt, however often its status is written, so the store keeps it once. */
export const failedPaymentEventId = (paymentId: string) => `payment_failed-${paymentId}`;

/**
 * A failed payment attempt as the server knows it from the provider (or from closing the attempt
 * itself): the `payment_failed` event the payment failure rates count. Browsers may not send these.
 *
 * @example failedPaymentEvent(attempt, { shopId: 'demo', now: Date.now() }).params; // { payment_type: 'blik', reason: 'blik_code_rejected' }
 */
export function failedPaymentEvent(
  payment: Pick<StoredPayment, 'id' | 'checkoutId' | 'method' | 'status' | 'reason'>,
  context: { shopId: string; now: number; experiments?: Record<string, string> },
): CheckoutEvent {
  return checkoutEventSchema.parse({
    id: failedPaymentEventId(payment.id),
    ts: context.now,
    shopId: context.shopId,
    checkoutId: payment.checkoutId,
    ...(context.experiments ? { experiments: context.experiments } : {}),
    name: 'payment_failed',
    params: { payment_type: payment.method, reason: paymentFailureReason(payment) },
  });
}

/**
 * The payment store, telling `onFailed` about each attempt whose status turns to a failure. Watched
 * where statuses are written rather than in the payment flow, so every way an attempt ends (the
 * provider's answer, a cancel, an attempt Kasa closes itself) is counted once, and the flow stays
 * free of analytics.
 *
 * @example createCheckoutService({ …, paymentStore: watchFailedPayments(store, (p) => record(p)) });
 */
export function watchFailedPayments(
  store: PaymentStore,
  onFailed: (payment: StoredPayment) => void,
): PaymentStore {
  return {
    ...store,
    updateStatus(id, update) {
      const before = store.get(id)?.status;
      const after = store.updateStatus(id, update);
      if (after.status !== before && FAILED.has(after.status)) onFailed(after);
      return after;
    },
  };
}
