/**
 * What the merchant must know about money: payments taken whose order the shop has not confirmed
 * yet, payments to refund by hand, refunds that failed or were interrupted, and payments Kasa
 * refunded (their order never came, or the shop or the merchant asked). A view over the payment
 * store (the attempts' statuses and reasons, and their refund records), so an alert is as durable
 * as the payment it is about and needs no bookkeeping of its own.
 */
import type { PaymentStore, StoredPayment, StoredRefund } from '@kasa/storage';
import { z } from 'zod';
import { ORDER_UNCONFIRMED, REFUND_DUE, REFUNDED } from './payment-flow.ts';
import { REFUND_LEASE_MS } from './refund-rules.ts';

/** How long a refund Kasa made stays in the list: it needs no action, only the merchant's notice. */
export const REFUNDED_ALERT_MS = 7 * 24 * 60 * 60_000;

export const merchantAlertSchema = z.object({
  /**
   * `order_unconfirmed`: the money is taken, the shop has not confirmed the order, Kasa keeps trying;
   * `refund_due`: refund it in the payment provider's panel; `payment_refunded`: Kasa refunded it;
   * `refund_failed`: a refund asked for (`requestedBy`) was refused or not answered by the provider
   * (`cause`): ask again (`kasa refund`) or refund in the panel; `refund_pending`: a refund was
   * interrupted (Kasa stopped while asking): ask again, which cannot refund twice.
   */
  code: z.enum(['order_unconfirmed', 'refund_due', 'payment_refunded', 'refund_failed', 'refund_pending']),
  checkoutId: z.string(),
  orderId: z.string(),
  paymentId: z.string(),
  provider: z.string(),
  /** The provider's id of the payment, to find it in the provider's panel. */
  providerRef: z.string().optional(),
  /** When the payment came to this state (ISO 8601). */
  since: z.string(),
  /**
   * Who asked for the refund: the shop (`shop_webhook`, the order was cancelled or refunded there)
   * or the merchant; absent for Kasa's own refund of an order the shop never confirmed.
   */
  requestedBy: z.enum(['shop_webhook', 'merchant']).optional(),
  /** The provider's id of the refund. */
  refundRef: z.string().optional(),
  /** Why the last try failed, as an error code. */
  cause: z.string().optional(),
});
export type MerchantAlert = z.infer<typeof merchantAlertSchema>;
export const merchantAlertsSchema = z.object({ alerts: z.array(merchantAlertSchema) });

const alertOf = (code: MerchantAlert['code'], p: StoredPayment, refund?: StoredRefund): MerchantAlert => ({
  code,
  checkoutId: p.checkoutId,
  orderId: p.orderId,
  paymentId: p.id,
  provider: p.provider,
  ...(p.providerRef ? { providerRef: p.providerRef } : {}),
  since: p.updatedAt,
  ...(refund ? { requestedBy: refund.requestedBy } : {}),
  ...(refund?.refundRef ? { refundRef: refund.refundRef } : {}),
  ...(refund?.cause ? { cause: refund.cause } : {}),
});

/**
 * The open alerts, what needs action first, oldest first within each kind.
 *
 * @example merchantAlerts(paymentStore, Date.now()); // [{ code: 'order_unconfirmed', paymentId: 'pay_…', … }]
 */
export function merchantAlerts(
  store: Pick<PaymentStore, 'listByReason' | 'get' | 'refunds'>,
  now: number,
): MerchantAlert[] {
  const refundOf = (p: StoredPayment) => store.refunds.get(p.id);
  const recent = (p: StoredPayment) => now - Date.parse(p.updatedAt) < REFUNDED_ALERT_MS;
  // Interrupted refunds: pending past the lease of whoever wrote them.
  const interrupted = store.refunds
    .listByStatus('refund_pending')
    .filter((r) => now - Date.parse(r.updatedAt) >= REFUND_LEASE_MS)
    .flatMap((r) => {
      const payment = store.get(r.paymentId);
      return payment ? [alertOf('refund_pending', payment, r)] : [];
    });
  return [
    ...store.listByReason('paid', REFUND_DUE).map((p) => {
      const refund = refundOf(p);
      return alertOf(refund?.status === 'refund_failed' ? 'refund_failed' : 'refund_due', p, refund);
    }),
    ...interrupted,
    ...store.listByReason('paid', ORDER_UNCONFIRMED).map((p) => alertOf('order_unconfirmed', p)),
    // Kasa's refunds: of orders the shop never confirmed (kept cancelled), and those asked for (kept paid).
    ...store
      .listByReason('cancelled', REFUNDED)
      .filter(recent)
      .map((p) => alertOf('payment_refunded', p)),
    ...store
      .listByReason('paid', REFUNDED)
      .filter(recent)
      .map((p) => alertOf('payment_refunded', p, refundOf(p))),
  ];
}
