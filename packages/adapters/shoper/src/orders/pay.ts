import { KasaError, type OrderView } from '@kasa/core';
import { isUnknownOutcome } from '@kasa/platform-http';
import { z } from 'zod';
import { grosze } from '../cart.ts';
import { parseAnswer } from '../rest/client.ts';
import { type Order, wireId } from '../rest/schemas.ts';
import { pln } from './body.ts';
import type { OrderContext } from './context.ts';
import {
  isPaid,
  readOrder,
  readTransactions,
  type Transaction,
  toOrderView,
  transactionIdOf,
  transactionNote,
} from './read.ts';

/** Sends of `POST /order-transactions` whose outcome stayed unknown before giving up. */
const RECORD_TRIES = 2;

/** `PUT /orders/{id}` answers `true` (OrderUpdate in the SDK); an id is taken too. */
const putAnswerSchema = z.union([z.literal(true), wireId]);

const alreadyPaid = () => new KasaError('order_already_paid', { details: { platform: 'shoper' } });

/** Records the finished transaction unless it is there; a lost answer is resolved by reading. */
async function recordTransaction(
  ctx: OrderContext,
  order: Order,
  payment: { provider: string; transactionId: string },
): Promise<void> {
  const operation = 'markPaid: POST /order-transactions';
  const { plnId } = await ctx.ids.get();
  const body = {
    order_id: order.order_id,
    payment_id: order.payment_id,
    currency_id: order.currency_id ?? plnId,
    currency_value: pln(grosze(order.sum)),
    status: 3,
    status_description: transactionNote(payment.provider, payment.transactionId),
  };
  for (let tries = 1; ; tries++) {
    try {
      const answer = await ctx.rest.request({ operation, idempotent: false }, 'POST', '/order-transactions', {
        body,
      });
      parseAnswer(wireId, answer, operation);
      return;
    } catch (error) {
      if (!isUnknownOutcome(error)) throw error;
      const mine = (await readTransactions(ctx.rest, order.order_id, 'markPaid')).some(
        (t) => transactionIdOf(t) === payment.transactionId,
      );
      if (mine || tries >= RECORD_TRIES) {
        if (mine) return;
        throw error;
      }
    }
  }
}

/**
 * Marks an order paid, idempotent on the transaction id: a finished order transaction
 * (`status` 3, `status_description` "<provider> <transactionId>") unless one is there, then
 * `PUT /orders/{id}` with the paid amount and the paid status. An order paid with another
 * transaction is KasaError('order_already_paid'); an unknown order 'order_not_found'.
 *
 * Calls: GET /orders/{id}, GET /order-transactions, POST /order-transactions, PUT /orders/{id}.
 *
 * @example await markShoperOrderPaid(ctx, { orderId: '1001', payment: { provider: 'payu', transactionId: 'TX1' } });
 */
export async function markShoperOrderPaid(
  ctx: OrderContext,
  input: { orderId: string; payment: { provider: string; transactionId: string } },
): Promise<void> {
  const order = await readOrder(ctx.rest, input.orderId, 'markPaid');
  const transactions = await readTransactions(ctx.rest, order.order_id, 'markPaid');
  const ids = transactions.map(transactionIdOf).filter((t) => t !== undefined);
  const mine = ids.includes(input.payment.transactionId);
  if (!mine && (ids.length > 0 || isPaid(order))) throw alreadyPaid();
  if (order.status_id === (await ctx.ids.get()).statuses.cancelled) {
    throw new KasaError('platform_rejected', {
      details: {
        platform: 'shoper',
        operation: 'markPaid',
        reason: 'order_cancelled',
        orderId: input.orderId,
      },
    });
  }
  if (!mine) await recordTransaction(ctx, order, input.payment);
  const { statuses } = await ctx.ids.get();
  if (isPaid(order) && order.status_id === statuses.paid) return;
  const operation = 'markPaid: PUT /orders/{id}';
  const answer = await ctx.rest.request({ operation, idempotent: true }, 'PUT', `/orders/${order.order_id}`, {
    body: { paid: pln(grosze(order.sum)), status_id: statuses.paid },
  });
  parseAnswer(putAnswerSchema, answer, operation);
}

/**
 * Reads an order back as Kasa's OrderView (its transactions read only when it is paid).
 *
 * @example const view = await getShoperOrder(ctx, '1001');
 */
export async function getShoperOrder(ctx: OrderContext, orderId: string): Promise<OrderView> {
  const order = await readOrder(ctx.rest, orderId, 'getOrder');
  const transactions: Transaction[] = isPaid(order)
    ? await readTransactions(ctx.rest, order.order_id, 'getOrder')
    : [];
  return toOrderView(order, await ctx.ids.get(), ctx.config.paymentIds.cod, transactions);
}

/**
 * Cancels an unpaid order (its status becomes the cancelled one); a paid order is refused with
 * KasaError('order_already_paid') (refund it first).
 *
 * @example await cancelShoperOrder(ctx, { orderId: '1001', reason: 'payment_failed' });
 */
export async function cancelShoperOrder(
  ctx: OrderContext,
  input: { orderId: string; reason: string },
): Promise<void> {
  const order = await readOrder(ctx.rest, input.orderId, 'cancelOrder');
  const { statuses } = await ctx.ids.get();
  if (order.status_id === statuses.cancelled) return;
  if (isPaid(order)) throw alreadyPaid();
  const operation = 'cancelOrder: PUT /orders/{id}';
  const answer = await ctx.rest.request({ operation, idempotent: true }, 'PUT', `/orders/${order.order_id}`, {
    body: { status_id: statuses.cancelled },
  });
  if (answer.status === 404) throw new KasaError('order_not_found', { details: { platform: 'shoper' } });
  parseAnswer(putAnswerSchema, answer, operation);
}
