/**
 * The sandbox payment provider as a plugin: PayU-style BLIK codes and signed notifications, a bank
 * page for redirect methods, its attempts kept in the server's SQLite file as a PSP keeps its
 * payments. The default for `pnpm start` and the tests; it needs no credentials.
 */
import { createSandboxPaymentProvider, type SandboxPaymentProvider } from '@kasa/payments';
import { createSqliteSandboxPaymentStore } from '@kasa/storage';
import { z } from 'zod';
import type { ServerPaymentPlugin } from './registry.ts';
import { mountSandboxBank } from './sandbox-bank.ts';

export const sandboxPayments: ServerPaymentPlugin = {
  kind: 'payments',
  name: 'sandbox',
  label: 'Sandbox (no real money)',
  configSchema: z.strictObject({}),
  settings: {},
  capabilities: ['blik_level0', 'pay_by_link', 'card', 'refunds', 'payment_fees'],
  howToCreate:
    'Nothing to create: the sandbox runs inside Kasa. BLIK 777xxx is approved, 500500 declined in the bank app, 700701 expired, 999xxx never answered.',
  create(_settings, context) {
    return createSandboxPaymentProvider({
      bankPageBaseUrl: `${context.publicUrl}/sandbox/bank`,
      approveAfterMs: context.sandbox.blikApproveAfterMs,
      approvalWindowMs: context.sandbox.blikApprovalWindowMs,
      // In the server's file, as a PSP keeps its payments: an attempt awaiting BLIK survives a crash.
      store: createSqliteSandboxPaymentStore(context.db),
      notify: async (url, body, headers) => {
        // A provider retries until answered; the sandbox tries once and relies on status polling otherwise.
        const send = context.fetch ?? fetch;
        await send(url, { method: 'POST', body, headers }).catch((error: Error) =>
          context.log('warn', { err: { message: error.message } }, 'sandbox notification not delivered'),
        );
      },
    });
  },
  mount: (root, provider) => mountSandboxBank(root, provider as SandboxPaymentProvider),
};
