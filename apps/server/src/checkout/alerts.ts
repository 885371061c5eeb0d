/**
 * What the merchant must know about money: payments taken whose order the shop has not confirmed
 * yet, payments to refund by hand, and payments Kasa refunded because their order never came. A view
 * over the payment store (the attempts' statuses and reasons), so an alert is as durable as the
 * payment it is about and needs no bookkeeping of its own.
 */
import type { PaymentStore, StoredPayment } from '@kasa/storage';
import { z } from 'zod';
import { ORDER_UNCONFIRMED, REFUND_DUE, REFUNDED } from './payment-flow.ts';

/** How long a refund Kasa made stays in the list: it needs no action, only the merchant's notice. */
export const REFUNDED_ALERT_MS = 7 * 24 * 60 * 60_000;

export const merchantAlertSchema = z.object({
  /**
   * `order_unconfirmed`: the money is taken, the shop has not confirmed the order, Kasa keeps trying;
   * `refund_due`: refund it in the payment provider's panel; `payment_refunded`: Kasa refunded it.
   */
  code: z.enum(['order_unconfirmed', 'refund_due', 'payment_refunded']),
  checkoutId: z.string(),
  orderId: z.string(),
  paymentId: z.string(),
  provider: z.string(),
  /** The provider's id of the payment, to find it in the provider's panel. */
  providerRef: z.string().optional(),
  /** When the payment came to this state (ISO 8601). */
  since: z.string(),
});
export type MerchantAlert = z.infer<typeof merchantAlertSchema>;
export const merchantAlertsSchema = z.object({ alerts: z.array(merchantAlertSchema) });

const alertOf = (code: MerchantAlert['code'], p: StoredPayment): MerchantAlert => ({
  code,
  checkoutId: p.checkoutId,
  orderId: p.orderId,
  paymentId: p.id,
  provider: p.provider,
  ...(p.providerRef ? { providerRef: p.providerRef } : {}),
  since: p.updatedAt,
});

/**
 * The open alerts, what needs action first, oldest first within each kind.
 *
 * @example merchantAlerts(paymentStore, Date.now()); // [{ code: 'order_unconfirmed', paymentId: 'pay_…', … }]
 */
export function merchantAlerts(store: Pick<PaymentStore, 'listByReason'>, now: number): MerchantAlert[] {
  return [
    ...store.listByReason('paid', REFUND_DUE).map((p) => alertOf('refund_due', p)),
    ...store.listByReason('paid', ORDER_UNCONFIRMED).map((p) => alertOf('order_unconfirmed', p)),
    ...store
      .listByReason('cancelled', REFUNDED)
      .filter((p) => now - Date.parse(p.updatedAt) < REFUNDED_ALERT_MS)
      .map((p) => alertOf('payment_refunded', p)),
  ];
}
