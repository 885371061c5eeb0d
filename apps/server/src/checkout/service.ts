import {
  type Cart,
  type CheckoutPart,
  type CheckoutStatus,
  type CheckoutView,
  type Company,
  type Consents,
  type Contact,
  canChange,
  completedSections,
  computeTotals,
  type Delivery,
  deepFreeze,
  isDeepFrozen,
  KasaError,
  type Locale,
  type Money,
  missingParts,
  type OrderJournal,
  type OrderView,
  type PaymentMethod,
  type PaymentProvider,
  type PaymentView,
  type PickupPoint,
  type PickupPointProvider,
  type PlacedOrder,
  type RawRequest,
  type ShippingOption,
  type StorefrontAdapter,
} from '@kasa/core';
import type { CheckoutStore, PaymentStore } from '@kasa/storage';
import { randomId } from '../ids.ts';
import { type CheckoutData, checkoutDataSchema } from './data.ts';
import { type HandedOffOrder, handedOffOrderFromView, handedOffOrderOf } from './handed-off-order.ts';
import { createPaymentFlow, ORDER_UNCONFIRMED, type PaymentFlowOptions } from './payment-flow.ts';
import { createPlatformCache } from './platform-cache.ts';
import type { Presentation } from './presentation.ts';
import { createRefunds, type RefundView } from './refunds.ts';

export interface CheckoutDeps extends PaymentFlowOptions {
  readonly adapter: StorefrontAdapter;
  readonly payments: PaymentProvider;
  readonly pickup: PickupPointProvider;
  readonly checkouts: CheckoutStore;
  readonly paymentStore: PaymentStore;
  /** `begin` says `fresh: true` when it just recorded the intent, which tells the adapter the placement is new. */
  readonly journal: OrderJournal;
  /** Where the shopper's browser reaches this server, for payment return and notify URLs. */
  readonly publicUrl: string;
  /** Called once the provider has confirmed a payment and the platform order is marked paid. */
  readonly onOrderPaid?: (input: { checkoutId: string; orderId: string }) => Promise<void>;
  /** The shop has terms (`shopPages.termsUrl`): no order without the shopper's acceptance. */
  readonly requireTerms?: boolean;
  /** Called with the checkout once an order to be paid on delivery is placed: it is sold then. */
  readonly onCashOnDeliveryOrder?: (checkout: CheckoutView) => Promise<void>;
  /**
   * Shopify mode A: the shop's checkout makes the order of a checkout Kasa handed over; its verified
   * order webhook completes the Kasa checkout (see handed-off-order.ts) and counts as the purchase.
   */
  readonly handedOffOrders?: boolean;
  /**
   * Shopify mode A: a verified orders/create or orders/paid body of an order the shop's checkout made
   * without Kasa's step (no `kasa_checkout_id`); see shop-checkout-order.ts for its purchase.
   */
  readonly onShopCheckoutOrder?: (payload: unknown) => Promise<void>;
}

interface Loaded {
  readonly id: string;
  readonly cart: Cart;
  readonly data: CheckoutData;
}

/** A checkout's view and what it was made from besides the stored data (see keptViews). */
interface KeptView {
  readonly cart: Cart;
  readonly shippingOptions: ShippingOption[];
  /** The chosen point's JSON, '' for none: carriers hand out a copy on each read. */
  readonly point: string;
  readonly view: CheckoutView;
}

/**
 * How old a read of the platform's cart and shipping quote may be. Edits reuse one for a while (the
 * shopper's checkout page changes neither); a page load wants the cart as it is now, give or take
 * the moment since the checkout was created; placing the order always reads again.
 */
const MAX_AGE_MS = { edit: 5 * 60_000, page: 10_000, place: 0 } as const;

/** What a platform webhook led to; logged as it is (ids and statuses only, no personal data). */
export interface Reconciliation {
  /**
   * `in_sync`: the checkout agrees with the platform; `updated`: the checkout took the platform's
   * status; `differs`: they disagree and Kasa left it (logged for the merchant); `not_kasa`: an order
   * Kasa did not place; `in_progress`: Kasa is confirming the order's payment right now (the webhook
   * may come from inside that very call) or will again (the order retrier), so it answers at once.
   */
  readonly outcome: 'in_sync' | 'updated' | 'differs' | 'not_kasa' | 'in_progress';
  readonly platformStatus: OrderView['status'];
  readonly checkoutStatus?: string;
  readonly checkoutId?: string;
  /**
   * A paid order the shop cancelled or refunded: its payment's refund (ids and state), or the code
   * of the error that kept Kasa from refunding it (`refund_provider_mismatch`, …).
   */
  readonly refund?:
    | Pick<RefundView, 'paymentId' | 'status' | 'refundRef' | 'cause'>
    | { readonly error: string };
}

export type StoreWebhookResult = { readonly topic: string; readonly orderId?: string } & (
  | Reconciliation
  | { readonly outcome: 'ignored' | 'not_kasa' }
);

const sameMoney = (a: Money, b: Money) => a.amount === b.amount && a.currency === b.currency;

/** Where the checkout's order stands; an order id without a recorded status still awaits payment. */
const statusOf = (data: CheckoutData): CheckoutStatus =>
  data.orderStatus ?? (data.orderId ? 'awaiting_payment' : 'open');

/**
 * The schema's reading of stored checkout data, once per stored object: the store hands back the
 * same object while the row is unchanged, so a page's reads do not parse it again. Frozen, so code
 * that changed shared data instead of saving a copy fails loudly.
 */
const readings = new WeakMap<object, CheckoutData>();
function parseStored(stored: unknown): CheckoutData {
  const kept = typeof stored === 'object' && stored !== null ? readings.get(stored) : undefined;
  if (kept) return kept;
  const data = deepFreeze(checkoutDataSchema.parse(stored));
  if (typeof stored === 'object' && stored !== null) readings.set(stored, data);
  return data;
}

/** The checkout use cases: every price is computed here from the storefront, never taken from the browser. */
export function createCheckoutService(deps: CheckoutDeps) {
  const { adapter, pickup, checkouts, journal } = deps;
  const platform = createPlatformCache(adapter);

  /** The checkout with its cart: the one the order was placed with, else the platform's (see MAX_AGE_MS). */
  async function load(id: string, maxAgeMs: number = MAX_AGE_MS.edit): Promise<Loaded> {
    const { cartRef, data } = read(id);
    if (data.orderCart) return { id, cart: data.orderCart.cart, data };
    return { id, cart: await platform.cart(id, cartRef, maxAgeMs), data };
  }

  function read(id: string): { cartRef: string; data: CheckoutData } {
    const stored = checkouts.get(id);
    if (!stored) throw new KasaError('checkout_not_found');
    return { cartRef: stored.cartRef, data: parseStored(stored.data) };
  }

  /**
   * Stores the checkout's data and answers the stored reading: the object the next read gets too,
   * so a view made from it is the one that read finds kept (see keptViews).
   */
  const save = (id: string, data: CheckoutData): CheckoutData =>
    parseStored(checkouts.update(id, checkoutDataSchema.parse(data)).data);

  const quote = (loaded: Loaded, postcode: string | undefined, maxAgeMs: number = MAX_AGE_MS.edit) =>
    loaded.data.orderCart
      ? Promise.resolve(loaded.data.orderCart.shippingOptions)
      : platform.quote(loaded.id, loaded.cart, postcode, maxAgeMs);

  /**
   * A payment fee becomes part of the order total, which only a store that takes Kasa's total
   * charges; WooCommerce and PrestaShop charge what their own settings say (their adapters refuse a
   * total with a fee they do not know), so there the methods are offered without one.
   */
  const offered = (methods: PaymentMethod[]): PaymentMethod[] =>
    adapter.chargesPaymentFees ? methods : methods.map(({ fee: _fee, ...method }) => method);

  async function priced(loaded: Loaded, maxAgeMs: number = MAX_AGE_MS.edit) {
    return pricedWith(loaded, await quote(loaded, loaded.data.delivery?.address?.postcode, maxAgeMs));
  }

  function pricedWith(loaded: Loaded, shippingOptions: ShippingOption[]) {
    const shipping = shippingOptions.find((option) => option.id === loaded.data.delivery?.optionId);
    const goodsAndShipping = computeTotals({ cart: loaded.cart, shipping });
    const paymentMethods = offered(deps.payments.methods({ amount: goodsAndShipping.total, country: 'PL' }));
    const paymentMethod = paymentMethods.find((method) => method.id === loaded.data.paymentMethodId);
    const totals = paymentMethod?.fee
      ? computeTotals({ cart: loaded.cart, shipping, paymentMethod })
      : goodsAndShipping;
    return { shippingOptions, shipping, paymentMethods, paymentMethod, totals };
  }

  const payments = createPaymentFlow(deps, {
    load,
    save,
    priced: async (loaded) => (await priced(loaded)).paymentMethods,
  });

  const refunds = createRefunds({
    payments: deps.payments,
    paymentStore: deps.paymentStore,
    checkout: (id) => (checkouts.get(id) ? read(id).data : undefined),
    save,
  });

  /**
   * The view of a checkout without an order, kept beside its stored data (frozen, the same object
   * while the row is unchanged) while the platform's cart and quotes are the same frozen objects and
   * the chosen point says the same; the totals and payment methods follow from these (see
   * PaymentProvider.methods). Frozen, so its JSON is kept too (jsonAnswer): most reads (a reload,
   * the checkout's server-rendered fragment) are of a checkout nobody changed since the last read.
   * Kept only while the store keeps the row's data (the SQLite store: the 10,000 latest).
   */
  const keptViews = new WeakMap<CheckoutData, KeptView>();

  async function view(loaded: Loaded): Promise<CheckoutView> {
    const { data } = loaded;
    const shippingOptions = await quote(loaded, data.delivery?.address?.postcode);
    const pickupPoint = data.delivery?.pickupPointId
      ? await pickup.get(data.delivery.pickupPointId)
      : undefined;
    // A payment is only ever started for a placed order (payments.start), so before the order there
    // is none to look for: most reads are of checkouts still being filled in.
    if (data.orderId) {
      const placement = await journal.findByCheckout(loaded.id);
      return viewOf(loaded, shippingOptions, pickupPoint, placement?.order, payments.latest(loaded.id));
    }
    const point = pickupPoint ? JSON.stringify(pickupPoint) : '';
    const kept = keptViews.get(data);
    if (
      kept?.view.id === loaded.id &&
      kept.cart === loaded.cart &&
      kept.shippingOptions === shippingOptions &&
      kept.point === point
    ) {
      return kept.view;
    }
    const made = viewOf(loaded, shippingOptions, pickupPoint);
    if (![data, loaded.cart, shippingOptions].every(isDeepFrozen)) return made;
    const frozen = deepFreeze(made);
    keptViews.set(data, { cart: loaded.cart, shippingOptions, point, view: frozen });
    return frozen;
  }

  function viewOf(
    loaded: Loaded,
    shippingOptions: ShippingOption[],
    pickupPoint: PickupPoint | undefined,
    order?: PlacedOrder,
    payment?: PaymentView,
  ): CheckoutView {
    const { data } = loaded;
    const { paymentMethods, totals } = pricedWith(loaded, shippingOptions);
    return {
      id: loaded.id,
      locale: data.locale,
      status: statusOf(data),
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
      ...(order ? { order: orderSummary(order) } : {}),
      ...(payment ? { payment } : {}),
      missing: missingParts(completedSections(data)),
    };
  }

  /** The checkout, when the shopper may still change this part of it (see canChange). */
  async function editable(id: string, part: CheckoutPart): Promise<Loaded> {
    const loaded = await load(id);
    if (!canChange(part, statusOf(loaded.data))) throw new KasaError('checkout_locked');
    return loaded;
  }

  async function update(
    id: string,
    part: CheckoutPart,
    change: (loaded: Loaded) => Promise<CheckoutData> | CheckoutData,
  ) {
    const loaded = await editable(id, part);
    return view({ ...loaded, data: save(id, await change(loaded)) });
  }

  /** The chosen point as its carrier reports it now: refused when unknown or out of service. */
  async function operatingPoint(id: string): Promise<PickupPoint> {
    const point = await pickup.get(id);
    if (!point) throw new KasaError('pickup_point_not_found', { field: 'delivery.pickupPointId' });
    if (point.status !== 'operating') {
      throw new KasaError('pickup_point_unavailable', {
        field: 'delivery.pickupPointId',
        details: { pickupPointId: point.id, carrier: point.carrier },
      });
    }
    return point;
  }

  async function validDelivery(loaded: Loaded, input: Delivery): Promise<Delivery> {
    const options = await quote(loaded, input.address?.postcode);
    const option = options.find((candidate) => candidate.id === input.optionId);
    if (!option) throw new KasaError('shipping_option_unavailable', { field: 'delivery.optionId' });
    if (option.kind === 'locker') {
      if (!input.pickupPointId)
        throw new KasaError('pickup_point_required', { field: 'delivery.pickupPointId' });
      const point = await operatingPoint(input.pickupPointId);
      return { optionId: option.id, pickupPointId: point.id };
    }
    if (option.kind === 'courier') {
      if (!input.address) throw new KasaError('address_required', { field: 'delivery.address' });
      return { optionId: option.id, address: input.address };
    }
    return { optionId: option.id };
  }

  /**
   * The cart and shipping price read again just before the first try to place the order. When the
   * total differs from the one the shopper was shown, nothing is placed: the checkout shows the new
   * cart and the shopper confirms again.
   */
  async function freshForPlacement(shown: Loaded): Promise<Loaded> {
    const before = (await priced(shown)).totals.total;
    const fresh = await load(shown.id, MAX_AGE_MS.place);
    const now = (await priced(fresh, MAX_AGE_MS.place)).totals.total;
    if (fresh.cart.lines.length === 0) throw new KasaError('cart_empty');
    if (!sameMoney(before, now)) {
      throw new KasaError('platform_rejected', {
        details: {
          reason: 'cart_changed',
          shown: before,
          total: now,
          hint: 'The cart or its prices changed on the shop since the checkout showed them; the checkout now shows the new total.',
        },
      });
    }
    return fresh;
  }

  /**
   * Brings the checkout in line with the platform's order where the platform decides: a cancelled
   * unpaid order cancels the checkout; a cancelled (or refunded: WooCommerce's `refunded` reads as
   * cancelled) paid order is refunded through the provider that took the money and cancels the
   * checkout; an order the platform says is paid makes Kasa ask the payment provider about its
   * latest attempt (a payment is paid only when the provider says so). Anything else that differs
   * is reported, not changed.
   */
  async function reconcile(order: OrderView): Promise<Reconciliation> {
    const stored = checkouts.get(order.checkoutId);
    const data = stored ? checkoutDataSchema.parse(stored.data) : undefined;
    const platformStatus = order.status;
    if (!data || data.orderId !== order.id) return { outcome: 'not_kasa', platformStatus };
    const ours = statusOf(data);
    const result = (outcome: Reconciliation['outcome'], checkoutStatus: string) => ({
      outcome,
      platformStatus,
      checkoutStatus,
      checkoutId: order.checkoutId,
    });
    if (platformStatus === ours) return result('in_sync', ours);
    if (platformStatus === 'cancelled' && (ours === 'awaiting_payment' || ours === 'cash_on_delivery')) {
      save(order.checkoutId, { ...data, orderStatus: 'cancelled' });
      return result('updated', 'cancelled');
    }
    if (platformStatus === 'cancelled' && ours === 'paid') {
      try {
        const refund = await refunds.refund({ id: order.checkoutId, requestedBy: 'shop_webhook' });
        const { paymentId, status, refundRef, cause } = refund;
        return {
          ...result('updated', 'cancelled'),
          refund: { paymentId, status, ...(refundRef ? { refundRef } : {}), ...(cause ? { cause } : {}) },
        };
      } catch (error) {
        if (!(error instanceof KasaError) || error.status >= 500) throw error;
        return { ...result('differs', ours), refund: { error: error.code } };
      }
    }
    if (platformStatus === 'paid' && ours === 'awaiting_payment') {
      const latest = deps.paymentStore.listByCheckout(order.checkoutId).at(-1);
      // PrestaShop's module sends this webhook from inside the markPaid call a sync is making: waiting
      // for that sync would wait for itself (until the module's timeout).
      if (latest && payments.busy(latest.id)) return result('in_progress', ours);
      const payment = latest ? await payments.status(order.checkoutId, latest.id) : undefined;
      if (payment?.status === 'paid') {
        return payment.reason === ORDER_UNCONFIRMED ? result('in_progress', ours) : result('updated', 'paid');
      }
    }
    return result('differs', ours);
  }

  /**
   * Records the order Shopify's checkout made for a handed-over checkout: the order in the journal
   * and on the checkout, and its purchase (`onOrderPaid`) the first time only, whichever of
   * orders/create and orders/paid comes first or again. A checkout with another order is left.
   */
  async function completeHandedOff({ checkoutId, order, paid }: HandedOffOrder): Promise<Reconciliation> {
    const stored = checkouts.get(checkoutId);
    const data = stored ? checkoutDataSchema.parse(stored.data) : undefined;
    const platformStatus: OrderView['status'] = paid ? 'paid' : 'awaiting_payment';
    if (!data || (data.orderId !== undefined && data.orderId !== order.id))
      return { outcome: 'not_kasa', platformStatus };
    const ours = statusOf(data);
    const result = (outcome: Reconciliation['outcome'], checkoutStatus: string) => ({
      outcome,
      platformStatus,
      checkoutStatus,
      checkoutId,
    });
    if (data.orderId === order.id && (ours === platformStatus || ours !== 'awaiting_payment'))
      return result('in_sync', ours);
    const first = data.orderId === undefined;
    if (first) {
      const idempotencyKey = `shopify-order-${order.id}`;
      await journal.begin({ idempotencyKey, checkoutId });
      await journal.complete({ idempotencyKey, order });
    }
    save(checkoutId, { ...data, orderId: order.id, orderStatus: platformStatus });
    if (first) await deps.onOrderPaid?.({ checkoutId, orderId: order.id });
    return result('updated', platformStatus);
  }

  return {
    async create(input: { cartRef: string; locale?: Locale }): Promise<CheckoutView> {
      const id = randomId('chk');
      const cart = await platform.cart(id, input.cartRef, MAX_AGE_MS.place);
      if (cart.lines.length === 0) throw new KasaError('cart_empty');
      const data: CheckoutData = {
        locale: input.locale ?? 'pl',
        consents: { terms: false, marketingEmail: false, marketingSms: false },
      };
      checkouts.insert({ id, cartRef: input.cartRef, data });
      return view({ id, cart, data });
    },

    /**
     * Points the checkout at another platform cart: a shop that starts the checkout when its cart
     * page is shown (so the cart's view and the purchase are one checkout) hands over each new
     * version of the cart. Refused once the order exists.
     */
    async changeCart(id: string, cartRef: string): Promise<CheckoutView> {
      const { data } = await editable(id, 'cart');
      const cart = await platform.cart(id, cartRef, MAX_AGE_MS.place);
      if (cart.lines.length === 0) throw new KasaError('cart_empty');
      checkouts.setCartRef(id, cartRef);
      return view({ id, cart, data });
    },

    /** The checkout as a page shows it: the platform's cart as it is now (a reload shows a changed cart). */
    async get(id: string): Promise<CheckoutView> {
      return view(await load(id, MAX_AGE_MS.page));
    },

    /**
     * How the checkout is shown: as it was first shown, else as `choose()` says, which is kept. Read
     * and written without a pause, so two first views at once agree.
     */
    showPresentation(id: string, choose: () => Presentation): Presentation {
      const { data } = read(id);
      if (data.presentation) return data.presentation;
      const presentation = choose();
      save(id, { ...data, presentation });
      return presentation;
    },

    /**
     * Keeps the consented visitor id a page of the shop passed with the checkout (the latest one),
     * for what reads it later (Shopify mode A's hand-off). Written only when it changed.
     */
    rememberVisitor(id: string, visitorId: string): void {
      const { data } = read(id);
      if (data.visitorId !== visitorId) save(id, { ...data, visitorId });
    },

    /** The consented visitor id the checkout was shown with, if a page passed one. */
    visitorOf: (id: string): string | undefined => read(id).data.visitorId,

    /** How the checkout was shown, once it has been shown (a checkout stored before, as its layout). */
    shownPresentation: (id: string): Presentation | undefined => read(id).data.presentation,

    /** Shipping options with prices for the checkout's cart, optionally for another postcode. */
    async shippingOptions(id: string, postcode?: string): Promise<ShippingOption[]> {
      return quote(await load(id), postcode);
    },

    setContact: (id: string, contact: Contact) => update(id, 'contact', ({ data }) => ({ ...data, contact })),

    setDelivery: (id: string, input: Delivery) =>
      update(id, 'delivery', async (loaded) => ({
        ...loaded.data,
        delivery: await validDelivery(loaded, input),
      })),

    setInvoice: (id: string, company: Company | null) =>
      update(id, 'invoice', ({ data }) => {
        const { company: _previous, ...rest } = data;
        return company ? { ...rest, company } : rest;
      }),

    setConsents: (id: string, consents: Consents) =>
      update(id, 'consents', ({ data }) => ({ ...data, consents })),

    async setPaymentMethod(id: string, methodId: string): Promise<CheckoutView> {
      const loaded = await editable(id, 'paymentMethod');
      const data = {
        ...loaded.data,
        paymentMethodId: payments.chooseMethod(loaded, await priced(loaded), methodId).id,
      };
      return view({ ...loaded, data: save(id, data) });
    },

    /**
     * Places the order once: the journal records intent first, the adapter is idempotent on the key.
     * A first try reads the cart and the shipping price again and refuses when the shopper was shown
     * another total; a repeat after an unknown outcome places the cart recorded by the first.
     */
    async placeOrder(id: string, idempotencyKey: string): Promise<CheckoutView> {
      let loaded = await load(id);
      const missing = missingParts(completedSections(loaded.data));
      const { contact, delivery } = loaded.data;
      if (missing.length > 0 || !contact || !delivery) {
        throw new KasaError('checkout_incomplete', { details: { missing } });
      }
      if (deps.requireTerms && !loaded.data.consents.terms && !loaded.data.orderId) {
        throw new KasaError('terms_not_accepted', { field: 'consents.terms' });
      }
      // No recorded cart: no try has reached the platform yet (or the last one was refused). The
      // point may have gone out of service since it was chosen: asked again, nothing is placed
      // for a point the parcel cannot reach. A repeat of a try that may have reached the platform
      // is not refused for it.
      if (!loaded.data.orderCart && !loaded.data.orderId) {
        if (delivery.pickupPointId) await operatingPoint(delivery.pickupPointId);
        loaded = await freshForPlacement(loaded);
      }
      const record = await journal.begin({ idempotencyKey, checkoutId: id });
      if (record.state === 'placed') return view(await load(id));
      const { shippingOptions, shipping, paymentMethod, totals } = await priced(loaded);
      if (!shipping) throw new KasaError('shipping_option_unavailable', { field: 'delivery.optionId' });
      if (!paymentMethod) throw new KasaError('payment_method_unavailable', { field: 'paymentMethodId' });
      const pickupPoint = delivery.pickupPointId ? await pickup.get(delivery.pickupPointId) : undefined;
      if (!loaded.data.orderCart) {
        // Intent first: a retry after a crash places this same cart, whatever the platform's cart is then.
        const data = { ...loaded.data, orderCart: { cart: loaded.cart, shippingOptions } };
        save(id, data);
        loaded = { ...loaded, data };
      }
      let order: PlacedOrder;
      try {
        order = await adapter.placeOrder({
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
          // Only the try that recorded the intent is new; any other may follow one that reached the platform.
          resumed: record.fresh !== true,
        });
      } catch (error) {
        // A refusal (4xx) placed nothing: the shopper may change the cart and try again. An unknown
        // outcome keeps the recorded cart for the retry.
        if (error instanceof KasaError && error.status < 500) {
          const { orderCart: _dropped, ...data } = loaded.data;
          save(id, data);
        }
        throw error;
      }
      await journal.complete({ idempotencyKey: record.idempotencyKey, order });
      const data: CheckoutData = {
        ...loaded.data,
        orderId: order.id,
        orderStatus: paymentMethod.kind === 'cod' ? 'cash_on_delivery' : 'awaiting_payment',
      };
      save(id, data);
      const placed = await view({ ...loaded, data });
      if (paymentMethod.kind === 'cod') await deps.onCashOnDeliveryOrder?.(placed);
      return placed;
    },

    /**
     * A shop platform's webhook, verified over the exact raw body by the adapter. An order event is
     * reconciled with the order as the platform has it now (`getOrder`), never with the body alone.
     */
    async handleStoreWebhook(platformName: string, request: RawRequest): Promise<StoreWebhookResult> {
      if (platformName !== adapter.platform || !adapter.verifyWebhook) throw new KasaError('not_found');
      const event = await adapter.verifyWebhook(request);
      const about = { topic: event.topic, ...(event.orderId ? { orderId: event.orderId } : {}) };
      if (!event.orderId) return { ...about, outcome: 'ignored' };
      const madeByShop = deps.handedOffOrders && ['order.created', 'order.paid'].includes(event.topic);
      let order: OrderView;
      try {
        order = await adapter.getOrder(event.orderId);
      } catch (error) {
        // An order placed without Kasa (the shop's own checkout): nothing to reconcile, unless the
        // shop's checkout made it for a checkout Kasa handed over (the verified body names it).
        if (error instanceof KasaError && error.code === 'order_not_found') {
          const handed = madeByShop ? handedOffOrderOf(event.payload, event.topic) : undefined;
          if (madeByShop && !handed) await deps.onShopCheckoutOrder?.(event.payload);
          return { ...about, ...(handed ? await completeHandedOff(handed) : { outcome: 'not_kasa' }) };
        }
        throw error;
      }
      const ours = checkouts.get(order.checkoutId);
      if (madeByShop && ours && checkoutDataSchema.parse(ours.data).orderStatus !== 'cancelled')
        return { ...about, ...(await completeHandedOff(handedOffOrderFromView(order, event.topic))) };
      return { ...about, ...(await reconcile(order)) };
    },

    /** For the order retrier: paid attempts whose order is not confirmed, and what to do with them. */
    unconfirmedOrders: {
      list: payments.unconfirmed,
      retry: payments.retryOrder,
      giveUp: payments.giveUp,
    },

    /** A merchant's refund of a paid order, by checkout or order id (see refunds.ts). */
    refund: (id: string) => refunds.refund({ id, requestedBy: 'merchant' }),

    startPayment: payments.start,
    paymentStatus: payments.status,
    cancelPayment: payments.cancel,
    handleNotification: payments.handleNotification,
  };
}

const orderSummary = (order: PlacedOrder) => ({ id: order.id, number: order.number, total: order.total });

export type CheckoutService = ReturnType<typeof createCheckoutService>;
