import { KasaError, type PaymentProvider, type RefundRequest } from '@kasa/core';
import { createSqliteCheckoutStore, createSqlitePaymentStore, openSqlite } from '@kasa/storage';
import { describe, expect, it } from 'vitest';
import { type CheckoutData, checkoutDataSchema } from './data.ts';
import { ORDER_UNCONFIRMED } from './payment-flow.ts';
import { REFUND_LEASE_MS } from './refund-rules.ts';
import { createRefunds } from './refunds.ts';

const T0 = Date.parse('2026-11-20T10:00:00.000Z');

/** A paid order of one checkout, a provider that counts its refunds, and a clock moved by hand. */
function setup(
  options: {
    refund?: ((input: RefundRequest) => Promise<{ refundRef: string }>) | 'none';
    reason?: string;
    provider?: string;
  } = {},
) {
  let clock = T0;
  const db = openSqlite(':memory:');
  const checkouts = createSqliteCheckoutStore(db);
  const paymentStore = createSqlitePaymentStore(db, () => new Date(clock));
  const data: CheckoutData = {
    locale: 'pl',
    consents: { terms: true, marketingEmail: false, marketingSms: false },
    orderId: 'ord_1',
    orderStatus: 'paid',
  };
  checkouts.insert({ id: 'chk_1', cartRef: 'cart_1', data });
  paymentStore.insert({
    id: 'pay_1',
    checkoutId: 'chk_1',
    orderId: 'ord_1',
    provider: options.provider ?? 'sandbox',
    providerRef: 'SBX1',
    method: 'blik',
    status: 'paid',
    ...(options.reason ? { reason: options.reason } : {}),
  });
  const asked: RefundRequest[] = [];
  const seenBeforeAsking: (string | undefined)[] = [];
  const answer = options.refund === 'none' ? undefined : options.refund;
  const refund =
    options.refund === 'none'
      ? undefined
      : async (input: RefundRequest) => {
          asked.push(input);
          seenBeforeAsking.push(paymentStore.refunds.get('pay_1')?.status);
          return answer ? answer(input) : { refundRef: `RFND-${input.providerRef}` };
        };
  const payments = { id: 'sandbox', ...(refund ? { refund } : {}) } as unknown as PaymentProvider;
  const refunds = createRefunds({
    payments,
    paymentStore,
    checkout: (id) => {
      const stored = checkouts.get(id);
      return stored ? checkoutDataSchema.parse(stored.data) : undefined;
    },
    save: (id, next) => checkouts.update(id, next),
    now: () => clock,
  });
  return {
    refunds,
    paymentStore,
    asked,
    seenBeforeAsking,
    checkoutStatus: () => checkoutDataSchema.parse(checkouts.get('chk_1')?.data).orderStatus,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) =>
      error instanceof KasaError ? `${error.code}:${JSON.stringify(error.details)}` : 'other',
  );

describe('refunds of paid orders', () => {
  it('records the refund as pending before the provider is asked, then keeps its refund id', async () => {
    const s = setup();
    const answer = await s.refunds.refund({ id: 'chk_1', requestedBy: 'merchant' });
    expect(s.seenBeforeAsking).toEqual(['refund_pending']);
    expect(s.asked).toEqual([{ providerRef: 'SBX1', reason: 'merchant_request' }]);
    expect(answer).toMatchObject({
      paymentId: 'pay_1',
      status: 'refunded',
      refundRef: 'RFND-SBX1',
      requestedBy: 'merchant',
    });
    // The attempt stays paid (it never counts as a failed payment) with the reason the widget shows.
    expect(s.paymentStore.get('pay_1')).toMatchObject({ status: 'paid', reason: 'payment_refunded' });
    expect(s.checkoutStatus()).toBe('cancelled');
  });

  it('never sends a second refund: a repeat, by checkout or order id, answers the one recorded', async () => {
    const s = setup();
    const first = await s.refunds.refund({ id: 'chk_1', requestedBy: 'shop_webhook' });
    const again = await s.refunds.refund({ id: 'ord_1', requestedBy: 'merchant' });
    expect(s.asked).toHaveLength(1);
    expect(again).toEqual(first);
    expect(again.requestedBy).toBe('shop_webhook');
  });

  it('asks the provider once for two requests at the same time', async () => {
    let release: () => void = () => {};
    const s = setup({
      refund: (input) =>
        new Promise((resolve) => {
          release = () => resolve({ refundRef: `RFND-${input.providerRef}` });
        }),
    });
    const one = s.refunds.refund({ id: 'chk_1', requestedBy: 'merchant' });
    const two = s.refunds.refund({ id: 'ord_1', requestedBy: 'merchant' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    expect((await one).refundRef).toBe('RFND-SBX1');
    expect((await two).refundRef).toBe('RFND-SBX1');
    expect(s.asked).toHaveLength(1);
  });

  it('records a refusal as refund_failed with its cause, lists the attempt as owed, and tries again when asked', async () => {
    let fail = true;
    const s = setup({
      refund: async (input) => {
        if (fail) throw new KasaError('upstream_unavailable');
        return { refundRef: `RFND-${input.providerRef}` };
      },
    });
    const failed = await s.refunds.refund({ id: 'chk_1', requestedBy: 'shop_webhook' });
    expect(failed).toMatchObject({ status: 'refund_failed', cause: 'upstream_unavailable' });
    expect(failed.refundRef).toBeUndefined();
    expect(s.paymentStore.get('pay_1')).toMatchObject({ status: 'paid', reason: 'refund_due' });
    fail = false;
    const done = await s.refunds.refund({ id: 'chk_1', requestedBy: 'merchant' });
    expect(done).toMatchObject({ status: 'refunded', refundRef: 'RFND-SBX1' });
    expect(done.cause).toBeUndefined();
    expect(s.asked).toHaveLength(2);
    expect(s.paymentStore.get('pay_1')?.reason).toBe('payment_refunded');
  });

  it('leaves a pending refund to whoever holds it, and takes over one a crash left past its lease', async () => {
    const s = setup();
    // Another process (a crash, or `kasa refund` beside the server) recorded it and was asking.
    s.paymentStore.refunds.begin({
      paymentId: 'pay_1',
      checkoutId: 'chk_1',
      orderId: 'ord_1',
      provider: 'sandbox',
      requestedBy: 'shop_webhook',
      reason: 'order_cancelled',
    });
    const held = await s.refunds.refund({ id: 'chk_1', requestedBy: 'merchant' });
    expect(held.status).toBe('refund_pending');
    expect(s.asked).toHaveLength(0);

    s.advance(REFUND_LEASE_MS + 1);
    const resumed = await s.refunds.refund({ id: 'chk_1', requestedBy: 'merchant' });
    expect(resumed).toMatchObject({ status: 'refunded', requestedBy: 'shop_webhook' });
    // Asked with the first request's reason; the port's refund is idempotent per attempt.
    expect(s.asked).toEqual([{ providerRef: 'SBX1', reason: 'order_cancelled' }]);
  });

  it('marks the attempt refund_due for the provider’s panel when the provider cannot refund', async () => {
    const s = setup({ refund: 'none' });
    const due = await s.refunds.refund({ id: 'chk_1', requestedBy: 'shop_webhook' });
    expect(due.status).toBe('refund_due');
    expect(s.paymentStore.get('pay_1')).toMatchObject({ status: 'paid', reason: 'refund_due' });
    expect(s.checkoutStatus()).toBe('cancelled');
    expect((await s.refunds.refund({ id: 'chk_1', requestedBy: 'merchant' })).status).toBe('refund_due');
  });

  it('refuses an attempt another provider took, naming both', async () => {
    const s = setup({ provider: 'payu' });
    expect(await codeOf(s.refunds.refund({ id: 'chk_1', requestedBy: 'merchant' }))).toBe(
      'refund_provider_mismatch:{"paymentId":"pay_1","provider":"payu","configured":"sandbox"}',
    );
    expect(s.asked).toHaveLength(0);
    expect(s.paymentStore.refunds.get('pay_1')).toBeUndefined();
  });

  it('refuses when nothing confirmed was paid online, and an unknown id', async () => {
    const unconfirmed = setup({ reason: ORDER_UNCONFIRMED });
    expect(await codeOf(unconfirmed.refunds.refund({ id: 'chk_1', requestedBy: 'merchant' }))).toBe(
      'refund_not_possible:{"reason":"order_unconfirmed"}',
    );
    const s = setup();
    s.paymentStore.updateStatus('pay_1', { status: 'failed', reason: 'blik_code_rejected' });
    expect(await codeOf(s.refunds.refund({ id: 'chk_1', requestedBy: 'merchant' }))).toBe(
      'refund_not_possible:{"reason":"not_paid"}',
    );
    expect(await codeOf(s.refunds.refund({ id: 'ord_nope', requestedBy: 'merchant' }))).toMatch(
      /^checkout_not_found:/,
    );
    expect(unconfirmed.asked).toHaveLength(0);
  });
});
