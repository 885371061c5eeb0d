/**
 * `@kasa/adapter-shoper/storefront`: the browser side of the Shoper adapter, small and free of zod so
 * it can be bundled into the storefront script a shop owner installs (examples/shoper-app).
 */
export { type BasketUnreadable, readShoperBasket, type ShoperBasketReading } from './read-basket.ts';
export {
  createStorefrontStandIn,
  type StandInOptions,
  type StorefrontStandIn,
  standInPrice,
} from './stand-in.ts';
export {
  DEFAULT_CHECKOUT_BUTTON,
  type KasaOnShoperOptions,
  type KasaOnShoperResult,
  startKasaOnShoper,
} from './start.ts';
export type * from './storefront-api.ts';
