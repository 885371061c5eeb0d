import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { manualClock } from '@kasa/payment-testing';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { startStripeFake } from './stripe-fake.ts';

const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function fakeWithSdk(options: Parameters<typeof startStripeFake>[0] = {}) {
  const clock = manualClock();
  const fake = await startStripeFake({ now: clock.now, ...options });
  opened.push(fake);
  const stripe = new Stripe(fake.secretKey, {
    host: '127.0.0.1',
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  return { clock, fake, stripe };
}

const blikIntent = (code: string, attemptId = 'pay_1'): Stripe.PaymentIntentCreateParams => ({
  amount: 12_300,
  currency: 'pln',
  allowed_payment_method_types: ['blik'],
  confirm: true,
  payment_method_data: { type: 'blik' },
  payment_method_options: { blik: { code } },
  metadata: { kasa_attempt_id: attemptId },
});

/** A local endpoint that keeps what Stripe POSTs to it, raw. */
async function receiver() {
  const got: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  opened.push({ close: () => new Promise<void>((r) => server.close(() => r())) });
  return { url, got };
}

describe('Stripe fake through the real SDK', () => {
  it('creates a BLIK intent awaiting the bank app, and approves it when its answer is due', async () => {
    const { clock, fake, stripe } = await fakeWithSdk();
    const intent = await stripe.paymentIntents.create(blikIntent('777123'));
    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'requires_action',
      next_action: { type: 'blik_authorize' },
      currency: 'pln',
      payment_method_types: ['blik'],
      metadata: { kasa_attempt_id: 'pay_1' },
    });
    expect(JSON.stringify(fake.intents())).not.toContain('777123');
    clock.advance(1_999);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_action');
    clock.advance(1);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('refuses an expired code with a 400 carrying the intent, as Stripe does at confirmation', async () => {
    const { stripe } = await fakeWithSdk();
    const error = await stripe.paymentIntents.create(blikIntent('700701')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const e = error as Stripe.errors.StripeError;
    expect(e.decline_code).toBe('code_expired');
    expect(e.payment_intent).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { decline_code: 'code_expired' },
    });
  });

  it('replays an idempotent request and refuses the same key with other parameters', async () => {
    const { fake, stripe } = await fakeWithSdk();
    const first = await stripe.paymentIntents.create(blikIntent('777123'), { idempotencyKey: 'k1' });
    const again = await stripe.paymentIntents.create(blikIntent('777123'), { idempotencyKey: 'k1' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.intents()).toHaveLength(1);
    const other = await stripe.paymentIntents
      .create(blikIntent('777124'), { idempotencyKey: 'k1' })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('refuses payment_method_types on create, as API 2026-09-30.endive and later do', async () => {
    const { stripe } = await fakeWithSdk();
    const error = await stripe
      .rawRequest('POST', '/v1/payment_intents', {
        amount: 1000,
        currency: 'pln',
        payment_method_types: ['blik'],
      })
      .catch((e: unknown) => e);
    expect((error as Stripe.errors.StripeError).code).toBe('payment_method_types_no_longer_supported');
  });

  it('refuses a wrong key with 401 (the SDK’s StripeAuthenticationError) and shows only its ends', async () => {
    const { fake } = await fakeWithSdk();
    const wrong = new Stripe('sk_test_wrongKey1234567890', {
      host: '127.0.0.1',
      port: fake.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    const error = await wrong.balance.retrieve().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((error as Error).message).not.toContain('wrongKey12345');
  });

  it('finds an intent by metadata in search only after the search lag; the list shows it at once', async () => {
    const { clock, stripe } = await fakeWithSdk({ searchLagMs: 30_000 });
    const intent = await stripe.paymentIntents.create(blikIntent('777123', 'pay_lag'));
    const query = "metadata['kasa_attempt_id']:'pay_lag'";
    expect((await stripe.paymentIntents.search({ query })).data).toHaveLength(0);
    expect((await stripe.paymentIntents.list({ created: { gte: 0 } })).data.map((i) => i.id)).toEqual([
      intent.id,
    ]);
    clock.advance(30_000);
    expect((await stripe.paymentIntents.search({ query })).data.map((i) => i.id)).toEqual([intent.id]);
  });

  it('refunds a paid intent once; a second refund is charge_already_refunded', async () => {
    const { clock, stripe } = await fakeWithSdk();
    const intent = await stripe.paymentIntents.create(blikIntent('777123'));
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      code: 'charge_not_refundable',
    });
    clock.advance(2_000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id });
    expect(refund).toMatchObject({ object: 'refund', amount: 12_300, status: 'succeeded' });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      code: 'charge_already_refunded',
    });
    expect((await stripe.refunds.list({ payment_intent: intent.id })).data.map((r) => r.id)).toEqual([
      refund.id,
    ]);
  });

  it('POSTs each event signed so that the SDK’s constructEvent accepts the raw body', async () => {
    const hook = await receiver();
    const { fake, stripe } = await fakeWithSdk({ now: Date.now, webhookUrl: hook.url });
    const intent = await stripe.paymentIntents.create(blikIntent('777123'));
    await fake.decide(intent.id, 'approve');
    const types = hook.got.map((g) => (JSON.parse(g.body) as { type: string }).type);
    expect(types).toEqual([
      'payment_intent.created',
      'payment_intent.requires_action',
      'payment_intent.succeeded',
    ]);
    for (const { headers, body } of hook.got) {
      const event = stripe.webhooks.constructEvent(
        body,
        String(headers['stripe-signature']),
        fake.webhookSecret,
      );
      expect(event.data.object).toMatchObject({ id: intent.id });
    }
    expect(() =>
      stripe.webhooks.constructEvent(
        `${hook.got[0]?.body} `,
        String(hook.got[0]?.headers['stripe-signature']),
        fake.webhookSecret,
      ),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('pays a Checkout Session on its page: complete, paid, with a succeeded intent carrying the metadata', async () => {
    const { fake, stripe } = await fakeWithSdk();
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      allowed_payment_method_types: ['card'],
      line_items: [
        { quantity: 1, price_data: { currency: 'pln', unit_amount: 5000, product_data: { name: 'x' } } },
      ],
      success_url: 'http://127.0.0.1/ok',
      client_reference_id: 'pay_card',
      payment_intent_data: { metadata: { kasa_attempt_id: 'pay_card' } },
    });
    expect(session).toMatchObject({ status: 'open', payment_status: 'unpaid', payment_intent: null });
    const page = await fetch(String(session.url));
    expect(await page.text()).toContain('50,00 zł');
    const paid = await fetch(String(session.url), {
      method: 'POST',
      body: new URLSearchParams({ decision: 'pay' }),
      redirect: 'manual',
    });
    expect(paid.headers.get('location')).toBe('http://127.0.0.1/ok');
    const after = await stripe.checkout.sessions.retrieve(session.id);
    expect(after).toMatchObject({ status: 'complete', payment_status: 'paid' });
    expect(fake.intents().find((i) => i.id === after.payment_intent)).toMatchObject({
      status: 'succeeded',
      metadata: { kasa_attempt_id: 'pay_card' },
    });
  });
});
