/** `@kasa/adapter-shoper`: Kasa's storefront adapter for Shoper (REST webapi), and its basket ref. */

export { createShoperAdapter, type ShoperAdapter, type ShoperAdapterOptions } from './adapter.ts';
export { type AppstoreCallback, appstoreCallbackHash, verifyAppstoreCallback } from './appstore.ts';
export { encodeBasketRef, type ShoperBasket, type ShoperBasketLine } from './basket-ref.ts';
export { parseBasketRef } from './basket-ref-parse.ts';
export {
  parseShoperConfig,
  refuseIncompleteShoperConfig,
  type ShoperConfig,
  type ShoperConfigInput,
  shoperConfigObject,
  shoperConfigSchema,
} from './config.ts';
export { diagnoseShoper, WEBHOOK_PATH } from './diagnose.ts';
export type { KeptGrant, ShoperTokens } from './rest/oauth.ts';
export { appstoreWebhookKey, shoperWebhookSignature, verifyShoperWebhook } from './webhook.ts';
