/** @kasa/payments-przelewy24: Przelewy24 (REST /api/v1) behind Kasa's PaymentProvider port. */
export type { P24Answer, P24Client, P24Refusal, P24Transaction, RegisterInput } from './client.ts';
export { createP24Client } from './client.ts';
export type { P24Environment, Przelewy24Config, Przelewy24ConfigInput } from './config.ts';
export { baseUrlOf, P24_HOSTS, PANEL, przelewy24ConfigSchema, przelewy24Settings } from './config.ts';
export type { P24Consent } from './consent.ts';
export { P24_CONSENT } from './consent.ts';
export { diagnosePrzelewy24, przelewy24Plugin } from './plugin.ts';
export type { Przelewy24Provider, Przelewy24ProviderOptions } from './provider.ts';
export { createPrzelewy24Provider, P24_PROVIDER_ID, refundIdsOf } from './provider.ts';
export {
  blikNotificationSign,
  notificationSign,
  refundNotificationSign,
  registerSign,
  signMatches,
  signPayload,
  verifySign,
} from './sign.ts';
export type { LocalAttempt, Outcome } from './status.ts';
export { BLIK_REFUSED, mapP24Status, P24_STATUS } from './status.ts';
