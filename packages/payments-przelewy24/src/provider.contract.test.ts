import { createFaultPlan, serveFake } from '@kasa/adapter-testing/faults';
import type { PaymentProvider } from '@kasa/core';
import { describePaymentProvider, manualClock } from '@kasa/payment-testing';
import { przelewy24ConfigSchema } from './config.ts';
import { startPrzelewy24Fake } from './fake/index.ts';
import { createPrzelewy24Provider } from './provider.ts';
import { blikNotificationSign, notificationSign } from './sign.ts';

/** P24's sandbox: 777xxx approved, any other six digits a failure; 700701 and 999xxx are the fake's own. */
const CODES = { approve: '777123', decline: '500500', expired: '700701', never: '999123' } as const;

describePaymentProvider('przelewy24', async () => {
  const clock = manualClock();
  const faults = createFaultPlan();
  /** Kasa's running provider gets P24's notifications (the BLIK result is how a decline is known). */
  const running: PaymentProvider[] = [];
  const receiver = await serveFake({
    handler: async (req) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
      );
      for (const provider of running) {
        await provider.verifyNotification({ headers, body: req.body }).catch(() => undefined);
      }
      return { status: 200, body: 'OK' };
    },
  });
  const fake = await startPrzelewy24Fake({
    now: clock.now,
    faults,
    answerAfterMs: 2_000,
    closesAfterMs: 120_000,
  });
  const config = przelewy24ConfigSchema.parse({
    ...fake.credentials,
    baseUrl: fake.url,
    timeoutMs: 300,
    payerEmailFallback: 'sklep@example.com',
  });
  const make = () => {
    const provider = createPrzelewy24Provider({ config, now: clock.now });
    running.push(provider);
    return provider;
  };
  const signed = (payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    return {
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    };
  };
  return {
    provider: make(),
    restart: make,
    blikCode: (answer) => (answer === 'used' ? undefined : CODES[answer]),
    answerAfterMs: 2_000,
    closesAfterMs: 120_000,
    now: clock.now,
    advance: async (ms) => clock.advance(ms),
    // No approveNow: P24's REST API has no call that cancels a registered transaction, so a bank
    // approval after Kasa's cancel would take the money (the provider then reports it paid; tested
    // in provider.test.ts). The suite's "approval after cancel takes no money" cannot hold for P24.
    pspPayments: async () => fake.payments(),
    signNotification: (n) => {
      const t = fake.transaction(n.providerRef);
      const orderId = t?.orderId ?? 1;
      if (n.status === 'paid') {
        const fields = {
          merchantId: fake.credentials.merchantId,
          posId: fake.credentials.posId,
          sessionId: n.providerRef,
          amount: n.amount.amount,
          originAmount: n.amount.amount,
          currency: n.amount.currency,
          orderId,
          methodId: 181,
          statement: `p24-${orderId}`,
        };
        return signed({ ...fields, sign: notificationSign(fields, fake.credentials.crc) });
      }
      // P24 notifies only successful payments; anything else arrives as a BLIK result.
      const result =
        n.status === 'cancelled' ? { error: '1', message: 'rejected' } : { error: '0', message: 'success' };
      const fields = { orderId, sessionId: n.providerRef, method: 181, result };
      return signed({ ...fields, sign: blikNotificationSign(fields, fake.credentials.crc) });
    },
    notifyUrl: `${receiver.url}/notify`,
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    upstreamCalls: () => faults.calls(),
    close: async () => {
      await fake.close();
      await receiver.close();
    },
  };
});
