import { orderInput, polishAddress } from '@kasa/adapter-testing';
import { KasaError, money, type PlaceOrderInput } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createWooCommerceAdapter, type WooCommerceAdapter } from './adapter.ts';
import type { WooCommerceConfigInput } from './config.ts';
import {
  type FakeWooCommerce,
  type FakeWooCommerceOptions,
  startFakeWooCommerce,
  testAdapterConfig,
} from './fake/index.ts';

let shop: FakeWooCommerce;
/** Without the Kasa plugin there is no "kasa" gateway: Kasa's paid orders take bank transfer. */
const NO_PLUGIN: Partial<WooCommerceConfigInput> = { gateways: { prepaid: 'bacs', cod: 'cod' } };
afterEach(() => shop.close());

async function setup(options: FakeWooCommerceOptions = {}, config: Partial<WooCommerceConfigInput> = {}) {
  shop = await startFakeWooCommerce(options);
  const adapter = createWooCommerceAdapter(testAdapterConfig(shop, config));
  const ref = await shop.createCart([{ productId: 104, quantity: 1 }]);
  return { adapter, ref };
}

async function readyToPlace(
  adapter: WooCommerceAdapter,
  ref: string,
  overrides: Partial<PlaceOrderInput> = {},
) {
  const cart = await adapter.getCart(ref);
  const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
  // A first attempt, as the server makes it on a fresh journal record.
  return orderInput(cart, options, { resumed: false, ...overrides });
}

async function errorOf(promise: Promise<unknown>): Promise<KasaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KasaError);
  return error as KasaError;
}

describe('WooCommerce Store API session', () => {
  it('sends the freshest Cart-Token, so a checkout outlives the token the storefront started with', async () => {
    let clock = Date.parse('2026-03-02T10:00:00Z');
    const now = () => new Date(clock);
    const { adapter, ref } = await setup({ tokenLifetimeSeconds: 60, now });
    const cart = await adapter.getCart(ref);
    clock += 50_000;
    const options = await adapter.quoteShipping({ cart, destination: { postcode: '31-019' } });
    clock += 50_000; // the storefront's token expired 40 s ago
    const order = await adapter.placeOrder(orderInput(cart, options, { resumed: false }));
    expect(order.id).toMatch(/^\d+$/);

    const sent = shop.requests.filter((r) => r.api === 'store' && r.cartToken !== undefined);
    expect(sent.at(-1)?.cartToken).not.toBe(ref);
    // Another process that only has the storefront's token finds the cart gone.
    const fresh = createWooCommerceAdapter(testAdapterConfig(shop));
    expect((await errorOf(fresh.getCart(ref))).code).toBe('cart_not_found');
  });

  it('answers cart_not_found for a well-formed token of an unknown session', async () => {
    const { adapter } = await setup();
    const other = await startFakeWooCommerce();
    try {
      const foreign = await other.createCart([{ productId: 101, quantity: 1 }]);
      expect((await errorOf(adapter.getCart(foreign))).code).toBe('cart_not_found');
    } finally {
      await other.close();
    }
  });

  it('sends the nonce WooCommerce 8.9 wants beside the Cart-Token, from the answer it already has', async () => {
    const { adapter, ref } = await setup({ legacyNonce: true });
    const order = await adapter.placeOrder(await readyToPlace(adapter, ref));
    expect(shop.platformOrders()).toMatchObject([{ id: order.id }]);
    // The cart read before the placement brought the nonce: no extra call for it.
    expect(shop.requests.filter((r) => r.status === 401)).toEqual([]);
  });

  it('reads a nonce first when a process without one writes to WooCommerce 8.9', async () => {
    const { ref } = await setup({ legacyNonce: true });
    const fresh = createWooCommerceAdapter(testAdapterConfig(shop));
    const options = await fresh.quoteShipping({
      cart: { ref, currency: 'PLN', lines: [], subtotal: money(0) },
      destination: { postcode: '31-019' },
    });
    expect(options.length).toBeGreaterThan(0);
    expect(
      shop.requests.map((r) => `${r.method} ${r.path.replace('/wp-json/wc/store/v1', '')} ${r.status}`),
    ).toEqual([
      'GET /cart 200',
      'POST /batch 207',
      'POST /cart/update-customer 401',
      'GET /cart 200',
      'POST /cart/update-customer 200',
    ]);
  });

  it('names the fix for a shop that refuses its own nonce', async () => {
    shop = await startFakeWooCommerce({ legacyNonce: 'refused' });
    const adapter = createWooCommerceAdapter(testAdapterConfig(shop));
    const first = await fetch(`${shop.url}/wp-json/wc/store/v1/cart`);
    await first.arrayBuffer();
    const cart = await adapter.getCart(first.headers.get('cart-token') ?? '');
    const error = await errorOf(adapter.quoteShipping({ cart, destination: { postcode: '31-019' } }));
    expect(error.code).toBe('platform_version_unsupported');
    expect(error.details).toMatchObject({ hint: expect.stringContaining('Nonce and Cart-Token headers') });
  });

  it('reads the cart in the documented shape: gross lines, VAT rates, decoded names', async () => {
    shop = await startFakeWooCommerce();
    const adapter = createWooCommerceAdapter(testAdapterConfig(shop));
    const ref = await shop.createCart([
      { productId: 103, quantity: 2 },
      { productId: 102, quantity: 3 },
    ]);
    const cart = await adapter.getCart(ref);
    expect(
      cart.lines.map((l) => [l.productId, l.sku, l.name, l.unitPrice.amount, l.total.amount, l.vatRate]),
    ).toEqual([
      ['103', 'KSIAZKA-KAWA', 'Książka „Kawa. Od ziarna do filiżanki”', 5990, 11980, 5],
      ['102', 'CZEK-70-100', 'Czekolada gorzka 70% 100 g', 1290, 3870, 8],
    ]);
    expect(cart.subtotal).toEqual(money(15850));
  });

  it('maps the InPost locker, a courier and pickup in person, prices gross', async () => {
    const { adapter, ref } = await setup();
    const options = await adapter.quoteShipping({
      cart: await adapter.getCart(ref),
      destination: { postcode: '31-019' },
    });
    expect(options.map((o) => [o.id, o.kind, o.carrier, o.price.amount, o.eta])).toEqual([
      ['easypack_parcel_machines:3', 'locker', 'inpost', 1299, { minDays: 1, maxDays: 2 }],
      ['flat_rate:1', 'courier', 'flat_rate', 1699, { minDays: 1, maxDays: 3 }],
      ['local_pickup:2', 'pickup', 'local_pickup', 0, { minDays: 0, maxDays: 1 }],
    ]);
    expect(options[0]?.pickupCarrier).toBe('inpost');
  });
});

describe('placing WooCommerce orders', () => {
  it('refuses when WooCommerce would charge another total than the shopper agreed to', async () => {
    const { adapter, ref } = await setup();
    const input = await readyToPlace(adapter, ref);
    const error = await errorOf(adapter.placeOrder({ ...input, total: money(input.total.amount - 100) }));
    expect(error.code).toBe('platform_rejected');
    expect(error.details).toMatchObject({ reason: 'total_changed', actual: input.total });
    expect(shop.platformOrders()).toHaveLength(0);
  });

  it('finds the order a crashed process placed instead of placing another', async () => {
    const { adapter, ref } = await setup();
    const input = await readyToPlace(adapter, ref);
    const first = await adapter.placeOrder(input);
    const restarted = createWooCommerceAdapter(testAdapterConfig(shop));
    expect((await restarted.placeOrder({ ...input, resumed: true })).id).toBe(first.id);
    expect(shop.platformOrders()).toHaveLength(1);
  });

  it('looks the order up before creating only when the placement may be resumed', async () => {
    const { adapter, ref } = await setup();
    const rest = () => shop.requests.filter((r) => r.api === 'rest').map((r) => `${r.method} ${r.path}`);
    await adapter.placeOrder(await readyToPlace(adapter, ref));
    expect(rest()).toEqual([]);
    const again = await shop.createCart([{ productId: 101, quantity: 1 }]);
    await adapter.placeOrder({ ...(await readyToPlace(adapter, again)), resumed: undefined });
    expect(rest()).toEqual(['GET /wp-json/wc/v3/orders']);
  });

  it('matches an order without Kasa’s meta after a restart only on a resumed placement', async () => {
    // No Kasa plugin, and the checkout's answer lost: the order exists without _kasa_checkout_id.
    const { adapter, ref } = await setup({ kasaPlugin: false }, NO_PLUGIN);
    const input = await readyToPlace(adapter, ref);
    shop.faults.inject({ kind: 'reset', after: true, atCall: 1 });
    for (let i = 2; i < 40; i++) shop.faults.inject({ kind: 'status', status: 503, atCall: i });
    expect((await errorOf(adapter.placeOrder(input))).code).toBe('platform_unavailable');
    shop.faults.clear();
    expect(shop.platformOrders()).toMatchObject([{ checkoutId: '' }]);
    const restarted = createWooCommerceAdapter(testAdapterConfig(shop, NO_PLUGIN));
    const order = await restarted.placeOrder({ ...input, resumed: true });
    expect(shop.platformOrders()).toMatchObject([{ id: order.id, checkoutId: input.checkoutId }]);
  });

  it('refuses an idempotency key reused for another checkout', async () => {
    const { adapter, ref } = await setup();
    const input = await readyToPlace(adapter, ref);
    await adapter.placeOrder(input);
    const error = await errorOf(adapter.placeOrder({ ...input, checkoutId: 'chk_other' }));
    expect(error.code).toBe('idempotency_conflict');
  });

  it('writes the locker where the InPost plugin reads it, through REST, when the Kasa plugin is missing', async () => {
    const { adapter, ref } = await setup({ kasaPlugin: false }, NO_PLUGIN);
    const order = await adapter.placeOrder(await readyToPlace(adapter, ref));
    const meta = (shop.restOrder(Number(order.id))?.meta_data ?? []) as { key: string; value: unknown }[];
    expect(Object.fromEntries(meta.map((m) => [m.key, m.value]))).toMatchObject({
      _parcel_machine_id: 'KRA010',
      _billing_nip: '1234563218',
      _kasa_checkout_id: expect.stringMatching(/^chk_/),
    });
    expect(shop.requests.filter((r) => r.api === 'rest').map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /wp-json/wc/v3/orders/${order.id}`,
    ]);
  });

  it('falls back to REST when the Kasa plugin refuses data it cannot verify', async () => {
    const { adapter, ref } = await setup({}, { webhookSecret: 'not-the-shop-secret' });
    const order = await adapter.placeOrder(await readyToPlace(adapter, ref));
    expect(shop.requests.filter((r) => r.api === 'rest').map((r) => r.method)).toEqual(['PUT']);
    expect(shop.platformOrders()[0]).toMatchObject({
      id: order.id,
      pickupPointId: 'KRA010',
      nip: '1234563218',
    });
  });

  it('reports a disabled payment gateway with the platform’s code', async () => {
    const { adapter, ref } = await setup({ gateways: ['cod'] });
    const error = await errorOf(adapter.placeOrder(await readyToPlace(adapter, ref)));
    expect(error.code).toBe('platform_rejected');
    expect(error.details).toMatchObject({
      platformCode: 'woocommerce_rest_checkout_payment_method_disabled',
    });
  });

  it('waits as long as Retry-After asks (up to the cap) before it tries again', async () => {
    const { adapter, ref } = await setup({}, { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 2000 } });
    shop.faults.inject({ kind: 'rate-limit', retryAfterSeconds: 1, atCall: 0 });
    const started = performance.now();
    await adapter.getCart(ref);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up with platform_unavailable naming the call when the shop keeps failing', async () => {
    const { adapter, ref } = await setup();
    for (let i = 0; i < 3; i++) shop.faults.inject({ kind: 'status', status: 503, atCall: i });
    const error = await errorOf(adapter.getCart(ref));
    expect(error.code).toBe('platform_unavailable');
    expect(error.details).toMatchObject({ operation: 'getCart: GET /cart', status: 503 });
  });
});

describe('what real WooCommerce showed (the fake plays it)', () => {
  const billingOf = (id: string) => shop.restOrder(Number(id))?.billing as Record<string, string>;

  it('gives a logged-in customer’s order to their account, with the plugin and without it', async () => {
    for (const kasaPlugin of [true, false]) {
      shop = await startFakeWooCommerce({ kasaPlugin });
      const adapter = createWooCommerceAdapter(testAdapterConfig(shop, kasaPlugin ? {} : NO_PLUGIN));
      const ref = await shop.createCart([{ productId: 104, quantity: 1 }], { customerId: 7 });
      const order = await adapter.placeOrder(await readyToPlace(adapter, ref));
      expect(shop.restOrder(Number(order.id))?.customer_id, `plugin: ${kasaPlugin}`).toBe(7);
      await shop.close();
    }
    shop = await startFakeWooCommerce();
  });

  it('keeps the locker’s street out of the billing address the shopper never gave (with the plugin)', async () => {
    const { adapter, ref } = await setup();
    const input = await readyToPlace(adapter, ref, { company: undefined });
    const order = await adapter.placeOrder(input);
    expect(billingOf(order.id)).toMatchObject({ first_name: 'Anna', address_1: '', city: '', postcode: '' });
    expect(shop.restOrder(Number(order.id))?.shipping).toMatchObject({
      address_1: 'ul. Karmelicka 5',
      address_2: 'Paczkomat KRA010',
    });
    // An invoice brings its own address, which stays.
    const other = await readyToPlace(adapter, await shop.createCart([{ productId: 101, quantity: 1 }]));
    expect(billingOf((await adapter.placeOrder(other)).id)).toMatchObject({ address_1: 'ul. Grodzka 32' });
  });

  it('marks a bank-transfer order (on hold) paid: set_paid keeps the transaction, processing makes it paid', async () => {
    const { adapter, ref } = await setup({ kasaPlugin: false }, NO_PLUGIN);
    const order = await adapter.placeOrder(await readyToPlace(adapter, ref));
    await adapter.markPaid({ orderId: order.id, payment: { provider: 'kasa-test', transactionId: 'TX-1' } });
    expect(await adapter.getOrder(order.id)).toMatchObject({ status: 'paid', transactionId: 'TX-1' });
  });

  it('refuses a checkout whose extensions.kasa breaks the schema the plugin registered', async () => {
    shop = await startFakeWooCommerce();
    const ref = await shop.createCart([{ productId: 104, quantity: 1 }]);
    const answer = await fetch(`${shop.url}/wp-json/wc/store/v1/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cart-token': ref },
      body: JSON.stringify({
        billing_address: { first_name: 'Anna', country: 'PL', email: 'anna@example.pl' },
        payment_method: 'cod',
        extensions: { kasa: { checkout_id: 5 } },
      }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      code: 'rest_invalid_param',
      data: { params: { extensions: 'extensions > kasa > checkout_id is not of type string,null.' } },
    });
  });

  it('takes a flat rate named in lockerMethods by its rate id as an InPost locker, taxed as the shop says', async () => {
    const { adapter, ref } = await setup({}, { lockerMethods: ['flat_rate:1'] });
    const options = await adapter.quoteShipping({
      cart: await adapter.getCart(ref),
      destination: { postcode: '31-019' },
    });
    expect(options.find((o) => o.id === 'flat_rate:1')).toMatchObject({
      kind: 'locker',
      carrier: 'inpost',
      pickupCarrier: 'inpost',
      vatRate: 23,
    });
    expect(options.find((o) => o.id === 'easypack_parcel_machines:3')?.kind).toBe('courier');
  });
});

describe('WooCommerce REST v3 credentials', () => {
  it('says which credential is wrong when the shop refuses the OAuth signature', async () => {
    const { adapter, ref } = await setup({}, { consumerSecret: `cs_${'0'.repeat(40)}` });
    const order = await adapter.placeOrder(await readyToPlace(adapter, ref));
    const error = await errorOf(
      adapter.markPaid({ orderId: order.id, payment: { provider: 'kasa-test', transactionId: 'TX-1' } }),
    );
    expect(error.code).toBe('platform_auth_failed');
    expect(error.details).toMatchObject({ hint: expect.stringContaining('woocommerce.consumerSecret') });
  });

  it('says when the consumer key is not one of the shop’s', async () => {
    const { adapter } = await setup({}, { consumerKey: `ck_${'0'.repeat(40)}` });
    const error = await errorOf(adapter.getOrder('1001'));
    expect(error.code).toBe('platform_auth_failed');
    expect(error.details).toMatchObject({ hint: expect.stringContaining('woocommerce.consumerKey') });
  });
});

describe('parsing at the seam', () => {
  it('fails loudly, naming the call and the field, when the Store API changes a field', async () => {
    const { adapter, ref } = await setup({
      tamper: (req, body) => {
        if (req.path.endsWith('/cart')) {
          const items = (body as { items: { prices: Record<string, unknown> }[] }).items;
          if (items[0]) items[0].prices.price = 39.0;
        }
        return body;
      },
    });
    const error = await errorOf(adapter.getCart(ref));
    expect(error.code).toBe('platform_response_invalid');
    expect(error.details).toMatchObject({ operation: 'getCart: GET /cart', field: 'items.0.prices.price' });
  });

  it('fails loudly when REST v3 sends the order total as a number', async () => {
    const { adapter, ref } = await setup({
      tamper: (req, body) => (req.api === 'rest' ? { ...(body as object), total: 62.89 } : body),
    });
    const order = await adapter.placeOrder(await readyToPlace(adapter, ref));
    const error = await errorOf(adapter.getOrder(order.id));
    expect(error.details).toMatchObject({ operation: 'getOrder: GET /orders/{id}', field: 'total' });
  });
});

describe('WooCommerce webhooks', () => {
  it('answers the unsigned ping WooCommerce sends when a webhook is saved, and nothing else unsigned', async () => {
    const { adapter } = await setup();
    expect(await adapter.verifyWebhook({ headers: {}, body: 'webhook_id=142' })).toMatchObject({
      topic: 'ping',
    });
    expect((await errorOf(adapter.verifyWebhook({ headers: {}, body: '{"id":1}' }))).code).toBe(
      'notification_invalid',
    );
  });
});

describe('the fake Cart-Token', () => {
  it('is as long as a real guest token (212 characters) and carries the same claims', async () => {
    shop = await startFakeWooCommerce();
    const token = await shop.createCart([{ productId: 104, quantity: 1 }]);
    expect(token).toHaveLength(212);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(Object.keys(claims)).toEqual(['user_id', 'exp', 'iss', 'iat']);
  });
});
