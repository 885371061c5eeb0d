/**
 * The decisions of a refund, apart from the I/O that carries them out (refunds.ts): which attempt
 * of an order is refunded, and whether a request starts a refund, answers one already recorded, or
 * takes one over for another try. Pure functions of what the stores hold and the clock.
 */
import type { StoredPayment, StoredRefund } from '@kasa/storage';
import { ORDER_UNCONFIRMED, REFUNDED } from './payment-flow.ts';

/**
 * How long a `refund_pending` record belongs to the caller that wrote it (it is asking the provider
 * right now, maybe in another process such as `kasa refund`). Older, it was left by a crash and the
 * next request takes it over. Longer than any provider call may take.
 */
export const REFUND_LEASE_MS = 2 * 60_000;

export type RefundTarget =
  | { readonly kind: 'found'; readonly payment: StoredPayment }
  | {
      readonly kind: 'none';
      /** `refund_not_possible`'s `details.reason`. */
      readonly reason: 'not_paid' | 'order_unconfirmed' | 'already_refunded';
    };

/**
 * The attempt whose money a refund of this order gives back: the one already being refunded (so a
 * repeated request answers it), else the paid attempt whose order is confirmed. An attempt whose
 * order the shop has not confirmed is the order retrier's: it confirms the order, or refunds it.
 *
 * @example refundTarget(paymentStore.listByCheckout(id), (p) => refunds.get(p)); // { kind: 'found', payment }
 */
export function refundTarget(
  payments: readonly StoredPayment[],
  refundOf: (paymentId: string) => StoredRefund | undefined,
): RefundTarget {
  const paid = payments.filter((payment) => payment.status === 'paid' && payment.providerRef !== undefined);
  const underway = paid.find((payment) => refundOf(payment.id) !== undefined);
  if (underway) return { kind: 'found', payment: underway };
  const confirmed = paid.find((payment) => payment.reason === undefined);
  if (confirmed) return { kind: 'found', payment: confirmed };
  if (paid.some((payment) => payment.reason === ORDER_UNCONFIRMED)) {
    return { kind: 'none', reason: 'order_unconfirmed' };
  }
  // The order retrier's refund of an order the shop never confirmed (kept as cancelled).
  if (payments.some((payment) => payment.status === 'cancelled' && payment.reason === REFUNDED)) {
    return { kind: 'none', reason: 'already_refunded' };
  }
  return { kind: 'none', reason: 'not_paid' };
}

/**
 * What a request does with the refund recorded for its attempt: `begin` one (none recorded),
 * `answer` with the one recorded (finished, or pending under another caller's lease), or `retake` it
 * for another try (it failed, or a crash left it pending past its lease). A retake asks the provider
 * again, which the PaymentProvider port makes safe: its refund is idempotent per attempt, answering
 * the same refund rather than giving the money back twice.
 *
 * @example decideRefund(undefined, Date.now()); // 'begin'
 */
export function decideRefund(existing: StoredRefund | undefined, now: number): 'begin' | 'answer' | 'retake' {
  if (!existing) return 'begin';
  switch (existing.status) {
    case 'refunded':
    case 'refund_due':
      return 'answer';
    case 'refund_failed':
      return 'retake';
    case 'refund_pending':
      return now - Date.parse(existing.updatedAt) < REFUND_LEASE_MS ? 'answer' : 'retake';
  }
}
