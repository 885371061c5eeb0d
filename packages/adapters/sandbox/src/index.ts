/** `@kasa/adapter-sandbox`: a credential-free demo storefront for `pnpm start` and the tests. */
export { createSandboxAdapter, type SandboxAdapter, type SandboxAdapterOptions } from './adapter.ts';
export { MAX_CART_LINES, MAX_LINE_QUANTITY } from './cart.ts';
export { findProduct } from './catalogue.ts';
export { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from './webhook.ts';
