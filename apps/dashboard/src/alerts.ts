import type { MerchantAlert } from './api.ts';
import type { Messages } from './messages.ts';

/**
 * One alert of the banner in words: what happened (a refund by who asked for it), then the ids to
 * find it by (the refund's id at the provider, the cause of a failure).
 *
 * @example alertLine({ code: 'payment_refunded', requestedBy: 'merchant', refundRef: 'RFND1', … }, m); // 'Na Twoje żądanie … (płatność pay_1, zamówienie ord_1, zwrot RFND1)'
 */
export function alertLine(alert: MerchantAlert, m: Messages): string {
  const what =
    alert.code === 'payment_refunded' && alert.requestedBy
      ? (m.refundedBy[alert.requestedBy] ?? m.alerts[alert.code])
      : m.alerts[alert.code];
  const ids = [
    m.alertIds(alert.paymentId, alert.orderId),
    ...(alert.refundRef ? [m.alertRefundRef(alert.refundRef)] : []),
    ...(alert.cause ? [m.alertCause(alert.cause)] : []),
  ];
  return `${what ?? alert.code} (${ids.join(', ')})`;
}
