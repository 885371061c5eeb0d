import type { ShopifyFake } from '@kasa/adapter-shopify/fake';
import { shopifyCheckoutId } from '@kasa/core';
import { experimentSchema } from '@kasa/experiments';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignmentFor } from '../src/http/experiment-assignment-routes.ts';
import { type Kasa, SHOP_ORIGIN } from './harness.ts';
import { handToShopify, purchasesOf, useShopifyModeA } from './shopify-mode-a.ts';

const TOKEN = 'merchant-token-shopify-step';
const experiment = {
  key: 'shopify-step',
  variations: ['shopify-checkout', 'kasa-step'],
  status: 'running' as const,
  startDate: '2026-11-01',
  kr: 'checkout-conversion',
};

/** A visitor id the experiment enrols in `variation`. */
function visitorIn(variation: 'shopify-checkout' | 'kasa-step') {
  for (let i = 0; i < 200; i += 1) {
    const answer = assignmentFor([experimentSchema.parse(experiment)], `vis_${variation}_${i}`);
    if (answer.inExperiment && answer.variation === variation) return `vis_${variation}_${i}`;
  }
  throw new Error(`no visitor in ${variation} among 200`);
}

/**
 * The shopify-step experiment end to end on the Shopify fake in mode A: the cart page asks Kasa for
 * the visitor's arm; one visitor goes straight to Shopify's checkout, the other through Kasa's step
 * and its hand-off; each order webhook records one purchase with the arm, and the live figures show
 * one purchase in each arm.
 */
describe("Shopify mode A: Kasa's step against going straight to Shopify's checkout", () => {
  const shop = useShopifyModeA(experiment, TOKEN);
  let fake: ShopifyFake;
  let kasa: Kasa;
  beforeAll(() => {
    fake = shop.fake();
    kasa = shop.kasa();
  });

  /** What the cart block's loader asks, from the shop's page. */
  const assignment = (query: string) =>
    kasa.api('GET', `/api/experiments/assignment?${query}`, undefined, { origin: SHOP_ORIGIN });

  /** Delivers a signed order webhook as Shopify would, and answers Kasa's JSON. */
  async function deliver(body: string, topic: string) {
    const signed = fake.shop.signWebhook(body, topic);
    const response = await fetch(`${kasa.url}/api/webhooks/shopify`, {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body: signed.body,
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  it('answers the cart page the arm, publicly, for the shop’s origin, and refuses bad input', async () => {
    const visitor = visitorIn('shopify-checkout');
    const answer = await assignment(`shop=demo&visitor=${visitor}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      experiment: 'shopify-step',
      variation: 'shopify-checkout',
      inExperiment: true,
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect((await assignment('shop=demo')).body).toEqual({
      experiment: 'shopify-step',
      variation: 'shopify-checkout',
      inExperiment: false,
    });
    expect((await assignment('shop=demo&visitor=anna%40example.pl')).status).toBe(400);
    expect((await assignment('visitor=vis_1')).status).toBe(400);
    expect((await assignment('shop=another-shop&visitor=vis_1')).status).toBe(404);
  });

  it("records one purchase with the arm for each way: straight to Shopify's checkout, and through Kasa's step", async () => {
    // 1. Straight to Shopify's checkout: the loader wrote the arm into the cart; the pixel keys the
    //    checkout's events by the digest of Shopify's checkout token.
    const straightVisitor = visitorIn('shopify-checkout');
    const straightCart = await fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 1 }]);
    const { order: madeOrder } = await fake.storefront.completeCheckout(straightCart);
    const checkoutToken = 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6';
    const straightId = await shopifyCheckoutId(checkoutToken);
    // What the pixel sends when Shopify's checkout starts (its mapping has its own tests).
    const collected = await kasa.api(
      'POST',
      '/api/collect',
      {
        events: [
          {
            id: 'shp-evt-started-1',
            ts: Date.now(),
            shopId: 'demo',
            checkoutId: straightId,
            visitorId: straightVisitor,
            experiments: { 'shopify-step': 'shopify-checkout' },
            name: 'begin_checkout',
            params: {
              value: 4_990,
              currency: 'PLN',
              items: [{ item_id: 'kawa', quantity: 1, price: 4_990 }],
              layout: 'shopify',
            },
          },
          {
            id: 'shp-evt-started-1-1',
            ts: Date.now(),
            shopId: 'demo',
            checkoutId: straightId,
            visitorId: straightVisitor,
            experiments: { 'shopify-step': 'shopify-checkout' },
            name: 'experiment_exposure',
            params: { experiment: 'shopify-step', variation: 'shopify-checkout' },
          },
        ],
      },
      { origin: SHOP_ORIGIN },
    );
    expect(collected.body).toMatchObject({ stored: 2, rejected: [] });
    const straightBody = JSON.stringify({
      ...madeOrder,
      checkout_token: checkoutToken,
      note_attributes: [
        { name: 'kasa_visitor_id', value: straightVisitor },
        { name: 'kasa_experiments', value: 'shopify-step:shopify-checkout' },
      ],
    });
    expect(await deliver(straightBody, 'orders/create')).toMatchObject({ outcome: 'not_kasa' });
    await deliver(straightBody, 'orders/paid');
    await deliver(straightBody, 'orders/create');
    const straight = await purchasesOf(kasa, straightId);
    expect(straight).toHaveLength(1);
    expect(straight[0]).toMatchObject({
      visitorId: straightVisitor,
      experiments: { 'shopify-step': 'shopify-checkout' },
      params: {
        transaction_id: String(madeOrder.id),
        value: Math.round(Number(madeOrder.total_price) * 100),
      },
    });

    // 2. Through Kasa's step: the fragment shown to the visitor counts in 'kasa-step', and the
    //    hand-off carries the arm into Shopify's cart and order.
    const stepVisitor = visitorIn('kasa-step');
    expect((await assignment(`shop=demo&visitor=${stepVisitor}`)).body).toMatchObject({
      variation: 'kasa-step',
    });
    const { id, cart } = await handToShopify(kasa, fake, stepVisitor);
    expect(cart?.attributes).toContainEqual({ key: 'kasa_experiments', value: 'shopify-step:kasa-step' });
    const done = await fake.storefront.completeCheckout(cart?.id ?? '', {
      webhookUrl: `${kasa.url}/api/webhooks/shopify`,
    });
    expect(done.deliveryStatus).toBe(200);
    await deliver(done.webhook.body, 'orders/paid');
    const viaStep = await purchasesOf(kasa, id);
    expect(viaStep).toHaveLength(1);
    expect(viaStep[0]?.experiments).toEqual({ 'shopify-step': 'kasa-step' });

    // 3. The live figures: one purchase in each arm.
    const live = await kasa.api('GET', '/api/analytics/live', undefined, {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(live.status).toBe(200);
    const arms = live.body.experiments.find((e: { key: string }) => e.key === 'shopify-step')?.arms;
    const arm = (variation: string) => arms?.find((a: { variation: string }) => a.variation === variation);
    expect(arm('shopify-checkout')).toMatchObject({ purchases: 1 });
    expect(arm('kasa-step')).toMatchObject({ purchases: 1 });
    expect(live.body.totals.last24Hours.orders).toBe(2);
  });
});
