import type { Cart } from '@kasa/core';
import { isUnknownOutcome } from '@kasa/platform-http';
import type { z } from 'zod';
import { parseAnswer, refusalOf, type ShoperRest } from '../rest/client.ts';
import { asAnswer, type BulkOp, chunks, listAll, runBulk } from '../rest/list.ts';
import { BULK_MAX_OPERATIONS, type Order, orderProductSchema, orderSchema, wireId } from '../rest/schemas.ts';
import { lineBody, lineRef } from './body.ts';
import { readOrder } from './read.ts';

type CartLine = Cart['lines'][number];
export type OrderLine = z.output<typeof orderProductSchema>;

/** Rounds of "send what is missing, read back when unsure" before giving up. */
const ROUNDS = 3;

/**
 * The cart lines an order does not have yet: each cart line is matched with one stored line of the
 * same stock (a variant) or product (its own stock) and quantity.
 *
 * @example missingLines([{ productId: '12-202', quantity: 1, … }], [{ product_id: 12, stock_id: 202, quantity: 1, … }]); // []
 */
export function missingLines(lines: readonly CartLine[], stored: readonly OrderLine[]): CartLine[] {
  const variantStocks = new Set(lines.flatMap((l) => lineRef(l.productId).stockId ?? []));
  const unused = [...stored];
  return lines.filter((line) => {
    const ref = lineRef(line.productId);
    const at = unused.findIndex(
      (s) =>
        s.quantity === line.quantity &&
        (ref.stockId === undefined
          ? s.product_id === ref.productId && !variantStocks.has(s.stock_id ?? 0)
          : s.stock_id === ref.stockId),
    );
    if (at === -1) return true;
    unused.splice(at, 1);
    return false;
  });
}

/**
 * The lines of an order as the shop keeps them.
 *
 * @example const lines = await readLines(rest, 1001, 'placeOrder');
 */
export const readLines = (rest: ShoperRest, orderId: number, caller: string): Promise<OrderLine[]> =>
  listAll(rest, `${caller}: GET /order-products`, '/order-products', orderProductSchema, {
    order_id: orderId,
  });

const lineOp =
  (orderId: number) =>
  (line: CartLine, index: number): BulkOp => ({
    id: `line-${index}`,
    method: 'POST',
    path: '/webapi/rest/order-products',
    body: lineBody(orderId, line),
  });

async function postLine(rest: ShoperRest, orderId: number, line: CartLine): Promise<void> {
  const operation = 'placeOrder: POST /order-products';
  const answer = await rest.request({ operation, idempotent: false }, 'POST', '/order-products', {
    body: lineBody(orderId, line),
  });
  parseAnswer(wireId, answer, operation);
}

/**
 * Sends lines in `/bulk` calls of at most 25 operations, the last one also reading the order back
 * (operations run in order, so it sees the lines); a line whose operation failed with a 5xx or 429
 * is sent again by itself, and the order is then read apart. A 4xx is the shop's refusal.
 */
async function sendLines(rest: ShoperRest, orderId: number, missing: readonly CartLine[]): Promise<Order> {
  const operation = 'placeOrder: POST /bulk (order-products, order)';
  const parts = chunks(missing, BULK_MAX_OPERATIONS);
  let order: Order | undefined;
  let retried = false;
  for (const [index, part] of parts.entries()) {
    const read = index === parts.length - 1 && part.length < BULK_MAX_OPERATIONS;
    const ops = [...part.map(lineOp(orderId)), ...(read ? [orderOp(orderId)] : [])];
    const items = await runBulk(rest, operation, ops, false);
    for (const [at, line] of part.entries()) {
      const item = items.get(`line-${at}`);
      if (item === undefined || item.code >= 500 || item.code === 429) {
        await postLine(rest, orderId, line);
        retried = true;
      } else if (item.code >= 400) throw refusalOf(asAnswer(item), operation);
    }
    const answer = asAnswer(items.get('order'));
    if (read && !retried && answer.status === 200) order = parseAnswer(orderSchema, answer, operation);
  }
  return order ?? readOrder(rest, String(orderId), 'placeOrder');
}

const orderOp = (orderId: number): BulkOp => ({
  id: 'order',
  method: 'GET',
  path: `/webapi/rest/orders/${orderId}`,
});

/**
 * Makes sure the order carries every cart line exactly once and returns the order as the shop sums
 * it: what is missing goes in `/bulk` calls (see sendLines); when an answer is lost the stored lines
 * are read before anything is sent again. `fresh` skips the first read for an order just created.
 *
 * @example const order = await ensureLines(rest, 1001, cart.lines, { fresh: true });
 */
export async function ensureLines(
  rest: ShoperRest,
  orderId: number,
  lines: readonly CartLine[],
  { fresh }: { readonly fresh: boolean },
): Promise<Order> {
  let missing = fresh ? [...lines] : missingLines(lines, await readLines(rest, orderId, 'placeOrder'));
  for (let round = 1; ; round++) {
    try {
      return await sendLines(rest, orderId, missing);
    } catch (error) {
      if (!isUnknownOutcome(error) || round >= ROUNDS) throw error;
    }
    missing = missingLines(lines, await readLines(rest, orderId, 'placeOrder'));
  }
}
