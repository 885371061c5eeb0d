import { KasaError } from '@kasa/core';
import type { AdminClient } from './client.ts';
import { orderGidOf } from './orders.ts';

/**
 * Cancels an order in Shopify (`orderCancel`: restocked, no refund, the customer not notified; the
 * reason goes to the staff note). KasaError('order_not_found') for an order Shopify does not have.
 *
 * @example await cancelShopifyOrder(admin, '5001001', 'payment expired');
 */
export async function cancelShopifyOrder(admin: AdminClient, orderId: string, reason: string): Promise<void> {
  const id = orderGidOf(orderId);
  if (id === undefined) throw new KasaError('order_not_found', { details: { platform: 'shopify' } });
  const { data } = await admin.request<{
    orderCancel?: { orderCancelUserErrors?: { message: string; code?: string }[] };
  }>('KasaOrderCancel', { orderId: id, reason: 'OTHER', staffNote: reason.slice(0, 255) });
  const errors = data?.orderCancel?.orderCancelUserErrors ?? [];
  if (errors.some((e) => e.code === 'NOT_FOUND'))
    throw new KasaError('order_not_found', { details: { platform: 'shopify' } });
  if (errors.length > 0) {
    throw new KasaError('platform_rejected', {
      details: { platform: 'shopify', operation: 'orderCancel', messages: errors.map((e) => e.message) },
    });
  }
}
