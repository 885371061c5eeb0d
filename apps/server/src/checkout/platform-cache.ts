import {
  type Cart,
  type CartRef,
  deepFreeze,
  RecentMap,
  type ShippingOption,
  type StorefrontAdapter,
} from '@kasa/core';

/**
 * What the checkout last read from the shop platform, per checkout: the cart and its shipping
 * quotes. Every checkout request used to read the cart and quote shipping again (WooCommerce: one
 * Store API call each, two or three quotes on some requests); the shopper's page changes neither.
 * A read younger than the caller's `maxAgeMs` is reused; placing the order asks with 0, so the order
 * is always placed from a fresh read. Only a cache: a restart or an eviction costs one read.
 * What it hands out is a frozen copy of what the platform answered: the same object while the
 * read is reused, so what is derived from it can be kept too (derivedOnce).
 */
export interface PlatformCache {
  cart(checkoutId: string, ref: CartRef, maxAgeMs: number): Promise<Cart>;
  /** Quotes for `cart` (as returned by `cart()`), for a destination postcode or none. */
  quote(
    checkoutId: string,
    cart: Cart,
    postcode: string | undefined,
    maxAgeMs: number,
  ): Promise<ShippingOption[]>;
}

interface Entry {
  readonly ref: CartRef;
  readonly cart: Cart;
  at: number;
  readonly quotes: RecentMap<string, { readonly options: ShippingOption[]; readonly at: number }>;
}

/** Checkouts remembered at once; the oldest are forgotten first. */
const MAX_CHECKOUTS = 10_000;
/** Destination postcodes remembered per checkout. */
const MAX_QUOTES = 8;

/** A copy, so the adapter may go on changing what it answered (the sandbox keeps its carts). */
const frozenCopy = <T>(answer: T): T => deepFreeze(structuredClone(answer));

const sameCart = (a: Cart, b: Cart) => JSON.stringify(a) === JSON.stringify(b);

export function createPlatformCache(
  adapter: Pick<StorefrontAdapter, 'getCart' | 'quoteShipping'>,
  now: () => number = Date.now,
): PlatformCache {
  const entries = new RecentMap<string, Entry>(MAX_CHECKOUTS);

  const remember = (checkoutId: string, entry: Entry): Entry => {
    entries.set(checkoutId, entry);
    return entry;
  };

  return {
    async cart(checkoutId, ref, maxAgeMs) {
      const known = entries.get(checkoutId);
      if (known && known.ref === ref && now() - known.at < maxAgeMs) return known.cart;
      const cart = frozenCopy(await adapter.getCart(ref));
      // An unchanged cart keeps its quotes (and its identity, which the quotes are bound to).
      if (known && known.ref === ref && sameCart(known.cart, cart)) {
        known.at = now();
        return remember(checkoutId, known).cart;
      }
      return remember(checkoutId, { ref, cart, at: now(), quotes: new RecentMap(MAX_QUOTES) }).cart;
    },

    async quote(checkoutId, cart, postcode, maxAgeMs) {
      const entry = entries.get(checkoutId);
      const key = postcode ?? '';
      const known = entry?.cart === cart ? entry.quotes.get(key) : undefined;
      if (known && now() - known.at < maxAgeMs) return known.options;
      const options = frozenCopy(
        await adapter.quoteShipping({ cart, ...(postcode ? { destination: { postcode } } : {}) }),
      );
      if (entry?.cart === cart) entry.quotes.set(key, { options, at: now() });
      return options;
    },
  };
}
