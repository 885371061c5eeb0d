import { KasaError } from '@kasa/core';
import { z } from 'zod';
import { BASKET_REF_PREFIX, type ShoperBasket } from './basket-ref.ts';

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

/** The compact form `encodeBasketRef` writes; a basket of up to 100 lines of 1–999 pieces (as a cart line takes). */
const compactBasket = z.strictObject({
  l: z
    .array(z.tuple([id, id, z.number().int().min(1).max(999), z.number().int().min(0).max(100_000_000)]))
    .min(1)
    .max(100),
  s: id.optional(),
});

/**
 * The basket inside a ref made by `encodeBasketRef`. Throws KasaError('cart_not_found') for anything
 * else: a ref that is not a Shoper basket, a damaged one, or one with an impossible line.
 *
 * @example parseBasketRef('shoper1.eyJsIjpbWzEyLDM0LDIsNDk5OV1dfQ');
 * // { lines: [{ productId: 12, stockId: 34, quantity: 2, shownUnitPrice: 4999 }] }
 */
export function parseBasketRef(ref: string): ShoperBasket {
  if (!ref.startsWith(BASKET_REF_PREFIX)) throw new KasaError('cart_not_found');
  const encoded = ref.slice(BASKET_REF_PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
  let json: unknown;
  try {
    json = JSON.parse(atob(encoded));
  } catch {
    throw new KasaError('cart_not_found');
  }
  const parsed = compactBasket.safeParse(json);
  if (!parsed.success) throw new KasaError('cart_not_found');
  const { l, s } = parsed.data;
  return {
    lines: l.map(([productId, stockId, quantity, shownUnitPrice]) => ({
      productId,
      stockId,
      quantity,
      shownUnitPrice,
    })),
    ...(s === undefined ? {} : { shippingId: s }),
  };
}
