/** Mode A (Shopify's checkout takes the payment) and the Storefront Cart API client, for the server. */
export {
  createStorefrontCartClient,
  type StorefrontCartClient,
  type StorefrontCartClientOptions,
} from './client.ts';
export {
  createModeAHandoff,
  type HandoffResult,
  handOffToShopify,
  modeAHandoffOf,
  type ShopifyHandoff,
  storefrontOptionsOf,
} from './handoff.ts';
export type { ShopifyCartView, ShopifyDeliveryOptionView, ShopifyLineView } from './map.ts';
export {
  experimentsAttribute,
  INPOST_POINT_ATTRIBUTE,
  KASA_CHECKOUT_ATTRIBUTE,
  KASA_EXPERIMENTS_ATTRIBUTE,
  KASA_VISITOR_ATTRIBUTE,
  type ModeACheckout,
  type ModeATracking,
  modeACheckoutOf,
  planHandoff,
} from './plan.ts';
