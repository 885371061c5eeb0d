import { fromDecimalString, type OrderView, type PlacedOrder } from '@kasa/core';
import { z } from 'zod';

/**
 * Shopify mode A: Kasa hands the shopper to Shopify's checkout, which takes the payment and makes
 * the order itself. The order comes back as a verified `orders/create` or `orders/paid` webhook whose
 * `note_attributes` carry `kasa_checkout_id` (the hand-off set it as a cart attribute). Pure.
 */

/** The cart attribute (order note attribute) naming Kasa's checkout; the hand-off writes it. */
export const HANDED_OFF_CHECKOUT_ATTRIBUTE = 'kasa_checkout_id';

/** An order Shopify made for a checkout Kasa handed over. */
export interface HandedOffOrder {
  readonly checkoutId: string;
  readonly order: PlacedOrder;
  /** Shopify says the order is paid (`financial_status: paid`, or an `orders/paid` webhook). */
  readonly paid: boolean;
}

/** The REST order of a Shopify order webhook, as far as Kasa reads it. */
const webhookOrderSchema = z.looseObject({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]),
  name: z.string().max(100).optional(),
  created_at: z.string().max(40).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  total_price: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/),
  financial_status: z.string().max(40).nullable().optional(),
  note_attributes: z
    .array(z.looseObject({ name: z.string(), value: z.union([z.string(), z.number()]).nullable() }))
    .optional(),
});

const checkoutIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/**
 * The handed-off order in a verified webhook's body; undefined when the body is no order or the
 * order names no Kasa checkout (an order of the shop's own checkout).
 *
 * @example
 * handedOffOrderOf({ id: 5001, name: '#1001', currency: 'PLN', total_price: '62.97',
 *   financial_status: 'paid', note_attributes: [{ name: 'kasa_checkout_id', value: 'chk_1' }] }, 'order.created');
 * // { checkoutId: 'chk_1', order: { id: '5001', number: '1001', total: { amount: 6297, currency: 'PLN' }, … }, paid: true }
 */
export function handedOffOrderOf(
  payload: unknown,
  topic: string,
  now = Date.now(),
): HandedOffOrder | undefined {
  const parsed = webhookOrderSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const order = parsed.data;
  const attribute = order.note_attributes?.find((a) => a.name === HANDED_OFF_CHECKOUT_ATTRIBUTE);
  const checkoutId = checkoutIdSchema.safeParse(attribute?.value);
  if (!checkoutId.success) return undefined;
  const created = order.created_at ? Date.parse(order.created_at) : Number.NaN;
  return {
    checkoutId: checkoutId.data,
    order: {
      id: String(order.id),
      number: (order.name ?? String(order.id)).replace(/^#/, ''),
      total: fromDecimalString(order.total_price, order.currency),
      createdAt: new Date(Number.isNaN(created) ? now : created).toISOString(),
    },
    paid: topic === 'order.paid' || order.financial_status === 'paid',
  };
}

/**
 * The same, from the order as the platform's Admin API reads it back (what a live Shopify answers
 * to `getOrder`); the body's creation time is kept when it has one.
 *
 * @example handedOffOrderFromView(view, 'order.paid').paid; // true
 */
export function handedOffOrderFromView(view: OrderView, topic: string, now = Date.now()): HandedOffOrder {
  return {
    checkoutId: view.checkoutId,
    order: { id: view.id, number: view.number, total: view.total, createdAt: new Date(now).toISOString() },
    paid: topic === 'order.paid' || view.status === 'paid',
  };
}
