import { KasaError, type OrderView } from '@kasa/core';
import { isUnknownOutcome } from '@kasa/platform-http';
import { z } from 'zod';
import { grosze } from '../cart.ts';
import { parseAnswer, refusalOf } from '../rest/client.ts';
import { asAnswer, type BulkOp, bulkList, listOp, runBulk, unavailable } from '../rest/list.ts';
import { type Order, orderSchema, orderTransactionSchema, wireId } from '../rest/schemas.ts';
import { pln } from './body.ts';
import type { OrderContext } from './context.ts';
import {
  isPaid,
  orderIdOf,
  readOrder,
  type Transaction,
  toOrderView,
  transactionIdOf,
  transactionNote,
} from './read.ts';

/** Rounds of "write what is missing, read back when unsure" before giving up. */
const ROUNDS = 3;

/** `PUT /orders/{id}` answers `true` (OrderUpdate in the SDK); an id is taken too. */
const putAnswerSchema = z.union([z.literal(true), wireId]);

const alreadyPaid = () => new KasaError('order_already_paid', { details: { platform: 'shoper' } });
const notFound = () => new KasaError('order_not_found', { details: { platform: 'shoper' } });

interface Paying {
  readonly order: Order;
  readonly transactions: readonly Transaction[];
}

/** The order and its transactions in one `/bulk` of two reads; order_not_found for an unknown order. */
async function readPaying(ctx: OrderContext, id: string, caller: string): Promise<Paying> {
  const orderId = orderIdOf(id);
  if (orderId === undefined) throw notFound();
  const operation = `${caller}: POST /bulk (order, transactions)`;
  const ops = [
    { id: 'order', method: 'GET', path: `/webapi/rest/orders/${orderId}` },
    listOp('transactions', '/order-transactions', { order_id: orderId }),
  ] as const satisfies readonly BulkOp[];
  const items = await runBulk(ctx.rest, operation, ops, true);
  const answer = asAnswer(items.get('order'));
  if (answer.status === 404) throw notFound();
  if (answer.status >= 500 || answer.status === 429) throw unavailable(operation, answer.status);
  const order = parseAnswer(orderSchema, answer, operation);
  const transactions = await bulkList(
    ctx.rest,
    items.get('transactions'),
    ops[1],
    orderTransactionSchema,
    operation,
  );
  return { order, transactions };
}

/** The writes that make the order paid with this transaction: the transaction unless there, the PUT unless done. */
function writesFor(state: Paying, payment: Payment, paidStatus: number, plnId: number): BulkOp[] {
  const { order } = state;
  const mine = state.transactions.some((t) => transactionIdOf(t) === payment.transactionId);
  const total = pln(grosze(order.sum));
  return [
    ...(mine
      ? []
      : [
          {
            id: 'transaction',
            method: 'POST' as const,
            path: '/webapi/rest/order-transactions',
            body: {
              order_id: order.order_id,
              payment_id: order.payment_id,
              currency_id: order.currency_id ?? plnId,
              currency_value: total,
              status: 3,
              status_description: transactionNote(payment.provider, payment.transactionId),
            },
          },
        ]),
    ...(isPaid(order) && order.status_id === paidStatus
      ? []
      : [
          {
            id: 'paid',
            method: 'PUT' as const,
            path: `/webapi/rest/orders/${order.order_id}`,
            body: { paid: total, status_id: paidStatus },
          },
        ]),
  ];
}

type Payment = { readonly provider: string; readonly transactionId: string };

/**
 * Marks an order paid, idempotent on the transaction id: one `/bulk` reads the order and its
 * transactions, one `/bulk` writes what is missing: a finished transaction (`status` 3,
 * `status_description` "<provider> <transactionId>") and `PUT /orders/{id}` with the paid amount and
 * status. A lost or failed write is resolved by reading again before writing. An order paid with
 * another transaction is KasaError('order_already_paid'); an unknown order 'order_not_found'.
 *
 * @example await markShoperOrderPaid(ctx, { orderId: '1001', payment: { provider: 'payu', transactionId: 'TX1' } });
 */
export async function markShoperOrderPaid(
  ctx: OrderContext,
  input: { orderId: string; payment: Payment },
): Promise<void> {
  const operation = 'markPaid: POST /bulk (transaction, paid)';
  const { statuses, plnId } = await ctx.ids.get();
  for (let round = 1; ; round++) {
    const state = await readPaying(ctx, input.orderId, 'markPaid');
    const others = state.transactions.map(transactionIdOf).filter((t) => t !== undefined);
    const mine = others.includes(input.payment.transactionId);
    // Paid without any transaction after a write of ours (its transaction failed, the PUT ran) is ours to finish.
    if (!mine && (others.length > 0 || (round === 1 && isPaid(state.order)))) throw alreadyPaid();
    if (!mine && state.order.status_id === statuses.cancelled) {
      throw new KasaError('platform_rejected', {
        details: { platform: 'shoper', operation, reason: 'order_cancelled', orderId: input.orderId },
      });
    }
    const writes = writesFor(state, input.payment, statuses.paid, plnId);
    if (writes.length === 0) return;
    try {
      const items = await runBulk(ctx.rest, operation, writes, false);
      const unsure = writes.filter((op) => {
        const answer = asAnswer(items.get(op.id));
        if (answer.status >= 200 && answer.status < 300) {
          parseAnswer(op.id === 'paid' ? putAnswerSchema : wireId, answer, operation);
          return false;
        }
        if (answer.status === 404) throw notFound();
        if (answer.status < 500 && answer.status !== 429) throw refusalOf(answer, operation);
        return true;
      });
      if (unsure.length === 0) return;
      if (round >= ROUNDS) throw unavailable(operation, asAnswer(items.get(unsure[0]?.id ?? '')).status);
    } catch (error) {
      if (!isUnknownOutcome(error) || round >= ROUNDS) throw error;
    }
  }
}

/**
 * Reads an order back as Kasa's OrderView (one `/bulk` reading the order and its transactions).
 *
 * @example const view = await getShoperOrder(ctx, '1001');
 */
export async function getShoperOrder(ctx: OrderContext, orderId: string): Promise<OrderView> {
  const { order, transactions } = await readPaying(ctx, orderId, 'getOrder');
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
