import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from '@kasa/adapter-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyOnFake,
  type Kasa,
  type KasaOnFake,
  readyCheckout,
  SHOPPER,
  startKasa,
  startKasaOnFake,
} from './harness.ts';

/** POST /api/webhooks/:platform with the exact body and headers given. */
const deliver = (
  kasa: Pick<Kasa, 'url'>,
  platform: string,
  body: string,
  headers: Record<string, string | undefined>,
) =>
  fetch(`${kasa.url}/api/webhooks/${platform}`, {
    method: 'POST',
    headers: Object.fromEntries(
      Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    body,
  }).then(async (response) => ({ status: response.status, body: await response.json() }));

const sandboxSigned = (event: Record<string, unknown>) => {
  const body = JSON.stringify(event);
  return {
    body,
    headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(body) },
  };
};

describe('store webhooks on the sandbox', () => {
  let kasa: Kasa;
  beforeAll(async () => {
    kasa = await startKasa();
  });
  afterAll(() => kasa.close());

  it('cancels the checkout when the shop cancelled its unpaid order, and refuses a payment then', async () => {
    const { id } = await readyCheckout(kasa);
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
    const orderId: string = placed.body.order.id;
    await kasa.sandbox.cancelOrder({ orderId, reason: 'out of stock' });

    const { body, headers } = sandboxSigned({ topic: 'order.cancelled', orderId });
    const answer = await deliver(kasa, 'sandbox', body, headers);
    expect(answer).toEqual({
      status: 200,
      body: { received: true, topic: 'order.cancelled', outcome: 'updated' },
    });
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.status).toBe('cancelled');
    const payment = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
    expect(payment.status).toBe(409);
    expect(payment.body.error.code).toBe('illegal_transition');

    // The same event again changes nothing.
    expect((await deliver(kasa, 'sandbox', body, headers)).body.outcome).toBe('in_sync');
    // Logged with the topic and the ids, never the shopper's data.
    const logged = kasa.logs.filter((line) => line.includes('"msg":"store webhook"'));
    expect(logged.at(-2)).toContain(`"orderId":"${orderId}"`);
    expect(logged.at(-2)).toContain('"topic":"order.cancelled"');
    expect(logged.join('\n')).not.toContain(SHOPPER.contact.email);
    expect(logged.join('\n')).not.toContain(SHOPPER.contact.lastName);
  });

  it('refuses a forged signature, or a body changed after signing, with notification_invalid', async () => {
    const { body, headers } = sandboxSigned({ topic: 'order.updated', orderId: 'ord_1' });
    const forged = await deliver(kasa, 'sandbox', body, { ...headers, [SANDBOX_SIGNATURE_HEADER]: 'AAAA' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('notification_invalid');
    const unsigned = await deliver(kasa, 'sandbox', body, { 'content-type': 'application/json' });
    expect(unsigned.status).toBe(401);
    // The signature covers the exact bytes: re-serialised JSON with the same meaning is not the body.
    const altered = await deliver(kasa, 'sandbox', body.replace('{', '{ '), headers);
    expect(altered.status).toBe(401);
    expect(altered.body.error.code).toBe('notification_invalid');
  });

  it('answers 404 for another platform, and acknowledges events it has nothing to do with', async () => {
    const { body, headers } = sandboxSigned({ topic: 'order.updated', orderId: 'ord_1' });
    expect((await deliver(kasa, 'woocommerce', body, headers)).body.error.code).toBe('not_found');

    const unknown = await deliver(kasa, 'sandbox', body, headers);
    expect(unknown).toEqual({
      status: 200,
      body: { received: true, topic: 'order.updated', outcome: 'not_kasa' },
    });
    const noOrder = sandboxSigned({ topic: 'product.updated' });
    expect((await deliver(kasa, 'sandbox', noOrder.body, noOrder.headers)).body.outcome).toBe('ignored');
    const invalid = sandboxSigned({ hello: 'world' });
    expect((await deliver(kasa, 'sandbox', invalid.body, invalid.headers)).body.error.code).toBe(
      'body_invalid',
    );
  });

  it('reports, and leaves alone, an order the shop marked paid without a payment Kasa knows of', async () => {
    const { id } = await readyCheckout(kasa);
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
    const orderId: string = placed.body.order.id;
    await kasa.runtime.adapter.markPaid({ orderId, payment: { provider: 'manual', transactionId: 'T-1' } });
    const { body, headers } = sandboxSigned({ topic: 'order.paid', orderId });
    expect((await deliver(kasa, 'sandbox', body, headers)).body.outcome).toBe('differs');
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.status).toBe('awaiting_payment');
    expect(kasa.logs.some((line) => line.includes('the order differs from the checkout'))).toBe(true);
  });
});

describe.each(['woocommerce-fake', 'prestashop-fake', 'shoper-fake'] as const)(
  'store webhooks on %s',
  (name) => {
    let kasa: KasaOnFake;
    beforeAll(async () => {
      kasa = await startKasaOnFake(name);
    });
    afterAll(() => kasa?.close());

    it("verifies the platform's signature over the raw body and reconciles with the platform's order", async () => {
      const { placed } = await buyOnFake(kasa);
      const orderId: string = placed.body.order.id;
      const events = {
        'woocommerce-fake': {
          id: Number(orderId),
          status: 'processing',
          billing: { email: SHOPPER.contact.email },
        },
        'prestashop-fake': { topic: 'order.paid', orderId, status: 'paid' },
        // Shoper sends the whole order (format JSON); the event's name is in X-Webhook-Name.
        'shoper-fake': {
          order_id: Number(orderId),
          paid: placed.body.order.total.amount / 100,
          email: SHOPPER.contact.email,
        },
      };
      const signed = kasa.fake.signWebhook(
        JSON.stringify(events[name]),
        name === 'shoper-fake' ? 'order.paid' : 'order.updated',
      );
      const platform = name.replace('-fake', '');
      const answer = await deliver(kasa, platform, signed.body, signed.headers);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ received: true, outcome: 'in_sync' });
      const logged = kasa.logs.filter((line) => line.includes('"msg":"store webhook"')).join('\n');
      expect(logged).toContain(`"orderId":"${orderId}"`);
      expect(logged).not.toContain(SHOPPER.contact.email);

      const forged = await deliver(kasa, platform, signed.body.replace('"', ' "'), signed.headers);
      expect(forged.status).toBe(401);
      expect(forged.body.error.code).toBe('notification_invalid');
    });
  },
);

describe('a cart changed on the shop during the checkout (WooCommerce fake)', () => {
  let kasa: KasaOnFake;
  beforeAll(async () => {
    kasa = await startKasaOnFake('woocommerce-fake');
  });
  afterAll(() => kasa?.close());

  it('is read again before the order: the shopper sees the new total before anything is placed', async () => {
    const [first, second] = kasa.demoStore.listProducts();
    if (!first || !second) throw new Error('the fake has too few products');
    const cartRef = await kasa.demoStore.createCart([{ productId: first.id, quantity: 1 }]);
    const created = await kasa.api('POST', '/api/checkouts', { cartRef });
    const id: string = created.body.id;
    await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact);
    const points = await kasa.api('GET', '/api/pickup-points?postcode=30-001&limit=5');
    const locker = created.body.shippingOptions.find((o: { kind: string }) => o.kind === 'locker');
    await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
      optionId: locker.id,
      pickupPointId: points.body.points[0].id,
    });
    const blik = created.body.paymentMethods.find((m: { kind: string }) => m.kind === 'blik');
    const shown = await kasa.api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: blik.id });

    // Another tab adds a product to the same WooCommerce cart.
    const added = await fetch(`${kasa.fake.url}/wp-json/wc/store/v1/cart/add-item`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cart-token': cartRef },
      body: JSON.stringify({ id: Number(second.id), quantity: 1 }),
    });
    expect(added.status).toBe(201);

    const refused = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, {
      'idempotency-key': `order-${id}`,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'platform_rejected',
      details: { reason: 'cart_changed' },
    });
    expect(await kasa.fake.platformOrders()).toEqual([]);

    const now = await kasa.api('GET', `/api/checkouts/${id}`);
    expect(now.body.cart.lines).toHaveLength(2);
    expect(now.body.totals.total.amount).toBe(shown.body.totals.total.amount + second.unitPrice.amount);
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, {
      'idempotency-key': `order-${id}`,
    });
    expect(placed.status).toBe(200);
    expect(placed.body.order.total).toEqual(now.body.totals.total);
    expect(await kasa.fake.platformOrders()).toHaveLength(1);
  });
});
