import {
  type Cart,
  type CheckoutView,
  type Company,
  type Consents,
  type Contact,
  computeTotals,
  type Delivery,
  KasaError,
  type MissingPart,
  type OrderJournal,
  type PaymentProvider,
  type PickupPointProvider,
  type PlacedOrder,
  type ShippingOption,
  type StorefrontAdapter,
} from '@kasa/core';
import type { CheckoutStore, PaymentStore } from '@kasa/storage';
import { randomId } from '../ids.ts';
import { type CheckoutData, checkoutDataSchema } from './data.ts';
import { createPaymentFlow } from './payment-flow.ts';

export interface CheckoutDeps {
  readonly adapter: StorefrontAdapter;
  readonly payments: PaymentProvider;
  readonly pickup: PickupPointProvider;
  readonly checkouts: CheckoutStore;
  readonly paymentStore: PaymentStore;
  readonly journal: OrderJournal;
  /** Where the shopper's browser reaches this server, for payment return and notify URLs. */
  readonly publicUrl: string;
  /** Called once the provider has confirmed a payment and the platform order is marked paid. */
  readonly onOrderPaid?: (input: { checkoutId: string; orderId: string }) => Promise<void>;
}

interface Loaded {
  readonly id: string;
  readonly cart: Cart;
  readonly data: CheckoutData;
}

/** The checkout use cases: every price is computed here from the storefront, never taken from the browser. */
export function createCheckoutService(deps: CheckoutDeps) {
  const { adapter, pickup, checkouts, journal } = deps;

  async function load(id: string): Promise<Loaded> {
    const stored = checkouts.get(id);
    if (!stored) throw new KasaError('checkout_not_found');
    const data = checkoutDataSchema.parse(stored.data);
    return { id, cart: await adapter.getCart(stored.cartRef), data };
  }

  const save = (id: string, data: CheckoutData) => checkouts.update(id, checkoutDataSchema.parse(data));

  const quote = (cart: Cart, data: CheckoutData) => {
    const postcode = data.delivery?.address?.postcode;
    return adapter.quoteShipping({ cart, ...(postcode ? { destination: { postcode } } : {}) });
  };

  async function priced(loaded: Loaded) {
    const shippingOptions = await quote(loaded.cart, loaded.data);
    const shipping = shippingOptions.find((option) => option.id === loaded.data.delivery?.optionId);
    const goodsAndShipping = computeTotals({ cart: loaded.cart, shipping });
    const paymentMethods = deps.payments.methods({ amount: goodsAndShipping.total, country: 'PL' });
    const paymentMethod = paymentMethods.find((method) => method.id === loaded.data.paymentMethodId);
    const totals = computeTotals({ cart: loaded.cart, shipping, paymentMethod });
    return { shippingOptions, shipping, paymentMethods, paymentMethod, totals };
  }

  const payments = createPaymentFlow(deps, {
    load,
    save,
    priced: async (loaded) => (await priced(loaded)).paymentMethods,
  });

  function missingParts(data: CheckoutData): MissingPart[] {
    const missing: MissingPart[] = [];
    if (!data.contact) missing.push('contact');
    if (!data.delivery) missing.push('delivery');
    if (!data.paymentMethodId) missing.push('paymentMethod');
    return missing;
  }

  async function view(loaded: Loaded): Promise<CheckoutView> {
    const { data } = loaded;
    const { shippingOptions, paymentMethods, totals } = await priced(loaded);
    const pickupPoint = data.delivery?.pickupPointId
      ? await pickup.get(data.delivery.pickupPointId)
      : undefined;
    const placement = data.orderId ? await journal.findByCheckout(loaded.id) : undefined;
    const payment = payments.latest(loaded.id);
    return {
      id: loaded.id,
      locale: data.locale,
      status: data.orderStatus ?? 'open',
      cart: loaded.cart,
      totals,
      shippingOptions,
      paymentMethods,
      ...(data.contact ? { contact: data.contact } : {}),
      ...(data.delivery
        ? {
            delivery: {
              optionId: data.delivery.optionId,
              ...(pickupPoint ? { pickupPoint } : {}),
              ...(data.delivery.address ? { address: data.delivery.address } : {}),
            },
          }
        : {}),
      ...(data.company ? { company: data.company } : {}),
      consents: data.consents,
      ...(data.paymentMethodId ? { paymentMethodId: data.paymentMethodId } : {}),
      ...(placement?.order ? { order: orderSummary(placement.order) } : {}),
      ...(payment ? { payment } : {}),
      missing: missingParts(data),
    };
  }

  /** Contact and delivery are frozen once the order exists: the platform already has them. */
  async function editable(id: string): Promise<Loaded> {
    const loaded = await load(id);
    if (loaded.data.orderId) throw new KasaError('checkout_locked');
    return loaded;
  }

  async function update(id: string, change: (loaded: Loaded) => Promise<CheckoutData> | CheckoutData) {
    const loaded = await editable(id);
    const data = await change(loaded);
    save(id, data);
    return view({ ...loaded, data });
  }

  async function validDelivery(loaded: Loaded, input: Delivery): Promise<Delivery> {
    const options = await quote(loaded.cart, { ...loaded.data, delivery: input });
    const option = options.find((candidate) => candidate.id === input.optionId);
    if (!option) throw new KasaError('shipping_option_unavailable', { field: 'delivery.optionId' });
    if (option.kind === 'locker') {
      if (!input.pickupPointId)
        throw new KasaError('pickup_point_required', { field: 'delivery.pickupPointId' });
      const point = await pickup.get(input.pickupPointId);
      if (point?.status !== 'operating') {
        throw new KasaError('pickup_point_not_found', { field: 'delivery.pickupPointId' });
      }
      return { optionId: option.id, pickupPointId: point.id };
    }
    if (option.kind === 'courier') {
      if (!input.address) throw new KasaError('address_required', { field: 'delivery.address' });
      return { optionId: option.id, address: input.address };
    }
    return { optionId: option.id };
  }

  return {
    async create(input: { cartRef: string; locale?: 'pl' | 'en' }): Promise<CheckoutView> {
      const cart = await adapter.getCart(input.cartRef);
      if (cart.lines.length === 0) throw new KasaError('cart_empty');
      const id = randomId('chk');
      const data: CheckoutData = {
        locale: input.locale ?? 'pl',
        consents: { terms: false, marketingEmail: false, marketingSms: false },
      };
      checkouts.insert({ id, cartRef: input.cartRef, data });
      return view({ id, cart, data });
    },

    async get(id: string): Promise<CheckoutView> {
      return view(await load(id));
    },

    /** Shipping options with prices for the checkout's cart, optionally for another postcode. */
    async shippingOptions(id: string, postcode?: string): Promise<ShippingOption[]> {
      const loaded = await load(id);
      return adapter.quoteShipping({ cart: loaded.cart, ...(postcode ? { destination: { postcode } } : {}) });
    },

    setContact: (id: string, contact: Contact) => update(id, ({ data }) => ({ ...data, contact })),

    setDelivery: (id: string, input: Delivery) =>
      update(id, async (loaded) => ({ ...loaded.data, delivery: await validDelivery(loaded, input) })),

    setInvoice: (id: string, company: Company | null) =>
      update(id, ({ data }) => {
        const { company: _previous, ...rest } = data;
        return company ? { ...rest, company } : rest;
      }),

    setConsents: (id: string, consents: Consents) => update(id, ({ data }) => ({ ...data, consents })),

    async setPaymentMethod(id: string, methodId: string): Promise<CheckoutView> {
      const loaded = await load(id);
      const data = {
        ...loaded.data,
        paymentMethodId: payments.chooseMethod(loaded, await priced(loaded), methodId).id,
      };
      save(id, data);
      return view({ ...loaded, data });
    },

    /** Places the order once: the journal records intent first, the adapter is idempotent on the key. */
    async placeOrder(id: string, idempotencyKey: string): Promise<CheckoutView> {
      const loaded = await load(id);
      const missing = missingParts(loaded.data);
      const { contact, delivery } = loaded.data;
      if (missing.length > 0 || !contact || !delivery) {
        throw new KasaError('checkout_incomplete', { details: { missing } });
      }
      const record = await journal.begin({ idempotencyKey, checkoutId: id });
      if (record.state === 'placed') return view(await load(id));
      const { shipping, paymentMethod, totals } = await priced(loaded);
      if (!shipping) throw new KasaError('shipping_option_unavailable', { field: 'delivery.optionId' });
      if (!paymentMethod) throw new KasaError('payment_method_unavailable', { field: 'paymentMethodId' });
      const pickupPoint = delivery.pickupPointId ? await pickup.get(delivery.pickupPointId) : undefined;
      const order = await adapter.placeOrder({
        idempotencyKey: record.idempotencyKey,
        checkoutId: id,
        cart: loaded.cart,
        contact,
        shipping,
        ...(pickupPoint ? { pickupPoint } : {}),
        ...(delivery.address ? { address: delivery.address } : {}),
        ...(loaded.data.company ? { company: loaded.data.company } : {}),
        consents: loaded.data.consents,
        paymentMethod,
        total: totals.total,
      });
      await journal.complete({ idempotencyKey: record.idempotencyKey, order });
      const data: CheckoutData = {
        ...loaded.data,
        orderId: order.id,
        orderStatus: paymentMethod.kind === 'cod' ? 'cash_on_delivery' : 'awaiting_payment',
      };
      save(id, data);
      return view({ ...loaded, data });
    },

    startPayment: payments.start,
    paymentStatus: payments.status,
    cancelPayment: payments.cancel,
    handleNotification: payments.handleNotification,
  };
}

const orderSummary = (order: PlacedOrder) => ({ id: order.id, number: order.number, total: order.total });

export type CheckoutService = ReturnType<typeof createCheckoutService>;
