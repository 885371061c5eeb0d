/** `@kasa/adapter-shoper`: Kasa's storefront adapter for Shoper (REST webapi), and its basket ref. */
export { encodeBasketRef, type ShoperBasket, type ShoperBasketLine } from './basket-ref.ts';
export { parseBasketRef } from './basket-ref-parse.ts';
