/** @kasa/payments: payment providers. The sandbox behaves like the Polish PSP sandboxes (PayU's codes). */
export type { BankDecision, BankPageInput } from './bank-page.ts';
export { escapeHtml, renderBankPage } from './bank-page.ts';
export type { PayuNotification, PayuOrderStatus } from './payu-notification.ts';
export {
  fromPayuStatus,
  parsePayuNotification,
  payuNotificationBody,
  payuNotificationSchema,
  payuOrderStatusSchema,
  signedPayuNotification,
  toPayuStatus,
  verifyPayuNotification,
} from './payu-notification.ts';
export type { PayuSignature, PayuSignatureAlgorithm } from './payu-signature.ts';
export {
  parsePayuSignatureHeader,
  payuSignatureHeader,
  signPayuStyle,
  verifyPayuSignature,
} from './payu-signature.ts';
export type { SandboxBlikOutcome } from './sandbox-blik.ts';
export { sandboxBlikOutcome } from './sandbox-blik.ts';
export { createMemorySandboxAttemptStore } from './sandbox-memory-store.ts';
export { COD_FEE, SANDBOX_PROVIDER_ID, sandboxMethods } from './sandbox-methods.ts';
export { createSandboxPaymentProvider } from './sandbox-provider.ts';
export type {
  SandboxAttemptRecord,
  SandboxAttemptStore,
  SandboxPaymentOptions,
  SandboxPaymentProvider,
} from './sandbox-types.ts';
