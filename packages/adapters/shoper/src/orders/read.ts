import { KasaError, money, type OrderView, type PlacedOrder } from '@kasa/core';
import type { z } from 'zod';
import { grosze } from '../cart.ts';
import type { ShopIds } from '../mapping.ts';
import { parseAnswer, type ShoperRest } from '../rest/client.ts';
import { listAll } from '../rest/list.ts';
import { type Order, orderSchema, orderTransactionSchema } from '../rest/schemas.ts';
import { CHECKOUT_MARK, checkoutIdOf } from './body.ts';

export type Transaction = z.output<typeof orderTransactionSchema>;

/**
 * Shoper's integer order id from Kasa's (its decimal string); undefined for anything else.
 *
 * @example orderIdOf('1001'); // 1001
 */
export const orderIdOf = (id: string): number | undefined =>
  /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2 ** 31 - 1 ? Number(id) : undefined;

/**
 * One order; KasaError('order_not_found') when the shop has none with this id.
 *
 * @example const order = await readOrder(rest, '1001', 'getOrder');
 */
export async function readOrder(rest: ShoperRest, id: string, caller: string): Promise<Order> {
  const orderId = orderIdOf(id);
  if (orderId === undefined) throw new KasaError('order_not_found', { details: { platform: 'shoper' } });
  const operation = `${caller}: GET /orders/{id}`;
  const answer = await rest.request({ operation, idempotent: true }, 'GET', `/orders/${orderId}`);
  if (answer.status === 404) throw new KasaError('order_not_found', { details: { platform: 'shoper' } });
  return parseAnswer(orderSchema, answer, operation);
}

/**
 * The order Kasa placed for a checkout (`notes_priv` holds `kasa:<checkoutId>`), the oldest when
 * there are several; undefined when there is none.
 *
 * @example const order = await findOrder(rest, 'chk_1', 'findOrderByCheckout');
 */
export async function findOrder(
  rest: ShoperRest,
  checkoutId: string,
  caller: string,
): Promise<Order | undefined> {
  const orders = await listAll(rest, `${caller}: GET /orders`, '/orders', orderSchema, {
    notes_priv: { LIKE: `%${CHECKOUT_MARK}${checkoutId}%` },
  });
  return orders
    .filter((o) => checkoutIdOf(o.notes_priv) === checkoutId)
    .sort((a, b) => a.order_id - b.order_id)[0];
}

/**
 * An order's payment transactions.
 *
 * @example const transactions = await readTransactions(rest, 1001, 'markPaid');
 */
export const readTransactions = (rest: ShoperRest, orderId: number, caller: string): Promise<Transaction[]> =>
  listAll(rest, `${caller}: GET /order-transactions`, '/order-transactions', orderTransactionSchema, {
    order_id: orderId,
  });

/**
 * What Kasa writes in a transaction's `status_description`.
 *
 * @example transactionNote('payu', 'TX1'); // 'payu TX1'
 */
export const transactionNote = (provider: string, transactionId: string): string =>
  `${provider} ${transactionId}`;

/**
 * The payment provider's transaction id in a finished transaction Kasa wrote.
 *
 * @example transactionIdOf({ status: 3, status_description: 'payu TX1', … }); // 'TX1'
 */
export function transactionIdOf(transaction: Transaction): string | undefined {
  if (transaction.status !== 3) return undefined;
  const words = (transaction.status_description ?? '').trim().split(/\s+/);
  return words.length >= 2 ? words.at(-1) : undefined;
}

/**
 * Whether the shop counts the order paid: its flag, or the paid amount reaching the sum.
 *
 * @example isPaid({ sum: 10, paid: 10, … }); // true
 */
export const isPaid = (order: Order): boolean =>
  order.is_paid === true || ((order.paid ?? 0) > 0 && grosze(order.paid ?? 0) >= grosze(order.sum));

/** Shoper's order date (`2026-12-05 10:00:00`, the shop's time) as ISO 8601; now when unreadable. */
export function createdAtOf(date: string | undefined, now: () => Date = () => new Date()): string {
  const parsed = date === undefined ? Number.NaN : Date.parse(date.replace(' ', 'T'));
  return Number.isNaN(parsed) ? now().toISOString() : new Date(parsed).toISOString();
}

/**
 * Kasa's PlacedOrder for a Shoper order (the number is the order id: Shoper shows that one).
 *
 * @example toPlaced(order); // { id: '1001', number: '1001', total: { amount: 12279, currency: 'PLN' }, createdAt: '…' }
 */
export const toPlaced = (order: Order): PlacedOrder => ({
  id: String(order.order_id),
  number: String(order.order_id),
  total: money(grosze(order.sum)),
  createdAt: createdAtOf(order.date),
});

/**
 * Kasa's view of an order: cancelled by the cancelled status, paid by the paid amount, cash on
 * delivery by the payment method; the locker from `pickup_point`, the checkout from `notes_priv`.
 *
 * @example toOrderView(order, ids, 2, transactions);
 */
export function toOrderView(
  order: Order,
  ids: ShopIds,
  codPaymentId: number | undefined,
  transactions: readonly Transaction[],
): OrderView {
  const status =
    order.status_id === ids.statuses.cancelled
      ? 'cancelled'
      : isPaid(order)
        ? 'paid'
        : order.payment_id === codPaymentId
          ? 'cash_on_delivery'
          : 'awaiting_payment';
  const billing = order.billing_address;
  const transactionId = transactions.map(transactionIdOf).find((t) => t !== undefined);
  const pickupPointId = order.pickup_point ?? order.pickup_point_data?.point ?? undefined;
  return {
    ...toPlaced(order),
    checkoutId: checkoutIdOf(order.notes_priv) ?? '',
    status,
    ...(pickupPointId ? { pickupPointId } : {}),
    ...(billing?.tax_identification_number && billing.company
      ? { company: { nip: billing.tax_identification_number, name: billing.company } }
      : {}),
    ...(transactionId === undefined ? {} : { transactionId }),
  };
}
