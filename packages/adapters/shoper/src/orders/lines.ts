import type { Cart } from '@kasa/core';
import { isUnknownOutcome } from '@kasa/platform-http';
import type { z } from 'zod';
import { parseAnswer, refusalOf, type ShoperRest } from '../rest/client.ts';
import { chunks, listAll } from '../rest/list.ts';
import { BULK_MAX_OPERATIONS, bulkAnswerSchema, orderProductSchema, wireId } from '../rest/schemas.ts';
import { lineBody, lineRef } from './body.ts';

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

/** Sends lines in one bulk call; returns those whose operation failed with a status worth retrying. */
async function postBulk(rest: ShoperRest, orderId: number, lines: readonly CartLine[]): Promise<CartLine[]> {
  const operation = 'placeOrder: POST /bulk (order-products)';
  const body = lines.map((line, index) => ({
    id: `line-${index}`,
    method: 'POST' as const,
    path: '/webapi/rest/order-products',
    body: lineBody(orderId, line),
  }));
  const answer = parseAnswer(
    bulkAnswerSchema,
    await rest.request({ operation, idempotent: false }, 'POST', '/bulk', { body }),
    operation,
  );
  const retry: CartLine[] = [];
  lines.forEach((line, index) => {
    const item = answer.items.find((i) => i.id === `line-${index}`) ?? answer.items[index];
    if (item === undefined || item.code >= 500 || item.code === 429) retry.push(line);
    else if (item.code >= 400) {
      throw refusalOf(
        { kind: 'http', status: item.code, header: () => undefined, body: item.body },
        'placeOrder: POST /bulk (order-products)',
      );
    }
  });
  return retry;
}

async function postLine(rest: ShoperRest, orderId: number, line: CartLine): Promise<void> {
  const operation = 'placeOrder: POST /order-products';
  const answer = await rest.request({ operation, idempotent: false }, 'POST', '/order-products', {
    body: lineBody(orderId, line),
  });
  parseAnswer(wireId, answer, operation);
}

/**
 * Makes sure the order carries every cart line exactly once: what is missing goes in `/bulk` calls
 * of at most 25 operations, a line whose operation failed is sent again by itself, and when an
 * answer is lost the stored lines are read before anything is sent again. `fresh` skips the first
 * read for an order just created.
 *
 * @example await ensureLines(rest, 1001, cart.lines, { fresh: true });
 */
export async function ensureLines(
  rest: ShoperRest,
  orderId: number,
  lines: readonly CartLine[],
  { fresh }: { readonly fresh: boolean },
): Promise<void> {
  let missing = fresh ? [...lines] : missingLines(lines, await readLines(rest, orderId, 'placeOrder'));
  for (let round = 1; missing.length > 0; round++) {
    try {
      for (const part of chunks(missing, BULK_MAX_OPERATIONS)) {
        for (const line of await postBulk(rest, orderId, part)) await postLine(rest, orderId, line);
      }
      return;
    } catch (error) {
      if (!isUnknownOutcome(error) || round >= ROUNDS) throw error;
    }
    missing = missingLines(lines, await readLines(rest, orderId, 'placeOrder'));
  }
}
