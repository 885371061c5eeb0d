import { describePaymentProvider, manualClock, type PspPayment } from '@kasa/payment-testing';
import { signedPayuNotification, toPayuStatus } from './payu-notification.ts';
import { createMemorySandboxAttemptStore } from './sandbox-memory-store.ts';
import { createSandboxPaymentProvider } from './sandbox-provider.ts';
import type { SandboxPaymentProvider } from './sandbox-types.ts';
import { BANK } from './test-helpers.ts';

const CODES = { approve: '777123', decline: '500500', expired: '700701', used: '700703', never: '999123' };

// The sandbox is its own PSP: one attempt store (the PSP's books) outlives every provider made on it.
describePaymentProvider('sandbox', async () => {
  const clock = manualClock();
  const store = createMemorySandboxAttemptStore();
  const made: SandboxPaymentProvider[] = [];
  const make = () => {
    const provider = createSandboxPaymentProvider({ bankPageBaseUrl: BANK, now: clock.now, store });
    made.push(provider);
    return provider;
  };
  return {
    provider: make(),
    restart: make,
    blikCode: (answer) => CODES[answer],
    answerAfterMs: 2_000,
    closesAfterMs: 60_000,
    now: clock.now,
    advance: async (ms) => clock.advance(ms),
    pspPayments: async (): Promise<PspPayment[]> => {
      const refunded = new Set(made.flatMap((p) => p.refunds()));
      return store.list().map((r) => ({
        providerRef: r.providerRef,
        attemptId: r.attemptId,
        charged: r.settled?.status === 'paid',
        refunds: refunded.has(r.providerRef) ? 1 : 0,
      }));
    },
    signNotification: ({ providerRef, attemptId, status, amount }) =>
      signedPayuNotification(
        { orderId: providerRef, extOrderId: attemptId, status: toPayuStatus(status), amount },
        'sandbox-second-key',
      ),
    close: () => undefined,
  };
});
