export {
  createShopifyAdapter,
  endpointFetch,
  type ShopifyAdapter,
  type ShopifyAdapterOptions,
} from './adapter.ts';
export {
  MODE_B_NEEDS_CUSTOM_APP,
  parseShopifyConfig,
  refuseModeBWithoutCustomApp,
  type ShopifyConfig,
  type ShopifyConfigInput,
  SUPPORTED_API_VERSIONS,
  shopifyConfigObject,
  shopifyConfigSchema,
} from './config.ts';
export { REQUIRED_SCOPES, REQUIRED_WEBHOOKS } from './diagnose.ts';
export { SHOPIFY_WEBHOOK_TOPICS, verifyShopifyWebhook } from './webhook.ts';
