/**
 * A Shoper basket as Kasa's cart ref. Shoper has no REST basket: the storefront script reads the
 * basket in the shopper's browser (the storefront JS API) and hands it to Kasa inside the ref. The
 * ref is a claim, not a price list: the server re-prices every line from REST and refuses a basket
 * whose shown prices it cannot confirm. This file has no dependencies, so the storefront script can
 * import it; the server reads a ref with `parseBasketRef` (basket-ref-parse.ts).
 */

/** One basket line as the browser read it. */
export interface ShoperBasketLine {
  /** Shoper's product id. */
  readonly productId: number;
  /** Shoper's stock id: the variant bought, or the product's own stock when it has no variants. */
  readonly stockId: number;
  readonly quantity: number;
  /** The gross unit price the basket showed, in grosze. Compared with the API's, never charged. */
  readonly shownUnitPrice: number;
}

export interface ShoperBasket {
  readonly lines: readonly ShoperBasketLine[];
  /** The shipping chosen in the basket (Shoper's shipping id), when the shopper chose one. */
  readonly shippingId?: number;
}

/** What every Shoper basket ref starts with; the version lets the format change without ambiguity. */
export const BASKET_REF_PREFIX = 'shoper1.';

/** Base64url without padding, from ASCII text (the ref's JSON holds only digits and punctuation). */
const base64url = (ascii: string) => btoa(ascii).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The ref for a basket: `shoper1.` + base64url of `{"l":[[productId,stockId,quantity,shownUnitPrice],…],"s":shippingId}`.
 *
 * @example encodeBasketRef({ lines: [{ productId: 12, stockId: 34, quantity: 2, shownUnitPrice: 4999 }] });
 * // 'shoper1.eyJsIjpbWzEyLDM0LDIsNDk5OV1dfQ'
 */
export function encodeBasketRef(basket: ShoperBasket): string {
  const compact = {
    l: basket.lines.map((line) => [line.productId, line.stockId, line.quantity, line.shownUnitPrice]),
    ...(basket.shippingId === undefined ? {} : { s: basket.shippingId }),
  };
  return BASKET_REF_PREFIX + base64url(JSON.stringify(compact));
}
