import { createHmac } from 'node:crypto';
import { KasaError, type RawRequest } from '@kasa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyAdapter, type ShopifyAdapter } from './adapter.ts';
import { createShopifyFake, type ShopifyFake } from './fake/index.ts';

let fake: ShopifyFake;
let adapter: ShopifyAdapter;
beforeAll(async () => {
  fake = await createShopifyFake();
  adapter = createShopifyAdapter(fake.config);
});
afterAll(() => fake.close());

const codeOf = async (req: RawRequest) =>
  adapter.verifyWebhook?.(req).then(
    () => 'accepted',
    (e: unknown) => (e instanceof KasaError ? e.code : String(e)),
  );

describe('Shopify webhooks, verified by shopify.webhooks.validate', () => {
  const body = JSON.stringify({
    id: 5001001,
    name: '#1001',
    note_attributes: [{ name: 'inpost_point', value: 'KRA010' }],
  });

  it.each([
    ['orders/create', 'order.created'],
    ['orders/paid', 'order.paid'],
    ['orders/cancelled', 'order.cancelled'],
  ])('maps %s to %s with the order id', async (topic, kasaTopic) => {
    const event = await adapter.verifyWebhook?.(fake.shop.signWebhook(body, topic));
    expect(event).toMatchObject({ topic: kasaTopic, orderId: '5001001' });
  });

  it('reads app/uninstalled without an order id', async () => {
    const event = await adapter.verifyWebhook?.(
      fake.shop.signWebhook('{"id":1,"name":"Kasa"}', 'app/uninstalled'),
    );
    expect(event?.topic).toBe('app.uninstalled');
    expect(event?.orderId).toBeUndefined();
  });

  it('accepts a signature computed independently: base64 HMAC-SHA256 of the raw body with the API secret', async () => {
    const signed = fake.shop.signWebhook(body, 'orders/paid');
    const hmac = createHmac('sha256', fake.config.apiSecretKey).update(body, 'utf8').digest('base64');
    expect(signed.headers['x-shopify-hmac-sha256']).toBe(hmac);
    // Header names in another case, as a proxy may send them.
    const upper = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(await codeOf({ headers: upper, body })).toBe('accepted');
  });

  it('refuses an altered body, a wrong secret, a missing header and another shop', async () => {
    const signed = fake.shop.signWebhook(body, 'orders/paid');
    expect(await codeOf({ ...signed, body: `${body} ` })).toBe('notification_invalid');
    const forged = createHmac('sha256', 'not-the-secret').update(body).digest('base64');
    expect(await codeOf({ headers: { ...signed.headers, 'x-shopify-hmac-sha256': forged }, body })).toBe(
      'notification_invalid',
    );
    const { 'x-shopify-webhook-id': _id, ...withoutId } = signed.headers;
    expect(await codeOf({ headers: withoutId, body })).toBe('notification_invalid');
    expect(
      await codeOf({ headers: { ...signed.headers, 'x-shopify-shop-domain': 'other.myshopify.com' }, body }),
    ).toBe('notification_invalid');
  });
});
