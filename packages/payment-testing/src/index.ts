/**
 * `@kasa/payment-testing`: the contract every PaymentProvider passes, run by each provider's own
 * tests against its local fake (see README.md for the harness).
 */

export { manualClock } from './clock.ts';
export type { BankAnswer, NotificationInput, PaymentHarness, PspPayment } from './harness.ts';
export { describePaymentProvider, type PaymentSuiteOptions } from './suite.ts';
