import { createShopifyFake, type ShopifyFake } from '@kasa/adapter-shopify/fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPPER, startKasa } from './harness.ts';

/**
 * A Shopify store in mode A through the whole server: Kasa's step (contact, the InPost locker), then
 * POST /api/checkouts/:id/shopify-checkout builds the Shopify cart and answers its checkout URL;
 * Shopify's checkout (the fake's) makes the order and sends orders/create, which the server verifies.
 */
describe('Shopify mode A through the server', () => {
  let fake: ShopifyFake;
  let kasa: Awaited<ReturnType<typeof startKasa>>;
  beforeAll(async () => {
    fake = await createShopifyFake();
    kasa = await startKasa({
      config: { store: { platform: 'shopify', ...fake.config, mode: 'A', customApp: false } },
    });
  });
  afterAll(async () => {
    await kasa?.close();
    await fake?.close();
  });

  it('hands the shopper to Shopify with the locker and the checkout id on the cart and the order', async () => {
    const cartRef = await fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 2 }]);
    const created = await kasa.api('POST', '/api/checkouts', { cartRef });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact);
    const points = await kasa.api('GET', '/api/pickup-points?postcode=30-001&limit=5');
    const pointId: string = points.body.points[0].id;
    const locker = created.body.shippingOptions.find((o: { kind: string }) => o.kind === 'locker');
    const delivered = await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
      optionId: locker.id,
      pickupPointId: pointId,
    });
    expect(delivered.status).toBe(200);

    const handed = await kasa.api('POST', `/api/checkouts/${id}/shopify-checkout`);
    expect(handed.status).toBe(200);
    expect(handed.body.checkoutUrl).toMatch(/^https:\/\/[a-z0-9-]+\.myshopify\.com\/cart\/c\//);
    expect(handed.body.delivery.title).toBe('InPost Paczkomat 24/7');
    expect(handed.body.shippingPriceChanged).toBe(false);

    const token = /\/cart\/c\/([^?]+)/.exec(handed.body.checkoutUrl)?.[1];
    const cart = fake.storefront.carts.all().find((c) => c.token === token);
    expect(cart?.attributes).toEqual([
      { key: 'kasa_checkout_id', value: id },
      { key: 'inpost_point', value: pointId },
    ]);

    const done = await fake.storefront.completeCheckout(cart?.id ?? '', {
      webhookUrl: `${kasa.url}/api/webhooks/shopify`,
    });
    expect(done.order.note_attributes).toContainEqual({ name: 'kasa_checkout_id', value: id });
    expect(done.order.note_attributes).toContainEqual({ name: 'inpost_point', value: pointId });
    // Verified with the app secret and answered; a forged body would be 401.
    expect(done.deliveryStatus).toBe(200);
    const again = await fetch(`${kasa.url}/api/webhooks/shopify`, {
      method: 'POST',
      headers: done.webhook.headers,
      body: done.webhook.body,
    });
    // Verified and read as an order event; delivered again, it finds the checkout already completed
    // (shopify-mode-a-order.test.ts follows the order and its purchase).
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ received: true, topic: 'order.created', outcome: 'in_sync' });

    // Nothing identifying reached the server's log.
    const log = kasa.logs.join('\n');
    expect(log).not.toContain(SHOPPER.contact.email);
    expect(log).not.toContain('512345678');
    expect(log).not.toContain(SHOPPER.contact.lastName);
  });

  it('is refused before a delivery is chosen', async () => {
    const cartRef = await fake.createCart();
    const created = await kasa.api('POST', '/api/checkouts', { cartRef });
    const handed = await kasa.api('POST', `/api/checkouts/${created.body.id}/shopify-checkout`);
    expect(handed.status).toBe(422);
    expect(handed.body.error.code).toBe('checkout_incomplete');
  });
});
