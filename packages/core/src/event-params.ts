/**
 * Event parameters read off a checkout, as the widget sends them (and tools that act like it):
 * amounts from the server's totals, items by SKU or product id, ids made into event tokens.
 */
import type { CheckoutView } from './api.ts';

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
