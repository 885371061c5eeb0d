import { KasaError } from '@kasa/core';
import type { AdminClient } from './client.ts';
import {
  type AdminOrder,
  ATTR,
  attributeOf,
  gatewayWithReference,
  orderGidOf,
  paidReferenceOf,
  parseOrder,
} from './orders.ts';

/**
 * Reads one order by Kasa's id; KasaError('order_not_found') when Shopify has none.
 *
 * @example await readOrder(admin, '5001001');
 */
export async function readOrder(admin: AdminClient, orderId: string): Promise<AdminOrder> {
  const id = orderGidOf(orderId);
  if (id === undefined) throw new KasaError('order_not_found', { details: { platform: 'shopify' } });
  const { data } = await admin.request<{ order?: unknown }>('KasaOrder', { id });
  if (data?.order == null) throw new KasaError('order_not_found', { details: { platform: 'shopify' } });
  return parseOrder(data.order, 'KasaOrder');
}

const alreadyPaid = () =>
  new KasaError('order_already_paid', {
    details: { platform: 'shopify', hint: 'paid with another transaction' },
  });

/**
 * Records Kasa's payment on a PENDING order, idempotently on the transaction id:
 * `orderCreateManualPayment` records a sale for the outstanding amount under the gateway name and
 * the PSP's reference ("BLIK (payu) · PAYU-123"). The order as Shopify has it is read first, so a
 * repeat after a lost answer does not pay twice, and another transaction is refused.
 *
 * @example await markShopifyOrderPaid(admin, '5001001', { provider: 'payu', transactionId: 'TX1' });
 */
export async function markShopifyOrderPaid(
  admin: AdminClient,
  orderId: string,
  payment: { provider: string; transactionId: string },
): Promise<void> {
  const order = await readOrder(admin, orderId);
  if (order.displayFinancialStatus === 'PAID') {
    if (paidReferenceOf(order) === payment.transactionId) return;
    throw alreadyPaid();
  }
  const gateway = attributeOf(order, ATTR.payment) ?? payment.provider;
  const total = order.totalPriceSet.shopMoney;
  const { data } = await admin.request<{ orderCreateManualPayment?: { userErrors?: { message: string }[] } }>(
    'KasaManualPayment',
    {
      id: order.id,
      amount: { amount: total.amount, currencyCode: total.currencyCode },
      paymentMethodName: gatewayWithReference(gateway, payment.transactionId),
    },
  );
  const errors = data?.orderCreateManualPayment?.userErrors ?? [];
  if (errors.length === 0) return;
  // Paid meanwhile (a concurrent call): fine if with this transaction.
  const now = await readOrder(admin, orderId);
  if (now.displayFinancialStatus === 'PAID' && paidReferenceOf(now) === payment.transactionId) return;
  if (now.displayFinancialStatus === 'PAID') throw alreadyPaid();
  throw new KasaError('platform_rejected', {
    details: {
      platform: 'shopify',
      operation: 'orderCreateManualPayment',
      messages: errors.map((e) => e.message),
    },
  });
}
