import {
  blik,
  cashOnDelivery,
  inpostLocker,
  orderInput,
  polishAddress,
  polishCompany,
} from '@kasa/adapter-testing';
import { KasaError, money, type PlaceOrderInput } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrestaShopAdapter, type PrestaShopAdapter, type PrestaShopAdapterDeps } from './adapter.ts';
import {
  type FakePrestaShop,
  type FakePrestaShopOptions,
  STATES,
  startFakePrestaShop,
} from './fake/index.ts';

const fast = { timeoutMs: 500, retries: 2, retryBaseMs: 1, retryMaxMs: 5 } as const;
let fake: FakePrestaShop;

afterEach(async () => {
  await fake?.close();
});

async function setup(options: FakePrestaShopOptions = {}, deps: PrestaShopAdapterDeps = {}) {
  fake = await startFakePrestaShop({ ...options, config: { ...fast, ...options.config } });
  const adapter = createPrestaShopAdapter(fake.config, deps);
  return { adapter, fake };
}

async function checkout(adapter: PrestaShopAdapter, overrides: Partial<PlaceOrderInput> = {}) {
  const made = await fake.createCart();
  const cart = await adapter.getCart(made.ref);
  const options = await adapter.quoteShipping({ cart, destination: { postcode: polishAddress.postcode } });
  return { cart, options, input: orderInput(cart, options, { company: undefined, ...overrides }) };
}

async function rejection(promise: Promise<unknown>): Promise<KasaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KasaError)) throw new Error(`expected a KasaError, got ${String(error)}`);
  return error;
}

const calls = (from: number) =>
  fake.requests
    .slice(from)
    .map((r) => (r.action ? `${r.method} module:${r.action}` : `${r.method} ${r.path}`));

const payment = { provider: 'payu', transactionId: 'TX-BLIK-42' };

describe('prestashop adapter: one BLIK order to a parcel locker', () => {
  it('takes six calls from getCart to markPaid on a fresh placement, the quote answered from the cart read', async () => {
    const { adapter } = await setup();
    const start = fake.requests.length;
    const { input } = await checkout(adapter);
    const order = await adapter.placeOrder({ ...input, resumed: false });
    await adapter.markPaid({ orderId: order.id, payment });
    expect(calls(start)).toEqual([
      'GET module:cart',
      'POST /api/customers',
      'POST /api/addresses',
      'POST /api/carts',
      'POST module:attach',
      'POST /api/orders',
    ]);
  });

  it("empties the shopper's storefront cart once the order exists, not before", async () => {
    const { adapter } = await setup();
    const { cart, input } = await checkout(adapter);
    const storefrontCart = Number(cart.ref.split('-')[0]);
    const order = await adapter.placeOrder(input);
    expect(fake.shop.cartRows.get(storefrontCart)).toHaveLength(2);
    await adapter.markPaid({ orderId: order.id, payment });
    expect(fake.shop.cartRows.get(storefrontCart)).toEqual([]);
  });

  it('prepares customer, address and cart at placeOrder and creates the paid order only at markPaid', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    const order = await adapter.placeOrder(input);

    expect(fake.shop.table('orders').size).toBe(0);
    const customer = [...fake.shop.table('customers').values()][0];
    expect(customer).toMatchObject({ is_guest: '1', email: input.contact.email, id_default_group: '2' });
    expect(customer?.note).toBe(
      `kasa:checkout=${input.checkoutId};total=${(input.total.amount / 100).toFixed(2)};currency=PLN`,
    );
    const cart = fake.shop.table('carts').get(Number(order.id));
    expect(cart?.secure_key).toBe(customer?.secure_key);
    expect(JSON.parse(cart?.delivery_option ?? '{}')).toEqual({ [cart?.id_address_delivery ?? '']: '3,' });
    expect(fake.shop.inpostCartChoice.get(Number(order.id))).toMatchObject({
      point: inpostLocker.id,
      service: 'inpost_locker_standard',
    });
    expect((await adapter.getOrder(order.id)).status).toBe('awaiting_payment');

    await adapter.markPaid({ orderId: order.id, payment });
    const placed = fake.shop.orderForCart(Number(order.id));
    expect(placed).toMatchObject({ current_state: String(STATES.ws_payment), module: 'kasa' });
    expect(placed?.total_paid).toBe((input.total.amount / 100).toFixed(6));
    expect(placed?.payment).toBe('BLIK (payu) #TX-BLIK-42');
    expect(fake.shop.paymentsOf(placed ?? {})[0]?.transaction_id).toBe('TX-BLIK-42');
    expect(fake.shop.inpostCartChoice.get(Number(order.id))?.point).toBe(inpostLocker.id);
    expect(await adapter.getOrder(order.id)).toMatchObject({ status: 'paid', transactionId: 'TX-BLIK-42' });
  });

  it('answers the quote from the cart read, and asks the module again once the cache is stale', async () => {
    let clock = Date.parse('2026-11-27T10:00:00Z');
    const { adapter } = await setup({ config: { cartCacheMs: 5_000 } }, { now: () => new Date(clock) });
    const made = await fake.createCart();
    const cart = await adapter.getCart(made.ref);
    const start = fake.requests.length;
    await adapter.quoteShipping({ cart });
    expect(calls(start)).toEqual([]);
    clock += 5_000;
    await adapter.quoteShipping({ cart });
    expect(calls(start)).toEqual(['GET module:cart']);
  });

  it('quotes the InPost locker free above the free-shipping threshold, showing the regular price', async () => {
    const { adapter } = await setup();
    const made = await fake.createCart([{ product: 2, attribute: 7, quantity: 3 }]);
    const cart = await adapter.getCart(made.ref);
    const options = await adapter.quoteShipping({ cart });
    expect(options.find((o) => o.kind === 'locker')).toMatchObject({
      id: 'carrier-3',
      carrier: 'inpost',
      pickupCarrier: 'inpost',
      price: money(0),
      regularPrice: money(1299),
      eta: { minDays: 1, maxDays: 2 },
    });
    expect(options.find((o) => o.kind === 'courier')).toMatchObject({ id: 'carrier-2', price: money(1699) });
  });

  it('does not read a cart whose reference the module did not sign', async () => {
    const { adapter } = await setup();
    const made = await fake.createCart();
    const forged = made.ref.replace(/-[0-9a-f]{16}$/, '-0000000000000000');
    expect((await rejection(adapter.getCart(forged))).code).toBe('cart_not_found');
  });
});

describe('prestashop adapter: totals must match to the grosz', () => {
  it('refuses a payment fee before creating anything: PrestaShop would file a payment error', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    const withFee = { ...input, total: money(input.total.amount + 500) };
    const error = await rejection(adapter.placeOrder(withFee));
    expect(error.code).toBe('platform_rejected');
    expect(error.details).toMatchObject({
      reason: 'total_mismatch',
      expected: (withFee.total.amount / 100).toFixed(2),
    });
    expect(fake.shop.table('customers').size).toBe(0);
  });

  it("charges PrestaShop's cart total when its rounding of each line makes the products' sum a grosz more", async () => {
    const { adapter } = await setup();
    // Net price × 23% VAT, as on the real 8.2.1: 23.5176 zł twice and 14.637 zł once. Each line
    // rounded: 47.04 + 14.64 = 61.68; the cart total rounds the exact 61.6722 once: 61.67.
    fake.shop.setPrice(1, 0, 2351.76);
    fake.shop.setPrice(2, 7, 1463.7);
    const { cart, input } = await checkout(adapter);
    expect(cart.lines.reduce((sum, line) => sum + line.total.amount, 0)).toBe(6168);
    expect(cart.subtotal).toEqual(money(6167));
    const order = await adapter.placeOrder(input);
    await adapter.markPaid({ orderId: order.id, payment });
    const [stored] = await fake.platformOrders();
    expect(stored).toMatchObject({ paid: true, total: input.total });
    expect(input.total.amount).toBe(6167 + input.shipping.price.amount);
  });

  it('refuses before payment when PrestaShop prices the guest cart differently (a guest-group discount)', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    fake.shop.groupReduction.set(2, 10);
    const error = await rejection(adapter.placeOrder(input));
    expect(error.code).toBe('platform_rejected');
    expect(error.details).toMatchObject({ reason: 'total_mismatch', operation: 'POST kasa module attach' });
    expect(fake.shop.table('orders').size).toBe(0);
    expect(fake.shop.inpostCartChoice.size).toBe(0);
  });

  it('files a price changed minutes after placing as a payment error, and says so', async () => {
    let clock = Date.parse('2026-11-27T10:00:00Z');
    const { adapter } = await setup({}, { now: () => new Date(clock) });
    const { input } = await checkout(adapter);
    const order = await adapter.placeOrder(input);
    clock += 2 * 60_000;
    fake.shop.setPrice(1, 0, 4200);

    const error = await rejection(adapter.markPaid({ orderId: order.id, payment }));
    expect(error.code).toBe('platform_rejected');
    expect(error.details).toMatchObject({ reason: 'total_mismatch' });
    expect(fake.shop.orderForCart(Number(order.id))?.current_state).toBe(String(STATES.error));
    expect((await adapter.getOrder(order.id)).status).toBe('payment_error');
    // The server repeats markPaid; the answer stays the same and no second order appears.
    expect((await rejection(adapter.markPaid({ orderId: order.id, payment }))).details).toMatchObject({
      reason: 'total_mismatch',
    });
    expect(fake.shop.table('orders').size).toBe(1);
  });

  it('lets the webhook and the read-back report a price changed within the minute', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    const order = await adapter.placeOrder(input);
    fake.shop.setPrice(1, 0, 4200);
    await adapter.markPaid({ orderId: order.id, payment });
    expect((await adapter.getOrder(order.id)).status).toBe('payment_error');
    const last = fake.shop.webhooks.at(-1);
    if (!last) throw new Error('no webhook');
    const event = await adapter.verifyWebhook(last);
    expect(event).toMatchObject({ topic: 'order.payment_error', orderId: order.id });
  });
});

describe('prestashop adapter: nothing is created twice', () => {
  it('resumes an earlier process that stopped after creating the address', async () => {
    let crash = true;
    const crashed = createPrestaShopAdapter((await setup()).fake.config, {
      onCall: ({ operation }) => {
        if (crash && operation === 'POST /api/addresses') throw new Error('the process died here');
      },
    });
    const { input } = await checkout(crashed);
    await expect(crashed.placeOrder(input)).rejects.toThrow('the process died here');
    crash = false;

    const restarted = createPrestaShopAdapter(fake.config);
    const start = fake.requests.length;
    const order = await restarted.placeOrder(input);
    expect(calls(start)).toEqual([
      'GET module:info',
      'GET /api/customers',
      'GET /api/addresses',
      'GET /api/carts',
      'POST /api/carts',
      'POST module:attach',
    ]);
    expect(fake.shop.table('customers').size).toBe(1);
    expect(fake.shop.table('addresses').size).toBe(1);
    expect((await fake.platformOrders()).filter((o) => o.checkoutId === input.checkoutId)).toHaveLength(1);
    expect((await restarted.findOrderByCheckout(input.checkoutId))?.id).toBe(order.id);
  });

  it('marks paid after a restart, reading the placement back through the module', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    const order = await adapter.placeOrder(input);
    const restarted = createPrestaShopAdapter(fake.config);
    const start = fake.requests.length;
    await restarted.markPaid({ orderId: order.id, payment });
    expect(calls(start)).toEqual(['GET module:order', 'POST /api/orders']);
    await restarted.markPaid({ orderId: order.id, payment });
    const other = { provider: 'payu', transactionId: 'TX-OTHER' };
    expect(
      (await rejection(createPrestaShopAdapter(fake.config).markPaid({ orderId: order.id, payment: other })))
        .code,
    ).toBe('order_already_paid');
    expect(fake.shop.table('orders').size).toBe(1);
  });

  it('looks the order up by cart before posting it again after a lost answer', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    const order = await adapter.placeOrder(input);
    const start = fake.requests.length;
    fake.faults.inject({ kind: 'reset', after: true, atCall: 0 });
    await adapter.markPaid({ orderId: order.id, payment });
    expect(calls(start)).toEqual(['POST /api/orders', 'GET /api/orders']);
    expect(fake.shop.table('orders').size).toBe(1);
  });
});

describe('prestashop adapter: shop set-up', () => {
  it('makes the cash-on-delivery order at placement, in the COD state, through the module', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter, { paymentMethod: cashOnDelivery });
    const order = await adapter.placeOrder(input);
    const placed = fake.shop.orderForCart(Number(order.id));
    expect(placed).toMatchObject({ module: 'ps_cashondelivery', current_state: String(STATES.cod) });
    expect(fake.shop.paymentsOf(placed ?? {})).toHaveLength(0);
    expect((await adapter.getOrder(order.id)).status).toBe('cash_on_delivery');
    await adapter.cancelOrder({ orderId: order.id, reason: 'shopper cancelled' });
    expect((await adapter.getOrder(order.id)).status).toBe('cancelled');
  });

  it('cancels a placement that has no PrestaShop order yet', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    const order = await adapter.placeOrder(input);
    await adapter.cancelOrder({ orderId: order.id, reason: 'payment abandoned' });
    expect((await adapter.getOrder(order.id)).status).toBe('cancelled');
    expect((await rejection(adapter.markPaid({ orderId: order.id, payment }))).code).toBe(
      'illegal_transition',
    );
  });

  it('keeps the locker in its own table when the official InPost module is missing', async () => {
    const { adapter } = await setup({
      modules: { kasa: { payment: true, active: true }, ps_cashondelivery: { payment: true, active: true } },
    });
    const { input } = await checkout(adapter);
    const order = await adapter.placeOrder(input);
    expect(fake.shop.kasaLocker.get(Number(order.id))).toBe(inpostLocker.id);
    expect((await adapter.getOrder(order.id)).pickupPointId).toBe(inpostLocker.id);
  });

  it('sends a courier order with a company to its own invoice address', async () => {
    const { adapter } = await setup();
    const { cart, options } = await checkout(adapter);
    const courier = options.find((o) => o.kind === 'courier');
    if (!courier) throw new Error('no courier option');
    const input = orderInput(cart, options, { shipping: courier, paymentMethod: blik });
    const order = await adapter.placeOrder(input);
    const stored = fake.shop.table('carts').get(Number(order.id));
    const delivery = fake.shop.table('addresses').get(Number(stored?.id_address_delivery));
    const invoice = fake.shop.table('addresses').get(Number(stored?.id_address_invoice));
    expect(delivery).toMatchObject({
      alias: 'Kasa dostawa',
      address1: 'ul. Floriańska 15/4',
      postcode: '31-019',
    });
    expect(delivery?.vat_number).toBeUndefined();
    expect(invoice).toMatchObject({ alias: 'Kasa faktura', vat_number: polishCompany.nip, city: 'Kraków' });
    expect((await adapter.getOrder(order.id)).company).toEqual({
      nip: polishCompany.nip,
      name: polishCompany.name,
    });
  });

  it('names the payment module when it is not an installed PaymentModule', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    const order = await adapter.placeOrder(input);
    fake.shop.modules.delete('kasa');
    const fresh = createPrestaShopAdapter(fake.config);
    const error = await rejection(fresh.markPaid({ orderId: order.id, payment }));
    expect(error.code).toBe('platform_config_invalid');
    expect(error.details).toMatchObject({ issues: [expect.objectContaining({ setting: 'paymentModule' })] });
  });

  it('says which credential the shop refused', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    const wrongKey = createPrestaShopAdapter({
      ...fake.config,
      webserviceKey: 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY',
    });
    await wrongKey.getCart((await fake.createCart()).ref);
    const ws = await rejection(wrongKey.placeOrder(input));
    expect(ws.code).toBe('platform_auth_failed');
    expect(ws.details).toMatchObject({ credential: 'webserviceKey', platformCode: '20' });

    const wrongModuleKey = createPrestaShopAdapter({
      ...fake.config,
      module: { key: 'not-the-module-key-not-the-module-key' },
    });
    const module = await rejection(wrongModuleKey.getCart((await fake.createCart()).ref));
    expect(module.code).toBe('platform_auth_failed');
    expect(module.details).toMatchObject({ credential: 'module.key' });
  });
});

describe('prestashop adapter: PrestaShop 9 Admin API', () => {
  it('makes the COD order with POST /orders in the COD state', async () => {
    const { adapter } = await setup({ adminApi: true });
    const { input } = await checkout(adapter, { paymentMethod: cashOnDelivery });
    const start = fake.requests.length;
    const order = await adapter.placeOrder(input);
    expect(calls(start)).toEqual([
      'GET /api/customers',
      'POST /api/customers',
      'POST /api/addresses',
      'POST /api/carts',
      'POST module:attach',
      'POST /admin-api/access_token',
      'POST /admin-api/orders',
    ]);
    expect(fake.shop.orderForCart(Number(order.id))).toMatchObject({
      module: 'ps_cashondelivery',
      current_state: String(STATES.cod),
    });
    expect((await adapter.getOrder(order.id)).status).toBe('cash_on_delivery');
  });

  it('reads the total with GET /carts/{id}/view when no locker needs the module, and refuses a different one', async () => {
    const { adapter } = await setup({ adminApi: true });
    const { cart, options } = await checkout(adapter);
    const courier = options.find((o) => o.kind === 'courier');
    const input = orderInput(cart, options, {
      shipping: courier,
      address: polishAddress,
      company: undefined,
    });
    const start = fake.requests.length;
    fake.shop.groupReduction.set(2, 5);
    const error = await rejection(adapter.placeOrder(input));
    expect(error.details).toMatchObject({
      reason: 'total_mismatch',
      operation: 'GET /admin-api/carts/{id}/view',
    });
    expect(calls(start).slice(-2)).toEqual([
      'POST /admin-api/access_token',
      expect.stringMatching(/^GET \/admin-api\/carts\/\d+\/view$/),
    ]);
    expect(calls(start)).not.toContain('POST module:attach');
  });
});

describe('prestashop adapter: the look-up before creating', () => {
  it('looks for an earlier attempt unless the placement is fresh', async () => {
    const { adapter } = await setup();
    for (const resumed of [undefined, true]) {
      const { input } = await checkout(adapter);
      const start = fake.requests.length;
      await adapter.placeOrder({ ...input, ...(resumed === undefined ? {} : { resumed }) });
      expect(calls(start).slice(0, 2)).toEqual(['GET /api/customers', 'POST /api/customers']);
    }
  });

  it('looks anyway when this process already tried the checkout, whatever resumed says', async () => {
    const { adapter } = await setup();
    const { input } = await checkout(adapter);
    // The customer is created but its answer lost, then the shop stops answering: the attempt gives up.
    fake.faults.inject({ kind: 'reset', after: true, atCall: 0 });
    for (let i = 1; i < 30; i++) fake.faults.inject({ kind: 'status', status: 503, atCall: i });
    expect((await rejection(adapter.placeOrder({ ...input, resumed: false }))).code).toBe(
      'platform_unavailable',
    );
    fake.faults.clear();
    const order = await adapter.placeOrder({ ...input, resumed: false });
    const mine = (await fake.platformOrders()).filter((o) => o.checkoutId === input.checkoutId);
    expect(mine).toEqual([expect.objectContaining({ id: order.id })]);
  });
});
