/**
 * The Kasa checkout behind the shopper's cart, started when the cart is first shown: the cart's
 * view, the checkout and the purchase then share one checkout id, so Kasa can count abandoned carts
 * and not only abandoned checkouts. A changed cart becomes a new platform cart handed to the same
 * checkout. Remembered in a cookie as `cartRef|checkoutId|linesKey`.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type CookieLine, serializeCart } from './cart-cookie.ts';
import type { KasaClient } from './kasa-client.ts';
import type { DemoStore } from './store.ts';

/** Remembers which Kasa checkout belongs to which cart, so a reload resumes it. */
const CHECKOUT_COOKIE = 'demo_checkout';

export interface CartCheckout {
  readonly cartRef: string;
  readonly checkoutId: string;
  /** Which cookie cart the platform cart was made from ('' when unknown). */
  readonly linesKey: string;
}

/** A short digest of the cart's lines: the cookie stays small and says whether the cart changed. */
export const linesKey = (lines: readonly CookieLine[]): string =>
  createHash('sha256').update(serializeCart(lines)).digest('base64url').slice(0, 16);

/** The remembered cart and checkout, or undefined. */
export function rememberedCheckout(c: Context): CartCheckout | undefined {
  const [cartRef = '', checkoutId = '', key = ''] = (getCookie(c, CHECKOUT_COOKIE) ?? '').split('|');
  return cartRef && checkoutId ? { cartRef, checkoutId, linesKey: key } : undefined;
}

export function rememberCheckout(c: Context, remembered: CartCheckout): void {
  setCookie(c, CHECKOUT_COOKIE, `${remembered.cartRef}|${remembered.checkoutId}|${remembered.linesKey}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
  });
}

/** Forgets the remembered checkout (its order is done): the next cart gets a checkout of its own. */
export function forgetCheckout(c: Context): void {
  deleteCookie(c, CHECKOUT_COOKIE, { path: '/' });
}

/**
 * The remembered platform cart, when it was made from these lines and the platform still has it.
 *
 * @example const ref = (await cartMadeFor(c, lines, store))?.cartRef ?? (await store.createCart(lines));
 */
export async function cartMadeFor(
  c: Context,
  lines: readonly CookieLine[],
  store: DemoStore,
): Promise<CartCheckout | undefined> {
  const known = rememberedCheckout(c);
  if (!known || known.linesKey !== linesKey(lines)) return undefined;
  try {
    await store.getCart(known.cartRef);
    return known;
  } catch {
    return undefined; // gone from the platform (expired, or a reset demo store): make another
  }
}

/**
 * The checkout for the cart's current lines: the remembered one when its platform cart holds these
 * lines, the remembered one with a new platform cart when they changed, else a new checkout.
 *
 * @example const { checkoutId } = await checkoutForCart(c, lines, { store, kasa });
 */
export async function checkoutForCart(
  c: Context,
  lines: readonly CookieLine[],
  deps: { readonly store: DemoStore; readonly kasa: KasaClient },
): Promise<CartCheckout> {
  const same = await cartMadeFor(c, lines, deps.store);
  let current: CartCheckout;
  if (same) {
    current = { ...same, checkoutId: await deps.kasa.checkoutFor(same.cartRef, same.checkoutId) };
  } else {
    const known = rememberedCheckout(c);
    const cartRef = await deps.store.createCart(lines);
    const handedOver = known && (await deps.kasa.changeCart(known.checkoutId, cartRef));
    const checkoutId = handedOver ? known.checkoutId : await deps.kasa.checkoutFor(cartRef);
    current = { cartRef, checkoutId, linesKey: linesKey(lines) };
  }
  rememberCheckout(c, current);
  return current;
}
