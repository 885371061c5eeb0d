/** @kasa/payments-payu: PayU (REST v2.1) behind core's PaymentProvider port, with its descriptor and a local fake. */
export { createPayuClient, type PayuClient, TOKEN_MARGIN_MS } from './client.ts';
export {
  PAYU_HOSTS,
  PAYU_KEYS_PLACE,
  type PayuConfig,
  type PayuConfigInput,
  type PayuEnvironment,
  payuBaseUrl,
  payuConfigSchema,
} from './config.ts';
export { PAYU_PROCESSOR_NOTICE, PAYU_PROVIDER_ID, payuMethods } from './methods.ts';
export { payuPlugin } from './plugin.ts';
export { createPayuProvider, extRefundIdOf, type PayuProviderOptions } from './provider.ts';
export { mapPayuOrder, reasonOfResultCode } from './status.ts';
