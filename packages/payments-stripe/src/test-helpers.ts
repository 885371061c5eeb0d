import type { RawRequest, StartPayment } from '@kasa/core';
import { money } from '@kasa/core';
import type { NotificationInput, PaymentHarness, PspPayment } from '@kasa/payment-testing';
import { manualClock } from '@kasa/payment-testing';
import Stripe from 'stripe';
import { stripeConfigSchema } from './config.ts';
import { type StripeFake, type StripeFakeOptions, startStripeFake } from './fake/stripe-fake.ts';
import { createStripePaymentProvider, type StripeProviderOptions } from './provider.ts';

/** The fake closes an unanswered BLIK this long after the start: a little after the 60 s Kasa shows. */
export const FAKE_CLOSES_AFTER_MS = 65_000;

/** A fake on a hand-moved clock and providers wired to it through the real SDK. */
export async function stripeOnFake(
  fakeOptions: StripeFakeOptions = {},
  providerOptions: Partial<StripeProviderOptions> = {},
) {
  const clock = manualClock();
  const fake = await startStripeFake({
    now: clock.now,
    approvalWindowMs: FAKE_CLOSES_AFTER_MS,
    ...fakeOptions,
  });
  const config = stripeConfigSchema.parse({
    secretKey: fake.secretKey,
    webhookSecret: fake.webhookSecret,
    apiUrl: fake.url,
    cards: true,
  });
  const make = (extra: Partial<StripeProviderOptions> = {}) =>
    createStripePaymentProvider({
      config,
      now: clock.now,
      maxNetworkRetries: 0,
      timeoutMs: 300,
      ...providerOptions,
      ...extra,
    });
  return { clock, fake, config, make };
}

/** Every PaymentIntent in the fake's books, as the contract suite reads a PSP's. */
export function pspPaymentsOf(fake: StripeFake): PspPayment[] {
  const refunds = fake.refunds();
  return fake.intents().map((intent) => {
    const metadata = intent.metadata as Record<string, string>;
    return {
      providerRef: String(intent.id),
      ...(metadata.kasa_attempt_id ? { attemptId: metadata.kasa_attempt_id } : {}),
      charged: intent.status === 'succeeded',
      refunds: refunds.filter((r) => r.payment_intent === intent.id).length,
    };
  });
}

const CLAIMED_STATUS: Readonly<Record<NotificationInput['status'], string>> = {
  paid: 'succeeded',
  cancelled: 'canceled',
  pending: 'requires_action',
};

/** An event as Stripe sends it about a BLIK intent, signed with `secret` at `nowMs`. */
export function signedStripeEvent(input: NotificationInput, secret: string, nowMs: number): RawRequest {
  const status = CLAIMED_STATUS[input.status];
  const type =
    input.status === 'paid'
      ? 'payment_intent.succeeded'
      : input.status === 'cancelled'
        ? 'payment_intent.canceled'
        : 'payment_intent.requires_action';
  const payload = JSON.stringify({
    id: `evt_${input.providerRef}_${input.status}`,
    object: 'event',
    api_version: '2026-11-18.endive',
    created: Math.floor(nowMs / 1000),
    type,
    livemode: false,
    data: {
      object: {
        id: input.providerRef,
        object: 'payment_intent',
        amount: input.amount.amount,
        currency: input.amount.currency.toLowerCase(),
        created: Math.floor(nowMs / 1000),
        metadata: { kasa_attempt_id: input.attemptId },
        payment_method_types: ['blik'],
        status,
        next_action: status === 'requires_action' ? { type: 'blik_authorize', blik_authorize: {} } : null,
        last_payment_error: null,
      },
    },
  });
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    timestamp: Math.floor(nowMs / 1000),
  });
  return { headers: { 'Stripe-Signature': header, 'content-type': 'application/json' }, body: payload };
}

/** The contract suite's harness for Stripe on its fake. */
export async function stripeHarness(): Promise<PaymentHarness> {
  const { clock, fake, make } = await stripeOnFake();
  return {
    provider: make(),
    restart: () => make(),
    // Stripe reports a used code as `code_invalid`, the same as a mistyped one (blik_code_rejected):
    // there is no "used" answer to check.
    blikCode: (answer) =>
      ({ approve: '777123', decline: '500500', expired: '700701', used: undefined, never: '999123' })[answer],
    answerAfterMs: 2_000,
    closesAfterMs: FAKE_CLOSES_AFTER_MS,
    now: clock.now,
    advance: async (ms) => clock.advance(ms),
    approveNow: (ref) => fake.decide(ref, 'approve'),
    pspPayments: async () => pspPaymentsOf(fake),
    signNotification: (n) => signedStripeEvent(n, fake.webhookSecret, clock.now()),
    inject: (fault) => fake.faults.inject(fault),
    clearFaults: () => fake.faults.clear(),
    upstreamCalls: () => fake.faults.calls(),
    close: () => fake.close(),
  };
}

/** A BLIK start as the server makes one. */
export function blikStart(attemptId: string, blikCode: string, amount = money(12_300)): StartPayment {
  return {
    attemptId,
    orderId: `ord_${attemptId}`,
    method: { id: 'blik', kind: 'blik', provider: 'stripe', label: 'BLIK' },
    amount,
    description: `Zamówienie ${attemptId}`,
    blikCode,
    customerIp: '127.0.0.1',
    returnUrl: 'http://127.0.0.1:3000/return',
    notifyUrl: 'http://127.0.0.1:3000/api/payments/notify/stripe',
  };
}
