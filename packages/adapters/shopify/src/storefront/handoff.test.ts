import { inpostLocker, polishContact } from '@kasa/adapter-testing';
import '@shopify/shopify-api/adapters/node';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { money, type ShippingOption } from '@kasa/core';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStorefront, startFakeStorefront } from '../fake/storefront.ts';
import { createStorefrontCartClient, type StorefrontCartClient } from './client.ts';
import { createModeAHandoff, handOffToShopify } from './handoff.ts';

const locker: ShippingOption = {
  id: 'inpost-locker',
  carrier: 'inpost',
  kind: 'locker',
  name: 'InPost Paczkomat 24/7',
  price: money(1299),
  eta: { minDays: 1, maxDays: 2 },
};

let fake: FakeStorefront;
let client: StorefrontCartClient;
beforeAll(async () => {
  fake = await startFakeStorefront();
  client = createStorefrontCartClient({
    shop: fake.shop,
    storefrontAccessToken: fake.storefrontAccessToken,
    fetch: fake.fetch,
  });
});
afterAll(() => fake.close());

/** A receiver that checks each webhook with the library's own validator, as the server will. */
async function startReceiver(secret: string) {
  const shopify = shopifyApi({
    apiSecretKey: secret,
    apiKey: 'kasa-test',
    hostName: 'kasa.test',
    apiVersion: ApiVersion.April26,
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error },
  });
  const received: { valid: boolean; topic?: string; body: unknown }[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const check = await shopify.webhooks.validate({ rawBody, rawRequest: req, rawResponse: res });
    received.push({
      valid: check.valid,
      ...(check.valid ? { topic: check.topic } : {}),
      body: JSON.parse(rawBody),
    });
    res.writeHead(check.valid ? 200 : 401).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/shopify`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('mode A hand-off against the Storefront fake', () => {
  it('builds the cart in three calls and answers its checkout URL, the locker selected and priced', async () => {
    const cart = await client.getCart(fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 2 }]));
    const before = fake.calls.length;
    const result = await handOffToShopify(client, {
      checkoutId: 'chk_A1',
      cart,
      contact: polishContact,
      shipping: locker,
      pickupPoint: inpostLocker,
    });
    expect(fake.calls.slice(before)).toEqual([
      'cartCreate',
      'cartDeliveryAddressesAdd',
      'cartSelectedDeliveryOptionsUpdate',
    ]);
    expect(result.checkoutUrl).toMatch(/^https:\/\/kasa-demo\.myshopify\.com\/cart\/c\/hWN/);
    expect(result.delivery.title).toBe('InPost Paczkomat 24/7');
    expect(result.total).toEqual(money(2 * 4990 + 1299));
    expect(result.shippingPriceChanged).toBe(false);
    const built = fake.carts.get(result.cartId);
    expect(built?.buyerIdentity).toEqual({
      email: polishContact.email,
      phone: '+48512345678',
      countryCode: 'PL',
    });
    expect(built?.attributes).toEqual([
      { key: 'kasa_checkout_id', value: 'chk_A1' },
      { key: 'inpost_point', value: 'KRA010' },
    ]);
  });

  it('sends the shopper’s IP as Shopify-Storefront-Buyer-IP on every call, and no made-up one', async () => {
    const cart = await client.getCart(fake.createCart());
    const before = fake.buyerIps.length;
    await handOffToShopify(
      client,
      { checkoutId: 'chk_ip', cart, contact: polishContact, shipping: locker, pickupPoint: inpostLocker },
      { buyerIp: '203.0.113.7' },
    );
    expect(fake.buyerIps.slice(before)).toEqual(['203.0.113.7', '203.0.113.7', '203.0.113.7']);
    const after = fake.buyerIps.length;
    await handOffToShopify(
      client,
      { checkoutId: 'chk_ip2', cart, contact: polishContact, shipping: locker, pickupPoint: inpostLocker },
      { buyerIp: 'unknown' },
    );
    expect(fake.buyerIps.slice(after)).toEqual([undefined, undefined, undefined]);
  });

  it('says when Shopify prices the delivery differently from Kasa’s quote', async () => {
    const cart = await client.getCart(fake.createCart());
    const result = await handOffToShopify(client, {
      checkoutId: 'chk_A2',
      cart,
      contact: polishContact,
      shipping: { ...locker, price: money(999) },
      pickupPoint: inpostLocker,
    });
    expect(result.shippingPriceChanged).toBe(true);
    expect(result.delivery.price).toEqual(money(1299));
  });

  it('carries the locker id and Kasa’s checkout id to the signed orders/create webhook', async () => {
    const receiver = await startReceiver(fake.webhookSecret);
    try {
      const handOff = createModeAHandoff(
        {
          shop: fake.shop,
          storefrontPrivateToken: fake.storefrontAccessToken,
          apiSecretKey: fake.webhookSecret,
          apiVersion: ApiVersion.April26,
          mode: 'A',
        },
        { fetch: fake.fetch },
      );
      const cart = await client.getCart(
        fake.createCart([{ productId: 'czekolada-gorzka-100', quantity: 3 }]),
      );
      const { cartId } = await handOff({
        checkoutId: 'chk_A3',
        cart,
        contact: polishContact,
        shipping: locker,
        pickupPoint: inpostLocker,
      });

      const done = await fake.completeCheckout(cartId, { webhookUrl: receiver.url });
      expect(done.deliveryStatus).toBe(200);
      expect(receiver.received).toHaveLength(1);
      const hook = receiver.received[0];
      expect(hook?.valid).toBe(true);
      expect(hook?.topic).toBe('ORDERS_CREATE');
      const order = hook?.body as {
        note_attributes: { name: string; value: string }[];
        shipping_lines: { title: string }[];
        total_price: string;
      };
      expect(order.note_attributes).toEqual([
        { name: 'kasa_checkout_id', value: 'chk_A3' },
        { name: 'inpost_point', value: 'KRA010' },
      ]);
      expect(order.shipping_lines.map((l) => l.title)).toEqual(['InPost Paczkomat 24/7']);
      expect(order.total_price).toBe('51.69');
      // Shopify no longer has the cart once it is an order.
      await expect(client.getCart(cartId)).rejects.toMatchObject({ code: 'cart_not_found' });
    } finally {
      await receiver.close();
    }
  });

  it('a webhook signed with another secret fails the library’s validation', async () => {
    const receiver = await startReceiver('another-apps-secret');
    try {
      const cart = await client.getCart(fake.createCart());
      const { cartId } = await handOffToShopify(client, {
        checkoutId: 'chk_A4',
        cart,
        contact: polishContact,
        shipping: locker,
        pickupPoint: inpostLocker,
      });
      const done = await fake.completeCheckout(cartId, { webhookUrl: receiver.url });
      expect(done.deliveryStatus).toBe(401);
      expect(receiver.received[0]?.valid).toBe(false);
    } finally {
      await receiver.close();
    }
  });

  it('reads the cart again while Shopify is still pricing delivery for the new address', async () => {
    const slow = await startFakeStorefront({ deliveryPricingAnswers: 2 });
    try {
      const slowClient = createStorefrontCartClient({
        shop: slow.shop,
        storefrontAccessToken: slow.storefrontAccessToken,
        fetch: slow.fetch,
      });
      const waits: number[] = [];
      const sleep = async (ms: number) => {
        waits.push(ms);
      };
      const cart = await slowClient.getCart(slow.createCart());
      const result = await handOffToShopify(
        slowClient,
        { checkoutId: 'chk_slow', cart, contact: polishContact, shipping: locker, pickupPoint: inpostLocker },
        { sleep, pendingDeliveryDelayMs: 5 },
      );
      expect(result.delivery.title).toBe('InPost Paczkomat 24/7');
      // The address's own answer and the first read are unpriced; the second read has the rates.
      expect(waits).toEqual([5, 5]);
      expect(slow.calls.slice(-4)).toEqual([
        'cartDeliveryAddressesAdd',
        'cart',
        'cart',
        'cartSelectedDeliveryOptionsUpdate',
      ]);

      const never = await startFakeStorefront({ deliveryPricingAnswers: 10 });
      try {
        const neverClient = createStorefrontCartClient({
          shop: never.shop,
          storefrontAccessToken: never.storefrontAccessToken,
          fetch: never.fetch,
        });
        const neverCart = await neverClient.getCart(never.createCart());
        await expect(
          handOffToShopify(
            neverClient,
            {
              checkoutId: 'chk_never',
              cart: neverCart,
              contact: polishContact,
              shipping: locker,
              pickupPoint: inpostLocker,
            },
            { sleep },
          ),
        ).rejects.toMatchObject({ code: 'shipping_option_unavailable' });
      } finally {
        await never.close();
      }
    } finally {
      await slow.close();
    }
  });

  it('refuses when Shopify cuts a line to its stock (a warning, not a user error), naming the line', async () => {
    const short = await startFakeStorefront({ stock: { 'kawa-etiopia-250': 1 } });
    try {
      const shortClient = createStorefrontCartClient({
        shop: short.shop,
        storefrontAccessToken: short.storefrontAccessToken,
        fetch: short.fetch,
      });
      // The shopper's cart was made before the stock ran low.
      const cart = await client.getCart(fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 3 }]));
      const error = await handOffToShopify(shortClient, {
        checkoutId: 'chk_stock',
        cart,
        contact: polishContact,
        shipping: locker,
        pickupPoint: inpostLocker,
      }).then(
        () => undefined,
        (e: unknown) => e as { code: string; details: Record<string, unknown> },
      );
      expect(error?.code).toBe('platform_rejected');
      expect(error?.details).toMatchObject({
        reason: 'cart_changed',
        lines: [{ merchandiseId: 'gid://shopify/ProductVariant/45001', wanted: 3, got: 1 }],
        warnings: ['MERCHANDISE_NOT_ENOUGH_STOCK'],
      });
      expect(short.calls).toEqual(['cartCreate']);
    } finally {
      await short.close();
    }
  });

  it('refuses to hand off for a shop in mode B', () => {
    expect(() =>
      createModeAHandoff({
        shop: fake.shop,
        storefrontPrivateToken: fake.storefrontAccessToken,
        apiSecretKey: 'secret-secret',
        apiVersion: ApiVersion.April26,
        mode: 'B',
      }),
    ).toThrow(expect.objectContaining({ code: 'platform_config_invalid' }));
  });
});
