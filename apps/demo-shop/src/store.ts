import type { CartRef, Money } from '@kasa/core';

/** A product as the demo shop shows it. Prices are gross (VAT included), as Polish consumer prices are. */
export interface DemoProduct {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly unitPrice: Money;
  readonly vatRate: number;
  readonly imageUrl?: string;
}

/**
 * The shop platform behind the demo shop: its catalogue, and the shopper's cart made on the platform
 * (what a real shop's storefront does before it hands the cart to Kasa). The Kasa server hands one
 * in: the sandbox store, or a local WooCommerce or PrestaShop fake. The sandbox adapter is one as it is.
 */
export interface DemoStore {
  /** What the shop runs on, for the page footer, e.g. `WooCommerce (local fake)`. */
  readonly label?: string;
  listProducts(): readonly DemoProduct[];
  /** Makes the platform cart for the cookie cart's lines; returns the ref Kasa starts a checkout from. */
  createCart(lines: readonly { productId: string; quantity: number }[]): Promise<CartRef>;
  /** Reads a cart; throws KasaError('cart_not_found') for an unknown ref. */
  getCart(ref: CartRef): Promise<unknown>;
}
