import { type CheckoutEvent, type CheckoutView, checkoutEventSchema } from '@kasa/core';

/** The id of an order's purchase event, so the store keeps it once however often it is recorded. */
export const purchaseEventId = (orderId: string) => `purchase-${orderId}`;

/**
 * The purchase as the server knows it, from a verified payment or a placed cash-on-delivery order:
 * the only `purchase` the reports count (the collector refuses one from a browser).
 */
export function purchaseEvent(
  view: CheckoutView,
  context: { shopId: string; now: number; experiments?: Record<string, string> },
): CheckoutEvent | undefined {
  if (!view.order) return undefined;
  const method = view.paymentMethods.find((candidate) => candidate.id === view.paymentMethodId);
  return checkoutEventSchema.parse({
    id: purchaseEventId(view.order.id),
    ts: context.now,
    shopId: context.shopId,
    checkoutId: view.id,
    ...(context.experiments ? { experiments: context.experiments } : {}),
    name: 'purchase',
    params: {
      value: view.order.total.amount,
      currency: view.order.total.currency,
      transaction_id: view.order.id,
      shipping: view.totals.shipping.amount,
      tax: view.totals.vat.reduce((total, line) => total + line.vat.amount, 0),
      items: view.cart.lines.map((line) => ({
        item_id: line.productId,
        quantity: line.quantity,
        price: line.unitPrice.amount,
      })),
      ...(method ? { payment_type: method.kind } : {}),
    },
  });
}
