/** @kasa/payments: payment providers. The sandbox behaves like the Polish PSP sandboxes (PayU's codes). */
export { escapeHtml, renderBankPage } from './bank-page.ts';
// PayU's notification format and signature: the sandbox sends them, @kasa/payments-payu receives them.
export {
  fromPayuStatus,
  type PayuOrderStatus,
  payuNotificationBody,
  signedPayuNotification,
  toPayuStatus,
  verifyPayuNotification,
} from './payu-notification.ts';
export { type PayuSignatureAlgorithm, payuSignatureHeader } from './payu-signature.ts';
export { createSandboxPaymentProvider } from './sandbox-provider.ts';
export type { SandboxPaymentProvider } from './sandbox-types.ts';
