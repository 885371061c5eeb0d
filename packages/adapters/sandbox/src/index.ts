/** `@kasa/adapter-sandbox`: a credential-free demo storefront for `pnpm start` and the tests. */
export { createSandboxAdapter, type SandboxAdapter, type SandboxAdapterOptions } from './adapter.ts';
export { MAX_CART_LINES, MAX_LINE_QUANTITY, toCart, validateCartLines } from './cart.ts';
export { catalogue, findProduct, type Product } from './catalogue.ts';
export {
  DEFAULT_FREE_SHIPPING_THRESHOLD,
  quoteSandboxShipping,
  type ShippingQuoteInput,
} from './shipping.ts';
export { type SandboxOrder, SandboxStore, type StoredCartLine } from './store.ts';
export {
  DEFAULT_SANDBOX_WEBHOOK_SECRET,
  SANDBOX_SIGNATURE_HEADER,
  signSandboxWebhook,
  verifySandboxWebhook,
} from './webhook.ts';
