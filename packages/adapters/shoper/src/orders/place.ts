import { KasaError, type PlacedOrder, type PlaceOrderInput } from '@kasa/core';
import { isUnknownOutcome } from '@kasa/platform-http';
import { grosze } from '../cart.ts';
import { parseAnswer } from '../rest/client.ts';
import { type Order, wireId } from '../rest/schemas.ts';
import { orderInsertBody } from './body.ts';
import type { OrderContext } from './context.ts';
import { ensureLines } from './lines.ts';
import { findOrder, toPlaced } from './read.ts';

/** Sends of `POST /orders` whose outcome stayed unknown before giving up (the server retries later). */
const CREATE_TRIES = 2;

/** Checkout ids kept in memory as attempted in this process. */
const ATTEMPTS_KEPT = 10_000;

async function shippingTaxId(ctx: OrderContext, shippingId: string, fresh = false): Promise<number> {
  const shipping = (await ctx.shippings(fresh)).find((s) => String(s.shipping_id) === shippingId);
  if (shipping !== undefined) return shipping.tax_id;
  if (!fresh) return shippingTaxId(ctx, shippingId, true);
  throw new KasaError('shipping_option_unavailable', { details: { platform: 'shoper', shippingId } });
}

/** `POST /orders`; a refused id (400/404) makes the shop's ids be read again once. Returns the id, or the order a lost answer created. */
async function createOrder(
  ctx: OrderContext,
  input: PlaceOrderInput,
): Promise<{ id: number; fresh: boolean }> {
  const operation = 'placeOrder: POST /orders';
  let refreshed = false;
  for (let tries = 1; ; tries++) {
    const body = orderInsertBody(
      input,
      await ctx.ids.get(),
      ctx.config.paymentIds,
      await shippingTaxId(ctx, input.shipping.id, refreshed),
    );
    ctx.attempted.add(input.checkoutId);
    // Bounded memory: the oldest checkouts go first (a retry days later looks up anyway when resumed).
    if (ctx.attempted.size > ATTEMPTS_KEPT)
      ctx.attempted.delete(ctx.attempted.values().next().value as string);
    try {
      const answer = await ctx.rest.request({ operation, idempotent: false }, 'POST', '/orders', { body });
      if ((answer.status === 400 || answer.status === 404) && !refreshed && ctx.ids.refresh()) {
        refreshed = true;
        continue;
      }
      return { id: parseAnswer(wireId, answer, operation), fresh: true };
    } catch (error) {
      if (!isUnknownOutcome(error)) throw error;
      const found = await findOrder(ctx.rest, input.checkoutId, 'placeOrder');
      // Nothing existed before this call (looked up, or known fresh), so the order is this call's: no lines yet.
      if (found !== undefined) return { id: found.order_id, fresh: true };
      if (tries >= CREATE_TRIES) throw error;
    }
  }
}

/** The order's total must be the one Kasa computed; a shop that sums otherwise is refused clearly. */
function checkTotal(order: Order, input: PlaceOrderInput): void {
  if (grosze(order.sum) === input.total.amount) return;
  throw new KasaError('platform_rejected', {
    details: {
      platform: 'shoper',
      operation: 'placeOrder: GET /orders/{id}',
      reason: 'total_mismatch',
      orderId: String(order.order_id),
      expected: input.total.amount,
      shopSum: grosze(order.sum),
      problem:
        'Shoper sums the order differently from Kasa (a discount, a payment fee or a shipping rule of the shop): the order was left unpaid; check it in the panel.',
    },
  });
}

/**
 * Places a guest order, idempotent on the checkout id: unless `resumed === false` (and this process
 * sent nothing for it) the order is looked up first; then `POST /orders`, the lines through `/bulk`,
 * and one read of the order to check its sum against Kasa's total. A lost answer is resolved by
 * reading before sending again.
 *
 * Calls on a fresh placement: POST /orders, then one POST /bulk with the lines and a read of the
 * order (plus the shop's ids and shippings once per adapter).
 *
 * @example const placed = await placeShoperOrder(ctx, input);
 */
export async function placeShoperOrder(ctx: OrderContext, input: PlaceOrderInput): Promise<PlacedOrder> {
  const look = input.resumed !== false || ctx.attempted.has(input.checkoutId);
  const existing = look ? await findOrder(ctx.rest, input.checkoutId, 'placeOrder') : undefined;
  const { id, fresh } =
    existing === undefined ? await createOrder(ctx, input) : { id: existing.order_id, fresh: false };
  const order = await ensureLines(ctx.rest, id, input.cart.lines, { fresh });
  checkTotal(order, input);
  return { ...toPlaced(order), total: input.total };
}

/**
 * The order placed for a checkout, or undefined.
 *
 * @example await findShoperOrder(ctx, 'chk_1'); // { id: '1001', … }
 */
export async function findShoperOrder(
  ctx: OrderContext,
  checkoutId: string,
): Promise<PlacedOrder | undefined> {
  const order = await findOrder(ctx.rest, checkoutId, 'findOrderByCheckout');
  return order === undefined ? undefined : toPlaced(order);
}
