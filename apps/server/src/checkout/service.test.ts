import { createSandboxAdapter } from '@kasa/adapter-sandbox';
import {
  KasaError,
  type PickupPointProvider,
  type PlaceOrderInput,
  type StorefrontAdapter,
} from '@kasa/core';
import { createSandboxPaymentProvider } from '@kasa/payments';
import { createSandboxPickupProvider } from '@kasa/pickup';
import {
  createSqliteCheckoutStore,
  createSqliteOrderJournal,
  createSqlitePaymentStore,
  openSqlite,
} from '@kasa/storage';
import { describe, expect, it } from 'vitest';
import { createCheckoutService } from './service.ts';

const ANNA = { email: 'anna@example.pl', phone: '+48512345678', firstName: 'Anna', lastName: 'Kowalska' };

/** The service on the sandbox store, with the platform calls counted and placeOrder's inputs kept. */
async function setup(options: { codFee?: boolean; requireTerms?: boolean } = {}) {
  const db = openSqlite(':memory:');
  const sandbox = createSandboxAdapter({ db });
  const calls = { getCart: 0, quoteShipping: 0 };
  // How often the checkout's payment attempts are looked up.
  const paymentLookups = { count: 0 };
  const payments = createSqlitePaymentStore(db);
  const paymentStore: typeof payments = {
    ...payments,
    listByCheckout: (checkoutId) => {
      paymentLookups.count++;
      return payments.listByCheckout(checkoutId);
    },
  };
  const placements: PlaceOrderInput[] = [];
  let fail: KasaError | undefined;
  const adapter: StorefrontAdapter = {
    ...sandbox,
    getCart: (ref) => {
      calls.getCart++;
      return sandbox.getCart(ref);
    },
    quoteShipping: (input) => {
      calls.quoteShipping++;
      return sandbox.quoteShipping(input);
    },
    async placeOrder(input) {
      placements.push(input);
      const order = await sandbox.placeOrder(input);
      // A lost answer: the platform placed the order, Kasa did not hear it.
      if (fail) throw fail;
      return order;
    },
  };
  const demo = createSandboxPickupProvider();
  // The carrier's view of the points, which may change after the shopper chose one.
  const closed = new Set<string>();
  const removed = new Set<string>();
  const pickup: PickupPointProvider = {
    ...demo,
    async get(pointId) {
      const point = await demo.get(pointId);
      if (!point || removed.has(point.id)) return undefined;
      return closed.has(point.id) ? { ...point, status: 'disabled' } : point;
    },
  };
  // The sandbox bank app answers at once, so a BLIK payment settles on its first status check.
  const sandboxPayments = createSandboxPaymentProvider({
    bankPageBaseUrl: 'http://kasa.test/sandbox/bank',
    approveAfterMs: 0,
  });
  const service = createCheckoutService({
    adapter,
    // Real platforms offer cash on delivery without the sandbox's fee.
    payments:
      options.codFee === false
        ? {
            ...sandboxPayments,
            methods: (input) => sandboxPayments.methods(input).map(({ fee: _fee, ...method }) => method),
          }
        : sandboxPayments,
    pickup,
    checkouts: createSqliteCheckoutStore(db),
    paymentStore,
    journal: createSqliteOrderJournal(db),
    publicUrl: 'http://kasa.test',
    requireTerms: options.requireTerms ?? false,
  });
  const cartRef = await sandbox.createCart([{ productId: sandbox.listProducts()[0]?.id ?? '', quantity: 2 }]);
  const created = await service.create({ cartRef });
  await service.setContact(created.id, ANNA);
  const [point] = await pickup.search({ postcode: '30-001', limit: 1 });
  const locker = created.shippingOptions.find((o) => o.kind === 'locker');
  await service.setDelivery(created.id, { optionId: locker?.id ?? '', pickupPointId: point?.id ?? '' });
  await service.setPaymentMethod(created.id, created.paymentMethods[0]?.id ?? '');
  return {
    service,
    id: created.id,
    methods: created.paymentMethods,
    lockerOptionId: locker?.id ?? '',
    pointId: point?.id ?? '',
    closed,
    removed,
    demo,
    sandbox,
    calls,
    paymentLookups,
    placements,
    failNext: (error: KasaError | undefined) => {
      fail = error;
    },
  };
}

describe('the checkout service and the platform', () => {
  it('reads the cart and quotes shipping when the checkout starts and again before the order, not between', async () => {
    const { service, id, calls } = await setup();
    expect(calls).toEqual({ getCart: 1, quoteShipping: 1 });
    await service.setConsents(id, { terms: true, marketingEmail: false, marketingSms: false });
    await service.shippingOptions(id);
    expect(calls).toEqual({ getCart: 1, quoteShipping: 1 });
    await service.placeOrder(id, `order-${id}`);
    expect(calls).toEqual({ getCart: 2, quoteShipping: 2 });
    // The order's cart is kept with the checkout: reading it asks the platform nothing.
    const after = await service.get(id);
    expect(after.cart.lines).toHaveLength(1);
    expect(calls).toEqual({ getCart: 2, quoteShipping: 2 });
  });

  it('tells the adapter a placement is new only when the journal has just recorded it', async () => {
    const { service, id, placements, failNext } = await setup();
    failNext(new KasaError('platform_unavailable'));
    await expect(service.placeOrder(id, `order-${id}`)).rejects.toMatchObject({
      code: 'platform_unavailable',
    });
    failNext(undefined);
    const placed = await service.placeOrder(id, `order-${id}`);
    expect(placements.map((p) => p.resumed)).toEqual([false, true]);
    // The retry placed the same cart and total, and found the order the first try made.
    expect(placements[1]?.cart).toEqual(placements[0]?.cart);
    expect(placed.order?.total).toEqual(placements[0]?.total);
    expect(placements[1]?.idempotencyKey).toBe(placements[0]?.idempotencyKey);
  });

  it('lets the cart be read again after the platform refused the order', async () => {
    const { service, id, calls, placements, failNext } = await setup();
    failNext(new KasaError('platform_rejected'));
    await expect(service.placeOrder(id, `order-${id}`)).rejects.toMatchObject({ code: 'platform_rejected' });
    expect(calls.getCart).toBe(2);
    failNext(undefined);
    expect((await service.placeOrder(id, `order-${id}`)).status).toBe('awaiting_payment');
    // Read again (the shopper may have fixed the cart), and still not a new placement for the journal.
    expect(calls.getCart).toBe(3);
    expect(placements.map((p) => p.resumed)).toEqual([false, true]);
  });
});

describe('the chosen pickup point, checked before the order', () => {
  it('places nothing when the locker went out of service after it was chosen, then takes another', async () => {
    const { service, id, placements, closed, pointId, lockerOptionId, demo } = await setup();
    closed.add(pointId);
    await expect(service.placeOrder(id, `order-${id}`)).rejects.toMatchObject({
      code: 'pickup_point_unavailable',
      field: 'delivery.pickupPointId',
      details: { pickupPointId: pointId, carrier: 'inpost' },
    });
    expect(placements).toEqual([]);
    expect((await service.get(id)).status).toBe('open');
    // The shopper is back at the picker and chooses another locker.
    const [, other] = await demo.search({ postcode: '30-001', limit: 2 });
    await service.setDelivery(id, { optionId: lockerOptionId, pickupPointId: other?.id ?? '' });
    expect((await service.placeOrder(id, `order-${id}`)).status).toBe('awaiting_payment');
    expect(placements.map((p) => p.pickupPoint?.id)).toEqual([other?.id]);
  });

  it('places nothing when the carrier no longer knows the locker (pickup_point_not_found)', async () => {
    const { service, id, placements, removed, pointId } = await setup();
    removed.add(pointId);
    await expect(service.placeOrder(id, `order-${id}`)).rejects.toMatchObject({
      code: 'pickup_point_not_found',
      field: 'delivery.pickupPointId',
    });
    expect(placements).toEqual([]);
  });

  it('refuses choosing a locker out of service with its own code, and an unknown one as not found', async () => {
    const { service, id, lockerOptionId, demo, closed } = await setup();
    const [, other] = await demo.search({ postcode: '30-001', limit: 2 });
    closed.add(other?.id ?? '');
    await expect(
      service.setDelivery(id, { optionId: lockerOptionId, pickupPointId: other?.id ?? '' }),
    ).rejects.toMatchObject({ code: 'pickup_point_unavailable', field: 'delivery.pickupPointId' });
    await expect(
      service.setDelivery(id, { optionId: lockerOptionId, pickupPointId: 'XXX99X' }),
    ).rejects.toMatchObject({ code: 'pickup_point_not_found' });
  });

  it('does not refuse the repeat of a try that may have reached the platform', async () => {
    const { service, id, placements, failNext, closed, pointId } = await setup();
    failNext(new KasaError('platform_unavailable'));
    await expect(service.placeOrder(id, `order-${id}`)).rejects.toMatchObject({
      code: 'platform_unavailable',
    });
    failNext(undefined);
    closed.add(pointId);
    // The order may exist on the platform already: the retry finds it rather than leave it behind.
    expect((await service.placeOrder(id, `order-${id}`)).status).toBe('awaiting_payment');
    expect(placements).toHaveLength(2);
  });
});

describe('a read of a checkout nobody changed', () => {
  it('answers the same frozen view until the checkout, its cart or its chosen point changes', async () => {
    const { service, id, closed, pointId, sandbox } = await setup();
    const first = await service.get(id);
    expect(await service.get(id)).toBe(first);
    expect(Object.isFrozen(first.totals)).toBe(true);

    await service.setContact(id, { ...ANNA, firstName: 'Ania' });
    const renamed = await service.get(id);
    expect(renamed).not.toBe(first);
    expect(renamed.contact?.firstName).toBe('Ania');
    expect(await service.get(id)).toBe(renamed);

    // The carrier hands out a copy on each read: the point is compared by what it says.
    closed.add(pointId);
    const closedView = await service.get(id);
    expect(closedView.delivery?.pickupPoint?.status).toBe('disabled');
    expect(await service.get(id)).toBe(closedView);

    const product = sandbox.listProducts()[0]?.id ?? '';
    await service.changeCart(id, await sandbox.createCart([{ productId: product, quantity: 5 }]));
    const bigger = await service.get(id);
    expect(bigger.cart.lines[0]?.quantity).toBe(5);
    expect(bigger.totals.total.amount).toBeGreaterThan(closedView.totals.total.amount);
  });
});

describe('what the checkout lets change once the order exists', () => {
  const methodOf = (methods: { id: string; kind: string }[], kind: string) =>
    methods.find((method) => method.kind === kind)?.id ?? '';

  it('refuses contact, delivery, invoice, consents and cart, and lets the payment method change, while the order awaits payment', async () => {
    const { service, id, methods } = await setup();
    const placed = await service.placeOrder(id, `order-${id}`);
    expect(placed.status).toBe('awaiting_payment');
    const locked = { code: 'checkout_locked' };
    await expect(service.setContact(id, { ...ANNA, firstName: 'Ala' })).rejects.toMatchObject(locked);
    await expect(
      service.setDelivery(id, { optionId: placed.delivery?.optionId ?? '' }),
    ).rejects.toMatchObject(locked);
    await expect(service.setInvoice(id, null)).rejects.toMatchObject(locked);
    await expect(service.setConsents(id, placed.consents)).rejects.toMatchObject(locked);
    await expect(service.changeCart(id, 'another-cart')).rejects.toMatchObject(locked);
    // A refused BLIK code, then a card: the same order, paid another way.
    expect((await service.setPaymentMethod(id, methodOf(methods, 'card'))).paymentMethodId).toBe(
      methodOf(methods, 'card'),
    );
  });

  // The server used to accept a new payment method on a paid order (only the widget's machine refused
  // it), leaving the checkout showing a method the order was not paid with.
  it('refuses a new payment method once the order is paid', async () => {
    const { service, id, methods } = await setup();
    await service.setPaymentMethod(id, methodOf(methods, 'blik'));
    await service.placeOrder(id, `order-${id}`);
    const started = await service.startPayment(id, { blikCode: '777123', customerIp: '203.0.113.7' });
    expect((await service.paymentStatus(id, started.id)).status).toBe('paid');
    expect((await service.get(id)).status).toBe('paid');
    await expect(service.setPaymentMethod(id, methodOf(methods, 'card'))).rejects.toMatchObject({
      code: 'checkout_locked',
    });
    expect((await service.get(id)).paymentMethodId).toBe(methodOf(methods, 'blik'));
  });

  it('looks for payment attempts only once the order exists, and then shows the latest', async () => {
    const { service, id, methods, paymentLookups } = await setup();
    await service.get(id);
    expect(paymentLookups.count).toBe(0);
    await service.setPaymentMethod(id, methodOf(methods, 'blik'));
    await service.placeOrder(id, `order-${id}`);
    const started = await service.startPayment(id, { blikCode: '777123', customerIp: '203.0.113.7' });
    const before = paymentLookups.count;
    expect((await service.get(id)).payment?.id).toBe(started.id);
    expect(paymentLookups.count).toBe(before + 1);
  });

  it('takes no online payment for a cash-on-delivery order, even where the methods cost the same', async () => {
    const { service, id, methods } = await setup({ codFee: false });
    await service.setPaymentMethod(id, methodOf(methods, 'cod'));
    expect((await service.placeOrder(id, `order-${id}`)).status).toBe('cash_on_delivery');
    await expect(
      service.startPayment(id, {
        methodId: methodOf(methods, 'blik'),
        blikCode: '777123',
        customerIp: '203.0.113.7',
      }),
    ).rejects.toMatchObject({ code: 'illegal_transition', details: { reason: 'order_cash_on_delivery' } });
    expect((await service.get(id)).status).toBe('cash_on_delivery');
  });
});

describe("the shop's terms", () => {
  it('places no order until the shopper accepts the terms of a shop that has them', async () => {
    const { service, id, placements } = await setup({ requireTerms: true });
    await expect(service.placeOrder(id, `order-${id}`)).rejects.toMatchObject({
      code: 'terms_not_accepted',
      field: 'consents.terms',
    });
    expect(placements).toHaveLength(0);
    await service.setConsents(id, { terms: true, marketingEmail: false, marketingSms: false });
    expect((await service.placeOrder(id, `order-${id}`)).status).toBe('awaiting_payment');
  });

  it('does not ask for them where the shop has none', async () => {
    const { service, id } = await setup();
    expect((await service.placeOrder(id, `order-${id}`)).status).toBe('awaiting_payment');
  });
});
