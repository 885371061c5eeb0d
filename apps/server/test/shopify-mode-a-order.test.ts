import type { ShopifyFake } from '@kasa/adapter-shopify/fake';
import { experimentSchema } from '@kasa/experiments';
import { beforeAll, describe, expect, it } from 'vitest';
import { presentationFor } from '../src/checkout/presentation.ts';
import type { Kasa } from './harness.ts';
import { handToShopify, purchasesOf, useShopifyModeA } from './shopify-mode-a.ts';

const TOKEN = 'merchant-token-mode-a-order';
const experiment = {
  key: 'delivery-order',
  variations: ['locker-first', 'courier-first'],
  status: 'running' as const,
  startDate: '2026-11-01',
  kr: 'checkout-conversion',
};

/** A visitor id the experiment enrols, and the arm it is shown. */
function enrolledVisitor() {
  for (let i = 0; i < 100; i += 1) {
    const shown = presentationFor([experimentSchema.parse(experiment)], `visitor-${i}`);
    if (Object.keys(shown.arms).length === 1) return { visitor: `visitor-${i}`, arms: shown.arms };
  }
  throw new Error('no enrolled visitor among 100');
}

/**
 * Shopify mode A closes the loop: Shopify's checkout (the fake's) makes the order of a checkout
 * Kasa handed over, and its verified orders/create and orders/paid webhooks complete that Kasa
 * checkout and record its purchase once, with the experiment arm it was shown.
 */
describe('Shopify mode A: the order webhook completes the handed-over checkout', () => {
  const shop = useShopifyModeA(experiment, TOKEN);
  let fake: ShopifyFake;
  let kasa: Kasa;
  beforeAll(() => {
    fake = shop.fake();
    kasa = shop.kasa();
  });

  /** A shopper's checkout shown to `visitor`, with contact and a locker, handed to Shopify and paid there. */
  async function buyOnShopify(visitor: string, arms: Record<string, string>) {
    const { id, cart } = await handToShopify(kasa, fake, visitor, async (id) => {
      // What the widget reports when the step is shown: the checkout has begun.
      const begun = await kasa.api('POST', '/api/collect', {
        events: [
          {
            id: `evt-begin-${id}`,
            ts: Date.now(),
            shopId: 'demo',
            checkoutId: id,
            experiments: arms,
            name: 'begin_checkout',
            params: {
              value: 9_980,
              currency: 'PLN',
              items: [{ item_id: 'kawa', quantity: 2, price: 4_990 }],
            },
          },
        ],
      });
      expect(begun.status).toBe(200);
    });
    // For Kasa's pixel: the visitor the fragment was shown to, and its arm.
    expect(cart?.attributes).toContainEqual({ key: 'kasa_visitor_id', value: visitor });
    expect(cart?.attributes).toContainEqual({
      key: 'kasa_experiments',
      value: Object.entries(arms)
        .map(([key, variation]) => `${key}:${variation}`)
        .join(','),
    });
    const done = await fake.storefront.completeCheckout(cart?.id ?? '', {
      webhookUrl: `${kasa.url}/api/webhooks/shopify`,
    });
    return { id, done };
  }

  it('records the order on the checkout and one purchase with the arm, also after orders/paid and a redelivery', async () => {
    const { visitor, arms } = enrolledVisitor();
    const { id, done } = await buyOnShopify(visitor, arms);
    expect(done.deliveryStatus).toBe(200);
    const orderId = String(done.order.id);

    const view = (await kasa.api('GET', `/api/checkouts/${id}`)).body;
    expect(view.status).toBe('paid');
    expect(view.order).toMatchObject({ id: orderId, total: { amount: 2 * 4990 + 1299, currency: 'PLN' } });
    const purchases = await purchasesOf(kasa, id);
    expect(purchases).toHaveLength(1);
    expect(purchases[0]?.experiments).toEqual(arms);
    expect(purchases[0]?.params).toMatchObject({ transaction_id: orderId, value: view.order.total.amount });

    // The same order's orders/paid, then orders/create delivered again: in sync, no second purchase.
    const paid = fake.shop.signWebhook(done.webhook.body, 'orders/paid');
    const paidAnswer = await fetch(`${kasa.url}/api/webhooks/shopify`, {
      method: 'POST',
      headers: paid.headers as Record<string, string>,
      body: paid.body,
    });
    expect(await paidAnswer.json()).toMatchObject({ topic: 'order.paid', outcome: 'in_sync' });
    const again = await fetch(`${kasa.url}/api/webhooks/shopify`, {
      method: 'POST',
      headers: done.webhook.headers,
      body: done.webhook.body,
    });
    expect(await again.json()).toMatchObject({ topic: 'order.created', outcome: 'in_sync' });
    expect(await purchasesOf(kasa, id)).toHaveLength(1);

    // The purchase is in the merchant's live report, with the arm.
    const live = await kasa.api('GET', '/api/analytics/live', undefined, {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(live.status).toBe(200);
    expect(live.body.totals.last24Hours).toEqual({ orders: 1, revenue: view.order.total.amount });
    const [variation] = Object.values(arms);
    const shownArm = live.body.experiments[0].arms.find(
      (a: { variation: string }) => a.variation === variation,
    );
    expect(shownArm).toMatchObject({ checkouts: 1, purchases: 1 });
  });

  it('leaves an order of the shop’s own checkout alone (no kasa_checkout_id)', async () => {
    const body = JSON.stringify({
      id: 9_100_001,
      currency: 'PLN',
      total_price: '10.00',
      note_attributes: [],
    });
    const signed = fake.shop.signWebhook(body, 'orders/create');
    const answer = await fetch(`${kasa.url}/api/webhooks/shopify`, {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body: signed.body,
    });
    expect(await answer.json()).toMatchObject({ outcome: 'not_kasa' });
  });
});
