import { orderInput, polishAddress } from '@kasa/adapter-testing';
import { KasaError } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createShopifyAdapter } from '../adapter.ts';
import { createShopifyFake, type ShopifyFake } from '../fake/index.ts';
import { createCostGauge } from './throttle.ts';

let fake: ShopifyFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Records each wait; with a clock, moves it on by the wait instead of waiting in real time. */
function recordingSleep(clock?: { ms: number }) {
  const waits: number[] = [];
  const sleep = (ms: number) => {
    waits.push(ms);
    if (clock) {
      clock.ms += ms;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => setTimeout(resolve, ms));
  };
  return { waits, sleep };
}

const operations = (f: ShopifyFake) => f.admin.calls.map((c) => c.operation);

describe('the cost gauge', () => {
  it('asks for no wait until it has seen a status, then for the points missing at the restore rate', () => {
    const gauge = createCostGauge();
    expect(gauge.waitFor(10, 0)).toBe(0);
    gauge.seen({ maximumAvailable: 1000, currentlyAvailable: 4, restoreRate: 50 }, 0);
    expect(gauge.waitFor(10, 0)).toBe(120);
    expect(gauge.waitFor(10, 100)).toBe(20);
    expect(gauge.waitFor(10, 200)).toBe(0);
  });
});

describe('Admin GraphQL calls against the fake', () => {
  it('waits out a THROTTLED answer (HTTP 200) for the points it lacks, then succeeds', async () => {
    // The bucket's clock, which the adapter's gauge also reads, moves only when the adapter waits:
    // on a slow machine neither refills nor counts time meanwhile.
    const clock = { ms: 0 };
    const now = () => clock.ms;
    fake = await createShopifyFake({ bucket: { maximumAvailable: 1000, restoreRate: 50, now } });
    const { waits, sleep } = recordingSleep(clock);
    const adapter = createShopifyAdapter(fake.config, { sleep, now });
    fake.admin.bucket.drain(1);
    expect(await adapter.findOrderByCheckout('chk_none')).toBeUndefined();
    expect(operations(fake)).toEqual(['KasaOrdersByTag', 'KasaOrdersByTag']);
    // At most 4 points missing (1 there, 5 wanted, refilling meanwhile), 50 a second: at most 80 ms.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(100);
  });

  it('waits before a call the bucket cannot afford, at most maxThrottleWaitMs, and gives up after 4 THROTTLED', async () => {
    fake = await createShopifyFake({ bucket: { maximumAvailable: 1000, restoreRate: 1 } });
    const { waits, sleep } = recordingSleep();
    const adapter = createShopifyAdapter({ ...fake.config, maxThrottleWaitMs: 30 }, { sleep });
    fake.admin.bucket.drain(0);
    const error = await adapter.findOrderByCheckout('chk_none').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KasaError);
    expect((error as KasaError).code).toBe('platform_unavailable');
    expect((error as KasaError).details).toMatchObject({ reason: 'throttled', outcome: 'not-done' });
    expect(operations(fake)).toEqual(Array(4).fill('KasaOrdersByTag'));
    expect(waits).toEqual([30, 30, 30]);
  });

  it('refuses the 6th order a minute on a trial store with a clear, stable reason', async () => {
    fake = await createShopifyFake({ trial: true });
    const adapter = createShopifyAdapter(fake.config);
    const cart = await adapter.getCart(await fake.createCart());
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    for (let i = 0; i < 5; i++) await adapter.placeOrder({ ...orderInput(cart, options), resumed: false });
    const error = await adapter
      .placeOrder({ ...orderInput(cart, options), resumed: false })
      .catch((e: unknown) => e);
    expect((error as KasaError).code).toBe('platform_rejected');
    expect((error as KasaError).details).toMatchObject({ reason: 'trial_order_limit' });
    expect(fake.shop.platformOrders()).toHaveLength(5);
  });

  it('writes the order with orderCreate: stock reserved, guest upserted, locker and checkout id as attributes', async () => {
    fake = await createShopifyFake();
    const adapter = createShopifyAdapter(fake.config);
    const cart = await adapter.getCart(
      await fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 2 }]),
    );
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    const input = orderInput(cart, options);
    await adapter.placeOrder({ ...input, resumed: false });
    const [order] = fake.admin.orders();
    expect(order?.inventoryBehaviour).toBe('DECREMENT_OBEYING_POLICY');
    expect(order?.customerEmail).toBe(input.contact.email);
    expect(order?.lineItems).toEqual([
      { variantId: 'gid://shopify/ProductVariant/45001', quantity: 2, priceMinor: 4990 },
    ]);
    expect(order?.customAttributes).toEqual(
      expect.arrayContaining([
        { key: 'kasa_checkout_id', value: input.checkoutId },
        { key: 'inpost_point', value: 'KRA010' },
      ]),
    );
    expect(order?.tags).toContain(`kasa-${input.checkoutId}`);
  });

  it('looks again after a lagging order search before it sends a lost orderCreate again', async () => {
    fake = await createShopifyFake({ searchLagMs: 150 });
    const adapter = createShopifyAdapter({ ...fake.config, orderSearchLagMs: 300 });
    const cart = await adapter.getCart(await fake.createCart());
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    const input = orderInput(cart, options);
    fake.faults.inject({ kind: 'reset', after: true, atCall: 0 });
    const placed = await adapter.placeOrder({ ...input, resumed: false });
    expect(fake.shop.platformOrders().map((o) => o.id)).toEqual([placed.id]);
    expect(operations(fake)).toEqual(['KasaOrderCreate', 'KasaOrdersByTag', 'KasaOrdersByTag']);
  });

  it('records the payment under the gateway name with the PSP reference', async () => {
    fake = await createShopifyFake();
    const adapter = createShopifyAdapter(fake.config);
    const cart = await adapter.getCart(await fake.createCart());
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    const input = orderInput(cart, options);
    const placed = await adapter.placeOrder({ ...input, resumed: false });
    await adapter.markPaid({ orderId: placed.id, payment: { provider: 'payu', transactionId: 'PAYU-123' } });
    const [order] = fake.admin.orders();
    expect(order?.transactions).toMatchObject([
      {
        kind: 'SALE',
        status: 'SUCCESS',
        gateway: 'BLIK (kasa-test) · PAYU-123',
        amountSet: order?.totalPriceSet,
      },
    ]);
    expect(order?.displayFinancialStatus).toBe('PAID');
    expect(fake.admin.calls.slice(-2).map((c) => c.operation)).toEqual(['KasaOrder', 'KasaManualPayment']);
  });

  it('cancels an order (restocked, no refund) and reads it back as cancelled; names each call after its step', async () => {
    fake = await createShopifyFake();
    const records: string[] = [];
    const adapter = createShopifyAdapter(fake.config, { onCall: (call) => records.push(call.operation) });
    const cart = await adapter.getCart(await fake.createCart());
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    const placed = await adapter.placeOrder({ ...orderInput(cart, options), resumed: false });
    await adapter.cancelOrder?.({ orderId: placed.id, reason: 'shopper cancelled' });
    expect((await adapter.getOrder(placed.id)).status).toBe('cancelled');
    expect(records).toEqual([
      'getCart: KasaCart',
      'quoteShipping: KasaCartDeliveryAddressesAdd',
      'placeOrder: KasaOrderCreate',
      'cancelOrder: KasaOrderCancel',
      'getOrder: KasaOrder',
    ]);
    const error = await adapter.cancelOrder?.({ orderId: '999999', reason: 'x' }).catch((e: unknown) => e);
    expect((error as KasaError).code).toBe('order_not_found');
  });

  it('refuses to place or pay orders in mode A (Shopify checkout takes them)', async () => {
    fake = await createShopifyFake();
    const adapter = createShopifyAdapter({ ...fake.config, mode: 'A' });
    const cart = await adapter.getCart(await fake.createCart());
    const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
    const error = await adapter.placeOrder(orderInput(cart, options)).catch((e: unknown) => e);
    expect((error as KasaError).code).toBe('platform_config_invalid');
    expect(fake.admin.calls).toHaveLength(0);
  });

  it('names a refused Admin token as platform_auth_failed', async () => {
    fake = await createShopifyFake();
    const adapter = createShopifyAdapter({ ...fake.config, adminAccessToken: 'shpat_wrong_token_123' });
    const error = await adapter.getOrder('5001001').catch((e: unknown) => e);
    expect((error as KasaError).code).toBe('platform_auth_failed');
  });
});
