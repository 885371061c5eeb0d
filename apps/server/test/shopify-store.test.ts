import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { buyOnFake, type KasaOnFake, SHOPPER, startKasaOnFake } from './harness.ts';

/**
 * A Shopify store in mode B on `shopify-fake`: the order webhooks Shopify sends, verified by the
 * library over the raw body and reconciled with the order as the Admin API has it; and the
 * configuration that refuses mode B for an app that is not the shop's own custom app.
 */
const deliver = (kasa: KasaOnFake, body: string, headers: Record<string, string | undefined>) =>
  fetch(`${kasa.url}/api/webhooks/shopify`, {
    method: 'POST',
    headers: Object.fromEntries(
      Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    body,
  }).then(async (response) => ({ status: response.status, body: await response.json() }));

describe('Shopify webhooks on shopify-fake', () => {
  let kasa: KasaOnFake;
  beforeAll(async () => {
    kasa = await startKasaOnFake('shopify-fake');
  });
  afterAll(() => kasa?.close());

  it('reconciles a signed orders/paid with the order Shopify has, and refuses a forged one', async () => {
    const { placed } = await buyOnFake(kasa);
    const orderId: string = placed.body.order.id;
    const body = JSON.stringify({
      id: Number(orderId),
      financial_status: 'paid',
      email: SHOPPER.contact.email,
    });
    const signed = kasa.fake.signWebhook(body, 'orders/paid');
    const answer = await deliver(kasa, signed.body, signed.headers);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ received: true, topic: 'order.paid', outcome: 'in_sync' });
    const logged = kasa.logs.filter((line) => line.includes('"msg":"store webhook"')).join('\n');
    expect(logged).toContain(`"orderId":"${orderId}"`);
    expect(logged).not.toContain(SHOPPER.contact.email);

    const forged = await deliver(kasa, signed.body.replace('"paid"', '"refunded"'), signed.headers);
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('notification_invalid');
  });

  it('cancels the checkout when its unpaid order is cancelled in Shopify (orders/cancelled)', async () => {
    const [product] = kasa.demoStore.listProducts();
    const cartRef = await kasa.demoStore.createCart([{ productId: product?.id ?? '', quantity: 1 }]);
    const created = await kasa.api('POST', '/api/checkouts', { cartRef });
    const id: string = created.body.id;
    await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact);
    const points = await kasa.api('GET', '/api/pickup-points?postcode=30-001&limit=5');
    const locker = created.body.shippingOptions.find((o: { kind: string }) => o.kind === 'locker');
    await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
      optionId: locker.id,
      pickupPointId: points.body.points[0].id,
    });
    const blik = created.body.paymentMethods.find((m: { kind: string }) => m.kind === 'blik');
    await kasa.api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: blik.id });
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
    const orderId: string = placed.body.order.id;
    await kasa.runtime.adapter.cancelOrder?.({ orderId, reason: 'cancelled in the Shopify admin' });
    const signed = kasa.fake.signWebhook(
      JSON.stringify({ id: Number(orderId), cancel_reason: 'other' }),
      'orders/cancelled',
    );
    const answer = await deliver(kasa, signed.body, signed.headers);
    expect(answer.body).toMatchObject({ topic: 'order.cancelled', outcome: 'updated' });
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.status).toBe('cancelled');
  });

  it('answers an order Shopify placed without Kasa as not Kasa’s', async () => {
    const signed = kasa.fake.signWebhook(JSON.stringify({ id: 5_999_999 }), 'orders/create');
    const answer = await deliver(kasa, signed.body, signed.headers);
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toBe('not_kasa');
  });
});

describe('Shopify mode B in the configuration', () => {
  const shopify = {
    platform: 'shopify' as const,
    shop: 'sklep.myshopify.com',
    adminAccessToken: 'shpat_0123456789abcdef',
    apiSecretKey: 'shpss_0123456789abcdef',
    storefrontPrivateToken: 'shpsa_0123456789abcdef',
  };

  it('refuses mode B without customApp, naming the store setting and Shopify’s terms', () => {
    expect(() => loadConfig({ overrides: { store: { ...shopify, mode: 'B' } } })).toThrow(
      /store\.customApp.*§2\.3\.18/s,
    );
  });

  it('takes mode B from the environment with KASA_SHOPIFY_CUSTOM_APP=true', () => {
    const config = loadConfig({
      cwd: mkdtempSync(join(tmpdir(), 'kasa-shopify-')),
      env: {
        KASA_STORE_PLATFORM: 'shopify',
        KASA_SHOPIFY_SHOP: shopify.shop,
        KASA_SHOPIFY_ADMIN_ACCESS_TOKEN: shopify.adminAccessToken,
        KASA_SHOPIFY_API_SECRET_KEY: shopify.apiSecretKey,
        KASA_SHOPIFY_STOREFRONT_PRIVATE_TOKEN: shopify.storefrontPrivateToken,
        KASA_SHOPIFY_MODE: 'B',
        KASA_SHOPIFY_CUSTOM_APP: 'true',
      },
    });
    expect(config.store).toMatchObject({
      platform: 'shopify',
      mode: 'B',
      customApp: true,
      shop: shopify.shop,
    });
  });
});
