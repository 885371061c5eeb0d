import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawRequest } from '@kasa/core';
import { KasaError, money } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createStripePaymentProvider } from './provider.ts';
import { blikStart, stripeOnFake } from './test-helpers.ts';

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function onFake(...args: Parameters<typeof stripeOnFake>) {
  const made = await stripeOnFake(...args);
  closing.push(() => made.fake.close());
  return made;
}

/** Kasa's notify endpoint, reduced to keeping each raw request. */
async function notifyReceiver() {
  const got: RawRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push(() => new Promise<void>((r) => server.close(() => r())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payments/notify/stripe`,
    got,
  };
}

describe('Stripe provider on the fake', () => {
  it('offers BLIK from Stripe’s 2,00 zł minimum in PLN, and cards only when the merchant turned them on', async () => {
    const { config, make } = await onFake();
    expect(
      make()
        .methods({ amount: money(199), country: 'PL' })
        .map((m) => m.kind),
    ).toEqual([]);
    expect(
      make()
        .methods({ amount: money(200), country: 'PL' })
        .map((m) => m.kind),
    ).toEqual(['blik', 'card']);
    const blikOnly = createStripePaymentProvider({ config: { ...config, cards: false } });
    expect(blikOnly.methods({ amount: money(5000), country: 'PL' }).map((m) => m.kind)).toEqual(['blik']);
  });

  it('finds by attempt id an intent Stripe’s search has not indexed yet, through the list', async () => {
    const { fake, make } = await onFake({ searchLagMs: 60_000 });
    const attempt = await make().start(blikStart('pay_lagging', '777123'));
    const found = await make().statusByAttemptId('pay_lagging');
    expect(found).toMatchObject({ providerRef: attempt.providerRef, status: 'awaiting_confirmation' });
    expect(fake.intents()).toHaveLength(1);
  });

  it('a start whose answer was lost is replayed by its Idempotency-Key and read as the intent is now', async () => {
    const { clock, fake, make } = await onFake();
    const provider = make();
    fake.faults.inject({ kind: 'reset', after: true, atCall: 0 });
    const first = await provider.start(blikStart('pay_lost', '777123'));
    expect(first.status).toBe('awaiting_confirmation');
    clock.advance(2_000);
    const again = await provider.start(blikStart('pay_lost', '777123'));
    expect(again).toMatchObject({ providerRef: first.providerRef, status: 'paid' });
    expect(fake.intents()).toHaveLength(1);
  });

  it('answers a declined code as a result and keeps the code out of what it returns and throws', async () => {
    const { make } = await onFake();
    const attempt = await make().start(blikStart('pay_expired', '700701'));
    expect(attempt).toMatchObject({ status: 'expired', reason: 'blik_code_expired' });
    expect(JSON.stringify(attempt)).not.toContain('700701');
    const refused = await make()
      .start({ ...blikStart('pay_short', '12345') })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'blik_code_format' });
  });

  it('names the key to fix when Stripe refuses it, without the key', async () => {
    const { config, make } = await onFake();
    const provider = make({ config: { ...config, secretKey: 'sk_test_notTheRightOne123' } });
    const error = await provider.start(blikStart('pay_key', '777123')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KasaError);
    expect((error as KasaError).code).toBe('platform_auth_failed');
    expect(String((error as KasaError).details?.hint)).toContain('Developers › API keys');
    expect(JSON.stringify((error as KasaError).details)).not.toContain('notTheRightOne');
  });

  it('registers its notify URL on the fake and verifies the events the fake POSTs there, raw', async () => {
    const hook = await notifyReceiver();
    const { fake, make } = await onFake();
    const provider = make({ notifyUrl: hook.url });
    const attempt = await provider.start(blikStart('pay_hook', '777123'));
    await fake.decide(attempt.providerRef, 'approve');
    const succeeded = hook.got.find((r) => r.body.includes('"payment_intent.succeeded"'));
    expect(succeeded).toBeDefined();
    expect(await provider.verifyNotification(succeeded as RawRequest)).toEqual({
      providerRef: attempt.providerRef,
      attemptId: 'pay_hook',
      status: 'paid',
    });
    const altered = {
      ...(succeeded as RawRequest),
      body: (succeeded as RawRequest).body.replace('12300', '1'),
    };
    await expect(provider.verifyNotification(altered)).rejects.toMatchObject({
      code: 'notification_invalid',
    });
  });

  it('takes a card on Stripe’s Checkout page: redirect, paid, found by attempt id, notified and refunded by the session', async () => {
    const hook = await notifyReceiver();
    const { fake, make } = await onFake();
    const provider = make({ notifyUrl: hook.url });
    const start = {
      ...blikStart('pay_card', ''),
      method: { id: 'card', kind: 'card' as const, provider: 'stripe', label: 'Karta' },
    };
    const { blikCode: _none, ...card } = start;
    const attempt = await provider.start(card);
    expect(attempt.status).toBe('redirect');
    expect(attempt.providerRef).toMatch(/^cs_/);
    expect(attempt.redirectUrl).toContain(`${fake.url}/pay/`);
    expect((await provider.statusByAttemptId('pay_card'))?.providerRef).toBe(attempt.providerRef);
    await fake.payCheckout(attempt.providerRef);
    expect((await provider.status(attempt.providerRef))?.status).toBe('paid');
    expect(await provider.statusByAttemptId('pay_card')).toMatchObject({
      providerRef: attempt.providerRef,
      status: 'paid',
    });
    for (const type of ['checkout.session.completed', 'payment_intent.succeeded']) {
      const event = hook.got.find((r) => r.body.includes(`"${type}"`));
      expect(await provider.verifyNotification(event as RawRequest), type).toMatchObject({
        providerRef: attempt.providerRef,
        status: 'paid',
      });
    }
    const refund = await provider.refund?.({ providerRef: attempt.providerRef, reason: 'order_unconfirmed' });
    expect(refund?.refundRef).toMatch(/^re_/);
    expect(fake.refunds()).toHaveLength(1);
  });
});
