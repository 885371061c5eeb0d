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
  INPOST_POINT_ATTRIBUTE,
  KASA_CHECKOUT_ATTRIBUTE,
  type ModeACheckout,
  modeACheckoutOf,
  planHandoff,
} from './plan.ts';
