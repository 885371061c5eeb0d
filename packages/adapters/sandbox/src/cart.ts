import { type Cart, cartOfLines, catalogueLine, KasaError } from '@kasa/core';
import { z } from 'zod';
import { findProduct } from './catalogue.ts';
import type { StoredCartLine } from './store.ts';

/** Limits on a sandbox cart. */
export const MAX_CART_LINES = 50;
export const MAX_LINE_QUANTITY = 99;

const linesSchema = z
  .array(
    z.strictObject({
      productId: z.string().min(1).max(100),
      quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
    }),
  )
  .max(MAX_CART_LINES);

const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => ({ path: ['lines', ...i.path].join('.'), message: i.message }));

/**
 * Validates cart lines from a caller: known products, quantity 1–99, 1–50 lines. Repeated
 * products are merged (and the merged quantity checked), so a line id is the product id.
 * Throws KasaError('body_invalid') with `details.issues`, or 'cart_empty'.
 */
export function validateCartLines(input: unknown): StoredCartLine[] {
  const parsed = linesSchema.safeParse(input);
  if (!parsed.success) throw new KasaError('body_invalid', { details: { issues: issuesOf(parsed.error) } });
  if (parsed.data.length === 0) throw new KasaError('cart_empty');

  const merged = new Map<string, number>();
  for (const line of parsed.data)
    merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity);
  const lines = [...merged].map(([productId, quantity]) => ({ productId, quantity }));

  const issues = lines.flatMap((line, i) => [
    ...(findProduct(line.productId) === undefined
      ? [{ path: `lines.${i}.productId`, message: 'unknown_product', productId: line.productId }]
      : []),
    ...(line.quantity > MAX_LINE_QUANTITY
      ? [{ path: `lines.${i}.quantity`, message: 'too_big', productId: line.productId }]
      : []),
  ]);
  if (issues.length > 0) throw new KasaError('body_invalid', { details: { issues } });
  return lines;
}

/** A core Cart with gross prices from the catalogue: a caller never sets a price. */
export function toCart(ref: string, stored: readonly StoredCartLine[]): Cart {
  const lines = stored.map((line) => {
    const product = findProduct(line.productId);
    // The catalogue is static and carts are validated on creation; a miss means a bad deploy.
    if (product === undefined) {
      throw new KasaError('internal', { details: { ref, productId: line.productId } });
    }
    return catalogueLine(product, line.quantity);
  });
  return cartOfLines(ref, 'PLN', lines);
}
