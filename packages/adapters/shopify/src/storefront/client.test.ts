import { KasaError, money } from '@kasa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStorefront, startFakeStorefront } from '../fake/storefront.ts';
import { createStorefrontCartClient, type StorefrontCartClient } from './client.ts';

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

async function rejection(promise: Promise<unknown>): Promise<KasaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KasaError);
  return error as KasaError;
}

describe('Storefront cart client through @shopify/shopify-api', () => {
  it('reads a seeded cart as Kasa’s Cart with Shopify’s prices, SKUs and variant ids', async () => {
    const ref = fake.createCart([
      { productId: 'kawa-etiopia-250', quantity: 2 },
      { productId: 'ksiazka-kawa', quantity: 1 },
    ]);
    const cart = await client.getCart(ref);
    expect(cart.ref).toBe(ref);
    expect(cart.currency).toBe('PLN');
    expect(
      cart.lines.map((l) => [l.productId, l.sku, l.quantity, l.unitPrice.amount, l.total.amount]),
    ).toEqual([
      ['gid://shopify/ProductVariant/45001', 'KAWA-ETI-250', 2, 4990, 9980],
      ['gid://shopify/ProductVariant/45003', 'KSIAZKA-KAWA', 1, 5990, 5990],
    ]);
    expect(cart.lines[0]?.name).toBe('Kawa ziarnista Etiopia Yirgacheffe 250 g');
    expect(cart.subtotal).toEqual(money(9980 + 5990));
  });

  it('gives each line’s product id and weight, and the cart’s weight, in the Shopify view', async () => {
    const view = await client.readCart(fake.createCart([{ productId: 'kubek-350', quantity: 3 }]));
    expect(view.lines).toEqual([
      expect.objectContaining({ productId: 'gid://shopify/Product/8004', unitWeightGrams: 400 }),
    ]);
    expect(view.weightGrams).toBe(1200);
    expect(view.checkoutUrl).toMatch(/^https:\/\/kasa-demo\.myshopify\.com\/cart\/c\//);
  });

  it('sends the private Storefront token: a wrong token is platform_auth_failed', async () => {
    const wrong = createStorefrontCartClient({
      shop: fake.shop,
      storefrontAccessToken: 'shpsa_wrong',
      fetch: fake.fetch,
    });
    const error = await rejection(wrong.getCart(fake.createCart()));
    expect(error.code).toBe('platform_auth_failed');
    expect(error.details?.status).toBe(401);
  });

  it('answers cart_not_found for a cart Shopify does not have', async () => {
    const error = await rejection(client.getCart('gid://shopify/Cart/hWNnope?key=none'));
    expect(error.code).toBe('cart_not_found');
  });

  it('turns userErrors into KasaErrors with stable codes and Shopify’s code in details', async () => {
    const ref = fake.createCart();
    const missingLine = await rejection(
      client.mutate('cartLinesUpdate', {
        cartId: ref,
        lines: [{ id: 'gid://shopify/CartLine/999999', quantity: 1 }],
      }),
    );
    expect(missingLine.code).toBe('platform_rejected');
    expect(missingLine.details).toMatchObject({
      platformCode: 'INVALID_MERCHANDISE_LINE',
      platformField: 'lines.0.id',
      operation: 'cartLinesUpdate',
    });

    const goneCart = await rejection(
      client.mutate('cartAttributesUpdate', { cartId: 'gid://shopify/Cart/hWNgone?key=x', attributes: [] }),
    );
    expect(goneCart.code).toBe('cart_not_found');

    const postcode = await rejection(
      client.mutate('cartDeliveryAddressesAdd', {
        cartId: ref,
        addresses: [
          {
            selected: true,
            address: { deliveryAddress: { city: 'Kraków', zip: '30123', countryCode: 'PL' } },
          },
        ],
      }),
    );
    expect(postcode.code).toBe('postcode_invalid');
  });

  it('runs the cart mutations: lines, delivery address, delivery option, attributes', async () => {
    const created = await client.mutate('cartCreate', {
      input: { lines: [{ merchandiseId: 'gid://shopify/ProductVariant/45002', quantity: 1 }] },
    });
    const cartId = created.cart.ref;
    const added = await client.mutate('cartLinesAdd', {
      cartId,
      lines: [{ merchandiseId: 'gid://shopify/ProductVariant/45002', quantity: 2 }],
    });
    expect(added.cart.lines).toHaveLength(1);
    expect(added.cart.lines[0]?.quantity).toBe(3);
    expect(added.deliveryOptions).toEqual([]);

    const addressed = await client.mutate('cartDeliveryAddressesAdd', {
      cartId,
      addresses: [
        {
          selected: true,
          oneTimeUse: true,
          address: {
            deliveryAddress: { address1: 'Rynek 1', city: 'Kraków', zip: '31-001', countryCode: 'PL' },
          },
        },
      ],
    });
    const locker = addressed.deliveryOptions.find((o) => o.title === 'InPost Paczkomat 24/7');
    expect(locker?.price).toEqual(money(1299));

    const chosen = await client.mutate('cartSelectedDeliveryOptionsUpdate', {
      cartId,
      selectedDeliveryOptions: [
        { deliveryGroupId: locker?.groupId ?? '', deliveryOptionHandle: locker?.handle ?? '' },
      ],
    });
    expect(chosen.deliveryOptions.filter((o) => o.selected).map((o) => o.title)).toEqual([
      'InPost Paczkomat 24/7',
    ]);
    expect(chosen.total).toEqual(money(3 * 1290 + 1299));

    await client.mutate('cartAttributesUpdate', { cartId, attributes: [{ key: 'a', value: '1' }] });
    const replaced = await client.mutate('cartAttributesUpdate', {
      cartId,
      attributes: [{ key: 'b', value: '2' }],
    });
    expect(replaced.attributes).toEqual({ b: '2' });
  });

  it('passes on a KasaError the fetch threw (e.g. a mutation’s unknown outcome), not the library’s generic one', async () => {
    const unknown = new KasaError('platform_unavailable', {
      details: { outcome: 'unknown', operation: 'x' },
    });
    const failing = createStorefrontCartClient({
      shop: fake.shop,
      storefrontAccessToken: fake.storefrontAccessToken,
      fetch: async () => {
        throw unknown;
      },
    });
    const error = await rejection(failing.mutate('cartCreate', { input: {} }));
    expect(error).toBe(unknown);
    const plain = createStorefrontCartClient({
      shop: fake.shop,
      storefrontAccessToken: fake.storefrontAccessToken,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect((await rejection(plain.getCart('gid://shopify/Cart/x?key=y'))).code).toBe('platform_unavailable');
  });

  it('does not redirect other clients of the library: the fetch is installed only while constructing', async () => {
    const { abstractFetch } = await import('@shopify/shopify-api/runtime');
    expect(abstractFetch).not.toBe(fake.fetch);
  });
});
