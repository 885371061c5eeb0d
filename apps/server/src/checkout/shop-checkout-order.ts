import { type CheckoutEvent, checkoutEventSchema, fromDecimalString, shopifyCheckoutId } from '@kasa/core';
import { z } from 'zod';
import { HANDED_OFF_CHECKOUT_ATTRIBUTE } from './handed-off-order.ts';
import { purchaseEventId } from './purchase-event.ts';

/**
 * Shopify mode A, the `shopify-step` experiment's control: the cart page sent the shopper straight
 * to Shopify's checkout, so no Kasa checkout exists. The cart block's loader still wrote the arm
 * (`kasa_experiments`) and the consented visitor (`kasa_visitor_id`) as cart attributes; Shopify
 * carries them into the order's `note_attributes`. From the verified order webhook Kasa records the
 * purchase under the checkout id the pixel gave that checkout's events (`shopifyCheckoutId` of the
 * order's `checkout_token`), with the arms. Pure apart from hashing.
 */

const KEY = /^(?!(__proto__|constructor|prototype)$)[a-z0-9_.-]{1,64}$/i;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_EXPERIMENTS = 20;
const decimal = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/);

/** The REST order of a Shopify order webhook, as far as this purchase reads it. */
const shopOrderSchema = z.looseObject({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]),
  checkout_token: z.string().min(1).max(200),
  currency: z.string().regex(/^[A-Z]{3}$/),
  total_price: decimal,
  total_tax: decimal.optional(),
  total_shipping_price_set: z.looseObject({ shop_money: z.looseObject({ amount: decimal }) }).optional(),
  note_attributes: z.array(
    z.looseObject({ name: z.string(), value: z.union([z.string(), z.number()]).nullable() }),
  ),
  line_items: z
    .array(
      z.looseObject({
        variant_id: z.union([z.number().int(), z.string()]).nullable().optional(),
        quantity: z.number().int().min(1).max(999),
        price: decimal,
      }),
    )
    .optional(),
});

/**
 * The arms of a `kasa_experiments` value (`experiment:variation,…`); pairs that are not two keys are
 * left out.
 *
 * @example armsOf('shopify-step:shopify-checkout, bogus'); // { 'shopify-step': 'shopify-checkout' }
 */
export function armsOf(value: string | undefined): Record<string, string> {
  const pairs = (value ?? '')
    .split(',')
    .map((pair) => pair.trim().split(':'))
    .filter((pair): pair is [string, string] => pair.length === 2 && pair.every((part) => KEY.test(part)))
    .slice(0, MAX_EXPERIMENTS);
  return Object.fromEntries(pairs);
}

/**
 * The purchase of an order Shopify's checkout made without Kasa's step but in an experiment arm;
 * undefined for anything else (no order, an order of a Kasa checkout, an order in no experiment, no
 * checkout token). Its id is the order's purchase id, so orders/create, orders/paid and redeliveries
 * store it once.
 *
 * @example
 * await shopCheckoutPurchase({ id: 5001, checkout_token: 'c1', currency: 'PLN', total_price: '62.97',
 *   note_attributes: [{ name: 'kasa_experiments', value: 'shopify-step:shopify-checkout' }] },
 *   { shopId: 'demo', now: Date.now() });
 * // { id: 'purchase-5001', checkoutId: 'shp_…', experiments: { 'shopify-step': 'shopify-checkout' }, name: 'purchase', … }
 */
export async function shopCheckoutPurchase(
  payload: unknown,
  context: { readonly shopId: string; readonly now: number },
): Promise<CheckoutEvent | undefined> {
  const parsed = shopOrderSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const order = parsed.data;
  const attribute = (name: string) => {
    const value = order.note_attributes.find((a) => a.name === name)?.value;
    return value === null || value === undefined ? undefined : String(value).trim();
  };
  if (attribute(HANDED_OFF_CHECKOUT_ATTRIBUTE)) return undefined;
  const experiments = armsOf(attribute('kasa_experiments'));
  if (Object.keys(experiments).length === 0) return undefined;
  const visitorId = attribute('kasa_visitor_id');
  const minor = (amount: string | undefined) =>
    amount === undefined ? 0 : fromDecimalString(amount, order.currency).amount;
  const orderId = String(order.id);
  const checkoutId = await shopifyCheckoutId(order.checkout_token);
  let event: unknown;
  try {
    event = {
      id: purchaseEventId(orderId),
      ts: context.now,
      shopId: context.shopId,
      checkoutId,
      ...(visitorId && ID.test(visitorId) ? { visitorId } : {}),
      experiments,
      name: 'purchase',
      params: {
        value: minor(order.total_price),
        currency: order.currency,
        transaction_id: orderId,
        shipping: minor(order.total_shipping_price_set?.shop_money.amount),
        tax: minor(order.total_tax),
        items: (order.line_items ?? [])
          .filter((line) => line.variant_id !== null && line.variant_id !== undefined)
          .slice(0, 200)
          .map((line) => ({
            item_id: String(line.variant_id)
              .replace(/[^A-Za-z0-9_.-]+/g, '_')
              .slice(0, 64),
            quantity: line.quantity,
            price: minor(line.price),
          })),
      },
    };
  } catch (error) {
    // An amount the currency cannot have (e.g. decimals of yen): no purchase rather than a wrong one.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  const checked = checkoutEventSchema.safeParse(event);
  return checked.success ? checked.data : undefined;
}
