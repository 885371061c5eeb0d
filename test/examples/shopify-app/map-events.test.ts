import { summarize } from '@kasa/analytics';
import { browserEventSchema, checkoutEventSchema, shopifyCheckoutId } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import {
  browserEvents,
  type MappedShopifyEvent,
  toKasaEvents,
} from '../../../examples/shopify-app/extensions/kasa-pixel/src/map-events.ts';
import {
  CART_ID,
  CHECKOUT_TOKEN,
  CLIENT_ID,
  cartViewed,
  checkoutCompleted,
  checkoutStarted,
  journey,
  PERSONAL,
  paymentSubmitted,
  productRemoved,
  sampleCart,
  sampleCheckout,
  shippingSubmitted,
} from '../../../examples/shopify-app/samples/checkout-events.ts';

const options = { shopId: 'herbaciarnia' };
const mapAll = async (events: readonly MappedShopifyEvent[], opts = options) =>
  (await Promise.all(events.map((event) => toKasaEvents(event, opts)))).flat();

describe("Shopify's standard events mapped onto Kasa's events", () => {
  it("maps a whole journey into events Kasa's real schema accepts, in funnel order", async () => {
    const events = await mapAll(journey());
    for (const event of events) expect(checkoutEventSchema.parse(event)).toEqual(event);
    expect(events.map((event) => event.name)).toEqual([
      'view_cart',
      'begin_checkout',
      'experiment_exposure',
      'checkout_step_view',
      'checkout_step_view',
      'add_shipping_info',
      'add_payment_info',
      'checkout_step_view',
      'purchase',
    ]);
  });

  it("carries Kasa's checkout id, visitor id and experiments from the cart attributes", async () => {
    const events = await mapAll(journey());
    expect(new Set(events.map((event) => event.checkoutId))).toEqual(new Set(['chk_shopify_0001']));
    expect(new Set(events.map((event) => event.visitorId))).toEqual(new Set(['vis_8f2a1c']));
    expect(events.every((event) => event.experiments?.['shopify-entry'] === 'kasa-step')).toBe(true);
    expect(events.every((event) => event.shopId === 'herbaciarnia' && event.device === 'mobile')).toBe(true);
  });

  it('reports each arm of kasa_experiments as an exposure when the checkout starts, and only then', async () => {
    const straight = sampleCheckout({
      attributes: [
        { key: 'kasa_visitor_id', value: 'vis_8f2a1c' },
        { key: 'kasa_experiments', value: 'shopify-step:shopify-checkout,dostawa:courier-first' },
      ],
    });
    const started = await toKasaEvents(checkoutStarted(straight), options);
    const exposures = started.filter((event) => event.name === 'experiment_exposure');
    for (const event of started) expect(browserEventSchema.parse(event)).toEqual(event);
    expect(exposures.map((event) => event.params)).toEqual([
      { experiment: 'shopify-step', variation: 'shopify-checkout' },
      { experiment: 'dostawa', variation: 'courier-first' },
    ]);
    expect(new Set(started.map((event) => event.id)).size).toBe(started.length);
    expect(exposures.every((event) => event.checkoutId === started[0]?.checkoutId)).toBe(true);
    expect(exposures[0]?.checkoutId).toBe(await shopifyCheckoutId(CHECKOUT_TOKEN));
    expect(exposures[0]?.visitorId).toBe('vis_8f2a1c');
    const later = await toKasaEvents(shippingSubmitted(straight), options);
    expect(later.some((event) => event.name === 'experiment_exposure')).toBe(false);
    const bare = await toKasaEvents(checkoutStarted(sampleCheckout({ attributes: [] })), options);
    expect(bare.map((event) => event.name)).toEqual(['begin_checkout']);
  });

  it("derives the checkout id from a digest of Shopify's token when Kasa's step set none", async () => {
    const bare = sampleCheckout({ attributes: [] });
    const [started] = await toKasaEvents(checkoutStarted(bare), options);
    const [shipping] = await toKasaEvents(shippingSubmitted(bare), options);
    expect(started?.checkoutId).toBe(await shopifyCheckoutId(CHECKOUT_TOKEN));
    expect(started?.checkoutId).toMatch(/^shp_[A-Za-z0-9_-]{22}$/);
    expect(shipping?.checkoutId).toBe(started?.checkoutId);
    expect(started?.visitorId).toBe(CLIENT_ID);
    const [other] = await toKasaEvents(
      checkoutStarted(sampleCheckout({ attributes: [], token: 'ffee' })),
      options,
    );
    expect(other?.checkoutId).not.toBe(started?.checkoutId);
    expect(JSON.stringify(started)).not.toContain(CHECKOUT_TOKEN);
  });

  it('sends no event it cannot tie to a checkout (no attribute, no token)', async () => {
    const events = await toKasaEvents(
      checkoutStarted(sampleCheckout({ attributes: [], token: null })),
      options,
    );
    expect(events).toEqual([]);
  });

  it('gives totals in minor units with the currency, and the order id as the transaction id', async () => {
    const [begin] = await toKasaEvents(checkoutStarted(), options);
    expect(begin?.name === 'begin_checkout' && begin.params).toEqual({
      value: 15179,
      currency: 'PLN',
      layout: 'shopify',
      items: [
        { item_id: '44012345678901', quantity: 2, price: 3990 },
        { item_id: '44012345678902', quantity: 1, price: 5900 },
      ],
    });
    const [, purchase] = await toKasaEvents(checkoutCompleted(), options);
    expect(purchase?.name === 'purchase' && purchase.params).toMatchObject({
      value: 15179,
      currency: 'PLN',
      transaction_id: '6123456789012',
      shipping: 1299,
      tax: 2838,
      payment_type: 'blik',
    });
  });

  it('uses the minor digits of the currency (yen has none)', async () => {
    const yen = sampleCheckout({ currencyCode: 'JPY', totalPrice: { amount: 4500, currencyCode: 'JPY' } });
    const [begin] = await toKasaEvents(checkoutStarted(yen), options);
    expect(begin?.name === 'begin_checkout' && begin.params.value).toBe(4500);
  });

  it('copies nothing identifying: no e-mail, phone, name, address, cart key or checkout token', async () => {
    const text = JSON.stringify(await mapAll([...journey(), productRemoved()]));
    for (const value of [...Object.values(PERSONAL), 'cart-secret-key-123', CHECKOUT_TOKEN, 'Kowalska']) {
      expect(text).not.toContain(value);
    }
    expect(text).not.toMatch(/@|\+48|Długa/);
  });

  it('names the delivery kind: locker from the InPost attribute, else pickup or courier', async () => {
    const kind = async (checkout = sampleCheckout()) => {
      const [event] = await toKasaEvents(shippingSubmitted(checkout), options);
      return event?.name === 'add_shipping_info' ? event.params.shipping_kind : event?.name;
    };
    expect(await kind()).toBe('locker');
    const option = sampleCheckout().delivery?.selectedDeliveryOptions[0];
    if (!option) throw new Error('sample without a delivery option');
    const pickup = { selectedDeliveryOptions: [{ ...option, type: 'pickupPoint' }] };
    expect(await kind(sampleCheckout({ attributes: [], delivery: pickup }))).toBe('pickup');
    expect(await kind(sampleCheckout({ attributes: [] }))).toBe('courier');
    expect(await kind(sampleCheckout({ delivery: null }))).toBe('checkout_step_view');
  });

  it('falls back to the payment section when the payment method is not known yet', async () => {
    const [event] = await toKasaEvents(paymentSubmitted(sampleCheckout({ transactions: [] })), options);
    expect(event).toMatchObject({ name: 'checkout_step_view', params: { section: 'payment' } });
  });

  it('makes the same ids from the same Shopify event, so a resent one counts once', async () => {
    const first = await mapAll(journey());
    const again = await mapAll(journey());
    expect(again.map((event) => event.id)).toEqual(first.map((event) => event.id));
    expect(new Set(first.map((event) => event.id)).size).toBe(first.length);
  });

  it("maps cart events through the cart's id and attributes, also from the page's cart for a removal", async () => {
    const [viewed] = await toKasaEvents(cartViewed(sampleCart()), options);
    const [removed] = await toKasaEvents(productRemoved(), { ...options, cart: { id: CART_ID } });
    expect(viewed?.name).toBe('view_cart');
    expect(removed).toMatchObject({ name: 'remove_from_cart', checkoutId: viewed?.checkoutId });
    expect(removed?.name === 'remove_from_cart' && removed.params.value).toBe(5900);
    expect(await toKasaEvents(cartViewed(null), options)).toEqual([]);
  });

  it('leaves the purchase to the server: what the pixel sends is only browser events', async () => {
    const sent = browserEvents(await mapAll(journey()));
    expect(sent.map((event) => event.name)).not.toContain('purchase');
    for (const event of sent) expect(browserEventSchema.safeParse(event).success).toBe(true);
  });

  it("folds into Kasa's checkout summary as a paid checkout that reached every section", async () => {
    const [summary] = summarize(await mapAll(journey()));
    expect(summary).toMatchObject({
      checkoutId: 'chk_shopify_0001',
      viewedCart: true,
      beganCheckout: true,
      furthestSection: 'paid',
      purchased: true,
      revenue: 15179,
      chosenMethod: 'blik',
      device: 'mobile',
    });
    const [browserOnly] = summarize(browserEvents(await mapAll(journey())));
    expect(browserOnly).toMatchObject({ furthestSection: 'paying', purchased: false });
  });
});
