import { createShopifyAdapter } from '@kasa/adapter-shopify';
import { createShopifyFake, type ShopifyFake } from '@kasa/adapter-shopify/fake';
import { modeAHandoffOf } from '@kasa/adapter-shopify/storefront';
import type { CheckoutView, PickupPoint } from '@kasa/core';
import { Hono } from 'hono';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutService } from '../checkout/service.ts';
import { errorResponder } from './errors.ts';
import { shopifyRoutes } from './shopify-routes.ts';

const point: PickupPoint = {
  id: 'KRA010',
  carrier: 'inpost',
  type: 'parcel_locker',
  status: 'operating',
  address: { street: 'Pawia', buildingNumber: '5', postcode: '31-154', city: 'Kraków' },
  location: { lat: 50.07, lng: 19.94 },
  open247: true,
  acceptsCashOnDelivery: false,
};

let fake: ShopifyFake;
beforeAll(async () => {
  fake = await createShopifyFake();
});
afterAll(() => fake.close());

/** What the service knows of a checkout besides its view: the consented visitor and the arms shown. */
interface Tracking {
  readonly visitorId?: string;
  readonly arms?: Readonly<Record<string, string>>;
}

/** The route with a checkout service that knows these checkouts (the hand-off reads only these). */
function appWith(views: Record<string, CheckoutView>, tracking: Record<string, Tracking> = {}) {
  const adapter = createShopifyAdapter({ ...fake.config, mode: 'A', customApp: false });
  const service = {
    get: async (id: string) => {
      const view = views[id];
      if (!view) throw new Error(`no checkout ${id}`);
      return view;
    },
    visitorOf: (id: string) => tracking[id]?.visitorId,
    shownPresentation: (id: string) => {
      const arms = tracking[id]?.arms;
      return arms ? { layout: 'one-page', arms } : undefined;
    },
  } as unknown as CheckoutService;
  const app = new Hono();
  const clientIp = () => '198.51.100.4';
  for (const route of shopifyRoutes({ service, handOff: modeAHandoffOf(adapter), clientIp })) {
    app.on(route.method.toUpperCase(), route.path, route.handler);
  }
  app.onError(errorResponder(pino({ level: 'silent' })));
  return { app, adapter };
}

describe('POST /api/checkouts/:id/shopify-checkout', () => {
  it('is not served unless the store is Shopify in mode A', () => {
    const service = {} as CheckoutService;
    expect(shopifyRoutes({ service, handOff: modeAHandoffOf(createShopifyAdapter(fake.config)) })).toEqual(
      [],
    );
  });

  it('answers Shopify’s checkout URL for a checkout with a locker, whose cart carries the locker and the checkout id', async () => {
    const { adapter } = appWith({});
    const cart = await adapter.getCart(await fake.createCart([{ productId: 'kubek-350', quantity: 1 }]));
    const shippingOptions = await adapter.quoteShipping({ cart });
    const locker = shippingOptions.find((o) => o.kind === 'locker');
    const view = {
      id: 'chk_route',
      cart,
      shippingOptions,
      contact: { email: 'jan@example.pl', phone: '+48512345678', firstName: 'Jan', lastName: 'Kowalski' },
      delivery: { optionId: locker?.id ?? '', pickupPoint: point },
    } as CheckoutView;
    const { app } = appWith(
      { chk_route: view },
      { chk_route: { visitorId: 'vid_0123456789abcdefghij', arms: { 'checkout-layout': 'multi-step' } } },
    );

    const response = await app.request('/api/checkouts/chk_route/shopify-checkout', { method: 'POST' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { checkoutUrl: string; delivery: { title: string } };
    // The shopper's address went to Shopify with each of the three calls.
    expect(fake.storefront.buyerIps.slice(-3)).toEqual(['198.51.100.4', '198.51.100.4', '198.51.100.4']);
    expect(body.delivery.title).toBe('InPost Paczkomat 24/7');
    const token = /\/cart\/c\/([^?]+)/.exec(body.checkoutUrl)?.[1];
    const built = fake.storefront.carts.all().find((c) => c.token === token);
    // For Kasa's pixel on Shopify's checkout: the consented visitor and the arm the step was shown in.
    expect(built?.attributes).toEqual(
      expect.arrayContaining([
        { key: 'kasa_checkout_id', value: 'chk_route' },
        { key: 'inpost_point', value: 'KRA010' },
        { key: 'kasa_visitor_id', value: 'vid_0123456789abcdefghij' },
        { key: 'kasa_experiments', value: 'checkout-layout:multi-step' },
      ]),
    );
    expect(built?.attributes).toHaveLength(4);
  });

  it('refuses a checkout without a chosen delivery as checkout_incomplete', async () => {
    const { adapter } = appWith({});
    const cart = await adapter.getCart(await fake.createCart());
    const { app } = appWith({
      chk_bare: { id: 'chk_bare', cart, shippingOptions: [] } as unknown as CheckoutView,
    });
    const response = await app.request('/api/checkouts/chk_bare/shopify-checkout', { method: 'POST' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('checkout_incomplete');
  });
});
