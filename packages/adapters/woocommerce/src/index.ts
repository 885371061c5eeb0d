/** `@kasa/adapter-woocommerce`: the WooCommerce storefront (Store API for the shopper, REST v3 for admin). */
export { createWooCommerceAdapter } from './adapter.ts';
export { wooCommerceConfigSchema } from './config.ts';
export type { CallRecord } from './http.ts';
