import { orderInput } from '@kasa/adapter-testing';
import type { Cart, KasaError } from '@kasa/core';
import type { CallRecord } from '@kasa/platform-http';
import { afterEach, describe, expect, it } from 'vitest';
import { createShoperAdapter, type ShoperAdapterOptions } from './adapter.ts';
import { createShoperFake, type ShoperFake, testAdapterConfig } from './fake/index.ts';

const LINES = [
  { productId: '11', quantity: 2 },
  { productId: '12-202', quantity: 1 },
];

let fake: ShoperFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(
  fakeOptions: Parameters<typeof createShoperFake>[0] = {},
  options: ShoperAdapterOptions = {},
) {
  fake = await createShoperFake({ bucket: { limit: 10_000, bandwidth: 10_000 }, ...fakeOptions });
  const calls: CallRecord[] = [];
  const adapter = createShoperAdapter(testAdapterConfig(fake), {
    ...options,
    onCall: (call) => {
      calls.push(call);
      options.onCall?.(call);
    },
  });
  return { fake, adapter, calls };
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as KasaError,
  );

async function quoted(shop: ShoperFake, adapter: ReturnType<typeof createShoperAdapter>) {
  const cart: Cart = await adapter.getCart(await shop.createCart(LINES));
  const options = await adapter.quoteShipping({ cart, destination: { postcode: '31-019' } });
  return { cart, options, input: orderInput(cart, options) };
}

describe('Shoper adapter on the fake shop', () => {
  it('renews an expired token once in the middle of an order and places it once', async () => {
    const { fake: shop, adapter, calls } = await setUp();
    const { input } = await quoted(shop, adapter);
    shop.shop.expireTokens();
    const order = await adapter.placeOrder({ ...input, resumed: false });
    const auths = calls.filter((c) => c.operation.startsWith('auth:'));
    expect(auths).toHaveLength(2); // the first token, and one renewal
    expect(calls.filter((c) => c.status === 401)).toHaveLength(1);
    expect(shop.shop.platformOrders().filter((o) => o.checkoutId === input.checkoutId)).toHaveLength(1);
    expect(order.total).toEqual(input.total);
  });

  it('shares one renewal among concurrent callers', async () => {
    const { fake: shop, adapter, calls } = await setUp();
    const { input } = await quoted(shop, adapter);
    const order = await adapter.placeOrder({ ...input, resumed: false });
    shop.shop.expireTokens();
    const before = calls.filter((c) => c.operation.startsWith('auth:')).length;
    const views = await Promise.all([1, 2, 3, 4].map(() => adapter.getOrder(order.id)));
    expect(views.map((v) => v.id)).toEqual([order.id, order.id, order.id, order.id]);
    expect(calls.filter((c) => c.operation.startsWith('auth:')).length - before).toBe(1);
  });

  it('refuses wrong credentials with platform_auth_failed, naming the fix', async () => {
    fake = await createShoperFake();
    const adapter = createShoperAdapter(
      testAdapterConfig(fake, {
        auth: { login: fake.config.auth.login, password: 'not-the-webapi-password' },
      }),
    );
    const error = await errorOf(adapter.getOrder('1001'));
    expect(error.code).toBe('platform_auth_failed');
    expect(String(error.details?.hint)).toContain('shoper.auth.password');
    expect(JSON.stringify(error.details)).not.toContain('not-the-webapi-password');
  });

  it('obeys a 429 Retry-After, and gives up when it asks for longer than maxRetryAfterMs', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const { fake: shop, adapter } = await setUp({}, { sleep });
    const ref = await shop.createCart(LINES);
    shop.faults.inject({ kind: 'rate-limit', retryAfterSeconds: 3, atCall: 0 });
    const cart = await adapter.getCart(ref);
    expect(cart.lines).toHaveLength(2);
    expect(waits).toContain(3000);

    shop.faults.inject({ kind: 'rate-limit', retryAfterSeconds: 60, atCall: 0 });
    const error = await errorOf(adapter.getCart(ref));
    expect(error.code).toBe('platform_unavailable');
    expect(String(error.details?.problem)).toContain('Retry-After 60 s');
  });

  it('waits for the leaky bucket instead of overflowing it (the documented 10 calls, 2 per second)', async () => {
    let clock = Date.parse('2026-12-05T10:00:00Z');
    const now = () => clock;
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      clock += ms;
    };
    const { fake: shop, adapter } = await setUp({ now, bucket: { limit: 10, bandwidth: 2 } }, { now, sleep });
    for (let i = 0; i < 4; i++) await quoted(shop, adapter);
    expect(shop.shop.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(shop.shop.requests.length).toBeGreaterThan(10);
    expect(waits.length).toBeGreaterThan(0);
    expect(shop.shop.bucketLevel()).toBeLessThanOrEqual(10);
  });

  it('refuses a basket whose price changed, and one REST no longer sells, with the lines', async () => {
    const { fake: shop, adapter } = await setUp();
    const ref = await shop.createCart(LINES);
    shop.shop.setPrice('11', 5290);
    const changed = await errorOf(adapter.getCart(ref));
    expect(changed.code).toBe('cart_prices_unconfirmed');
    expect(changed.details?.lines).toEqual([{ productId: 11, stockId: 101, shown: 4990, confirmed: 5290 }]);

    shop.shop.setPrice('11', 4990);
    shop.shop.setStock('12-202', { active: false });
    const gone = await errorOf(adapter.getCart(ref));
    expect(gone.details?.lines).toEqual([{ productId: 12, stockId: 202, shown: 5690 }]);
  });

  it('does not duplicate lines when the bulk answer is lost: it reads the lines before sending again', async () => {
    const { fake: shop, adapter, calls } = await setUp();
    const { input } = await quoted(shop, adapter);
    // The next calls: POST /orders, POST /bulk (its answer lost after the work).
    shop.faults.inject({ kind: 'reset', after: true, atCall: 1 });
    const order = await adapter.placeOrder({ ...input, resumed: false });
    const stored = shop.shop.platformOrders().filter((o) => o.checkoutId === input.checkoutId);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.total).toEqual(input.total);
    expect(order.total).toEqual(input.total);
    const operations = calls.map((c) => c.operation);
    expect(operations.filter((o) => o.startsWith('placeOrder: POST /bulk'))).toHaveLength(1);
    expect(operations).toContain('placeOrder: GET /order-products');
  });

  it('counts the calls of one order per operation', async () => {
    const { fake: shop, adapter, calls } = await setUp();
    await quoted(shop, adapter); // the shop's ids and the token, once per adapter
    const from = calls.length;
    const { input } = await quoted(shop, adapter);
    const afterCart = calls.length;
    const order = await adapter.placeOrder({ ...input, resumed: false });
    const afterPlace = calls.length;
    await adapter.markPaid({ orderId: order.id, payment: { provider: 'kasa-test', transactionId: 'TX-1' } });
    const perOperation: Record<string, number> = {};
    for (const call of calls.slice(from))
      perOperation[call.operation] = (perOperation[call.operation] ?? 0) + 1;
    console.info(
      `Shoper calls per order: ${calls.length - from} (cart + shipping ${afterCart - from}, placeOrder ${afterPlace - afterCart}, markPaid ${calls.length - afterPlace})`,
      perOperation,
    );
    expect(afterCart - from).toBe(2); // a bulk of products and stocks; shippings
    expect(afterPlace - afterCart).toBe(2); // POST /orders; a bulk of the lines and a read of the order
    expect(calls.length - afterPlace).toBe(2); // a bulk reading order and transactions; one writing both
    expect(calls.length - from).toBeLessThanOrEqual(6);
    expect((await adapter.getOrder(order.id)).status).toBe('paid');
  });

  it('reads the shop’s ids again once when the shop refuses one, then reports the refusal', async () => {
    const { fake: shop, calls } = await setUp();
    const adapter = createShoperAdapter(testAdapterConfig(shop, { statusIds: { unpaid: 99 } }), {
      onCall: (call) => calls.push(call),
    });
    const { input } = await quoted(shop, adapter);
    const before = calls.length;
    const error = await errorOf(adapter.placeOrder({ ...input, resumed: false }));
    expect(error.code).toBe('platform_rejected');
    const operations = calls.slice(before).map((c) => c.operation);
    expect(operations.filter((o) => o === 'placeOrder: POST /orders')).toHaveLength(2);
    expect(operations.filter((o) => o === 'ids: GET /statuses')).toHaveLength(1);
    expect(shop.shop.platformOrders()).toHaveLength(0);
  });

  it('cancels an unpaid order and refuses to cancel a paid one', async () => {
    const { fake: shop, adapter } = await setUp();
    const first = await adapter.placeOrder({ ...(await quoted(shop, adapter)).input, resumed: false });
    await adapter.cancelOrder({ orderId: first.id, reason: 'payment_failed' });
    expect((await adapter.getOrder(first.id)).status).toBe('cancelled');
    const second = await adapter.placeOrder({ ...(await quoted(shop, adapter)).input, resumed: false });
    await adapter.markPaid({ orderId: second.id, payment: { provider: 'kasa-test', transactionId: 'TX-2' } });
    expect((await errorOf(adapter.cancelOrder({ orderId: second.id, reason: 'x' }))).code).toBe(
      'order_already_paid',
    );
  });

  it('verifies an AppStore webhook with webhookScheme appstore, and refuses it with the panel scheme', async () => {
    fake = await createShoperFake({ webhookScheme: 'appstore', appstoreSecret: 'app-secret-123' });
    const appstore = createShoperAdapter(
      testAdapterConfig(fake, { webhookScheme: 'appstore', appstoreSecret: 'app-secret-123' }),
    );
    const signed = fake.shop.signWebhook(JSON.stringify({ order_id: 1001 }), 'order.status');
    expect(await appstore.verifyWebhook(signed)).toMatchObject({ topic: 'order.status', orderId: '1001' });
    const panel = createShoperAdapter(testAdapterConfig(fake));
    expect((await errorOf(panel.verifyWebhook(signed))).code).toBe('notification_invalid');
  });

  it('verifies a webhook the shop sent for a real order', async () => {
    const { fake: shop, adapter } = await setUp();
    const order = await adapter.placeOrder({ ...(await quoted(shop, adapter)).input, resumed: false });
    const body = JSON.stringify(shop.shop.orderJson(Number(order.id)));
    const event = await adapter.verifyWebhook(shop.shop.signWebhook(body, 'order.paid'));
    expect(event).toMatchObject({ topic: 'order.paid', orderId: order.id });
  });
});
