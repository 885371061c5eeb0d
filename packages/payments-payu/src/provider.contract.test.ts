import { describePaymentProvider, manualClock } from '@kasa/payment-testing';
import { PAYU_SANDBOX_CODES, startFakePayu } from './fake/fake-payu.ts';
import { createPayuProvider } from './provider.ts';

// PayU's real client over real HTTP to the fake; one hand-moved clock for both.
describePaymentProvider('payu', async () => {
  const clock = manualClock();
  const payu = await startFakePayu({ now: clock.now });
  // A short timeout: the "no answer" fault waits it out at every call.
  const make = () => createPayuProvider({ config: { ...payu.config, timeoutMs: 250 }, now: clock.now });
  return {
    provider: make(),
    restart: make,
    blikCode: (answer) => PAYU_SANDBOX_CODES[answer],
    answerAfterMs: payu.answerAfterMs,
    closesAfterMs: payu.blikWindowMs,
    now: clock.now,
    advance: async (ms) => clock.advance(ms),
    approveNow: async (ref) => {
      payu.approve(ref);
    },
    pspPayments: async () => payu.payments(),
    signNotification: ({ providerRef, attemptId, status, amount }) =>
      payu.signedNotification({
        orderId: providerRef,
        extOrderId: attemptId,
        status: status === 'paid' ? 'COMPLETED' : status === 'cancelled' ? 'CANCELED' : 'PENDING',
        totalAmount: String(amount.amount),
      }),
    inject: (fault) => payu.faults.inject(fault),
    clearFaults: () => payu.faults.clear(),
    upstreamCalls: () => payu.faults.calls(),
    close: () => payu.close(),
  };
});
