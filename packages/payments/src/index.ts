/** @kasa/payments: payment providers. The sandbox behaves like the Polish PSP sandboxes (PayU's codes). */
export { escapeHtml, renderBankPage } from './bank-page.ts';
export { payuNotificationBody, signedPayuNotification } from './payu-notification.ts';
export { payuSignatureHeader } from './payu-signature.ts';
export { createSandboxPaymentProvider } from './sandbox-provider.ts';
export type { SandboxPaymentProvider } from './sandbox-types.ts';
