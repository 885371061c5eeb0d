/** `@kasa/adapter-woocommerce`: the WooCommerce storefront (Store API for the shopper, REST v3 for admin). */
export {
  createWooCommerceAdapter,
  type WooCommerceAdapter,
  type WooCommerceAdapterOptions,
} from './adapter.ts';
export {
  parseWooCommerceConfig,
  type WooCommerceConfig,
  type WooCommerceConfigInput,
  wooCommerceConfigSchema,
} from './config.ts';
export type { CallRecord } from './http.ts';
export { LOCKER_FIELD, META } from './map.ts';
export { restMoney, storeMoney } from './money.ts';
export {
  signWooWebhook,
  verifyWooWebhook,
  WOO_RESOURCE_HEADER,
  WOO_SIGNATURE_HEADER,
  WOO_TOPIC_HEADER,
} from './webhook.ts';
