import { findProduct, MAX_CART_LINES, MAX_LINE_QUANTITY } from '@kasa/adapter-sandbox';
import { z } from 'zod';

/** The cookie that holds the shopper's cart, as `productId:qty` pairs joined by commas. */
export const CART_COOKIE = 'demo_cart';

/** One line of the cookie cart. */
export interface CookieLine {
  readonly productId: string;
  readonly quantity: number;
}

const pairSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,100}:\d{1,2}$/)
  .transform((pair): CookieLine => {
    const [productId = '', quantity = '0'] = pair.split(':');
    return { productId, quantity: Number(quantity) };
  })
  .refine((line) => line.quantity >= 1 && line.quantity <= MAX_LINE_QUANTITY, 'quantity');

const cookieSchema = z
  .string()
  .max(4000)
  .transform((value) => (value === '' ? [] : value.split(',')))
  .pipe(z.array(pairSchema).max(MAX_CART_LINES))
  .refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, 'duplicate');

const inSandboxCatalogue = (productId: string) => findProduct(productId) !== undefined;

/**
 * Reads the cart cookie. Anything that does not parse (a tampered or stale cookie: bad syntax,
 * products `isKnown` does not know, quantities outside 1–99, duplicates) yields an empty cart rather
 * than an error. `isKnown` defaults to the sandbox catalogue.
 *
 * @example parseCartCookie('kubek-350:2'); // [{ productId: 'kubek-350', quantity: 2 }]
 */
export function parseCartCookie(
  value: string | undefined,
  isKnown: (productId: string) => boolean = inSandboxCatalogue,
): CookieLine[] {
  if (value === undefined) return [];
  const parsed = cookieSchema.safeParse(value);
  return parsed.success && parsed.data.every((line) => isKnown(line.productId)) ? parsed.data : [];
}

/** Writes lines back as the cookie value. */
export const serializeCart = (lines: readonly CookieLine[]): string =>
  lines.map((l) => `${l.productId}:${l.quantity}`).join(',');

/**
 * Sets a product's quantity (0 removes it; above 99 is capped). A new product goes to the end; a
 * cart that is already full ignores a new product.
 */
export function setLine(lines: readonly CookieLine[], productId: string, quantity: number): CookieLine[] {
  const capped = Math.min(Math.max(0, Math.trunc(quantity)), MAX_LINE_QUANTITY);
  const exists = lines.some((l) => l.productId === productId);
  if (!exists) {
    if (capped === 0 || lines.length >= MAX_CART_LINES) return [...lines];
    return [...lines, { productId, quantity: capped }];
  }
  return lines.flatMap((l) =>
    l.productId !== productId ? [l] : capped === 0 ? [] : [{ productId, quantity: capped }],
  );
}

/** Adds `quantity` units of a product (capped at 99 per line). */
export function addLine(lines: readonly CookieLine[], productId: string, quantity: number): CookieLine[] {
  const current = lines.find((l) => l.productId === productId)?.quantity ?? 0;
  return setLine(lines, productId, current + quantity);
}
