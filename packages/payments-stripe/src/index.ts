/** @kasa/payments-stripe: Stripe (BLIK Level 0, cards on Stripe's page, refunds) behind Kasa's PaymentProvider port. */
export { keyMode, type StripeConfig, stripeConfigSchema, stripeSettings } from './config.ts';
export { toKasaError } from './errors.ts';
export { blikFailure, type IntentView, intentStatus, type MappedStatus, sessionStatus } from './mapping.ts';
export { stripePlugin } from './plugin.ts';
export {
  ATTEMPT_METADATA_KEY,
  createStripeClient,
  createStripePaymentProvider,
  KASA_WEBHOOK_EVENTS,
  STRIPE_PROVIDER_ID,
  type StripePaymentProvider,
  type StripeProviderOptions,
} from './provider.ts';
