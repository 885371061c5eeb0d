import { describe, expect, it } from 'vitest';
import { encodeBasketRef } from '../basket-ref.ts';
import { parseBasketRef } from '../basket-ref-parse.ts';
import { readShoperBasket } from './read-basket.ts';
import { createStorefrontStandIn, standInPrice } from './stand-in.ts';
import type { ShoperProductBasket, ShoperStorefront } from './storefront-api.ts';

const mug: ShoperProductBasket = {
  id: 'a1',
  productId: 12,
  variantId: 34,
  quantity: 2,
  price: standInPrice(49.99),
};
const tee: ShoperProductBasket = {
  id: 'b2',
  productId: 7,
  variantId: 701,
  quantity: 1,
  price: standInPrice(0.1),
};
const locker = {
  id: 5,
  name: 'InPost Paczkomat 24/7',
  isSelected: true,
  isPickupPointDelivery: true,
  pickupPoint: { code: 'KRA010', supplier: { code: 'inpost', name: 'InPost' } },
  price: standInPrice(12.99),
};
const courier = {
  id: 3,
  name: 'Kurier DPD',
  isSelected: false,
  isPickupPointDelivery: false,
  pickupPoint: null,
};

/** The stand-in's storefront once its basket is initialized, as after `basket.initialized`. */
function initialized(products: readonly ShoperProductBasket[], shippings = [courier, locker]) {
  const shop = createStorefrontStandIn({ products, shippings, initializeAfterMs: null });
  shop.initializeBasket();
  return shop.storefront;
}

const line = (overrides: Record<string, unknown>) => [{ ...mug, ...overrides } as ShoperProductBasket];

describe('readShoperBasket', () => {
  it('reads each line (product, stock from variantId, quantity, shown gross price in grosze) and the chosen shipping', async () => {
    const reading = await readShoperBasket(initialized([mug, tee]));
    expect(reading).toEqual({
      ok: true,
      basket: {
        lines: [
          { productId: 12, stockId: 34, quantity: 2, shownUnitPrice: 4999 },
          { productId: 7, stockId: 701, quantity: 1, shownUnitPrice: 10 },
        ],
        shippingId: 5,
      },
      pickupPointCode: 'KRA010',
    });
    if (reading.ok) expect(parseBasketRef(encodeBasketRef(reading.basket))).toEqual(reading.basket);
  });

  it('rounds a float price to the nearest grosz (19.99 * 100 is 1998.9999… in binary)', async () => {
    const reading = await readShoperBasket(initialized(line({ price: standInPrice(19.99) })));
    expect(reading.ok && reading.basket.lines[0]?.shownUnitPrice).toBe(1999);
  });

  it('leaves the shipping out when none is chosen, and gives no pickup point for a courier', async () => {
    expect(await readShoperBasket(initialized([mug], [courier]))).toEqual({
      ok: true,
      basket: { lines: [{ productId: 12, stockId: 34, quantity: 2, shownUnitPrice: 4999 }] },
    });
    const byCourier = await readShoperBasket(initialized([mug], [{ ...courier, isSelected: true }]));
    expect(byCourier).toEqual({ ok: true, basket: { lines: expect.any(Array), shippingId: 3 } });
  });

  it('takes ids a theme passes as digit strings', async () => {
    const reading = await readShoperBasket(initialized(line({ productId: '12', variantId: '34' })));
    expect(reading.ok && reading.basket.lines[0]).toMatchObject({ productId: 12, stockId: 34 });
  });

  it('says the API is missing without a storefront object, or when the basket never initializes', async () => {
    expect(await readShoperBasket(undefined)).toMatchObject({ ok: false, reason: 'api_missing' });
    expect(await readShoperBasket({} as ShoperStorefront)).toMatchObject({
      ok: false,
      reason: 'api_missing',
    });
    const never = createStorefrontStandIn({ products: [mug], initializeAfterMs: null });
    expect(await readShoperBasket(never.storefront, { waitMs: 30 })).toMatchObject({
      ok: false,
      reason: 'api_missing',
    });
  });

  it('waits for a basket that initializes later (getApi resolves then)', async () => {
    const later = createStorefrontStandIn({ products: [mug], initializeAfterMs: 20 });
    later.useStorefront(() => undefined);
    expect(await readShoperBasket(later.storefront, { waitMs: 2_000 })).toMatchObject({ ok: true });
  });

  it('says the API is missing when getApi rejects or get() throws', async () => {
    const rejecting = { getApi: () => Promise.reject(new Error('no')), getApiSync: () => undefined };
    expect(await readShoperBasket(rejecting as unknown as ShoperStorefront)).toMatchObject({
      reason: 'api_missing',
    });
    const throwing = {
      getApi: async () => ({
        get: () => {
          throw new Error('broken');
        },
      }),
      getApiSync: () => undefined,
    };
    expect(await readShoperBasket(throwing as unknown as ShoperStorefront)).toMatchObject({
      reason: 'api_missing',
    });
  });

  it('reads an empty basket as empty', async () => {
    expect(await readShoperBasket(initialized([]))).toMatchObject({ ok: false, reason: 'basket_empty' });
  });

  it.each([
    ['productId', { productId: undefined }],
    ['variantId', { variantId: null }],
    ['variantId', { variantId: 0 }],
    ['quantity', { quantity: undefined }],
    ['quantity', { quantity: 1.5 }],
    ['quantity', { quantity: 0 }],
    ['price.grossValue', { price: undefined }],
    ['price.grossValue', { price: { currency: 'PLN', grossValue: Number.NaN } }],
    ['price.grossValue', { price: { currency: 'PLN', grossValue: -1 } }],
  ])('refuses a line whose %s is absent or impossible', async (field, overrides) => {
    expect(await readShoperBasket(initialized([tee, ...line(overrides)]))).toEqual({
      ok: false,
      reason: 'field_missing',
      detail: `line 2: ${field}`,
    });
  });

  it('refuses lines Kasa cannot sell as the basket shows them', async () => {
    expect(await readShoperBasket(initialized(line({ isExchangedWithLoyaltyPoints: true })))).toMatchObject({
      reason: 'line_unsupported',
    });
    expect(
      await readShoperBasket(initialized(line({ price: { ...standInPrice(10), currency: 'EUR' } }))),
    ).toMatchObject({ reason: 'line_unsupported', detail: 'line 1: price in EUR' });
    expect(await readShoperBasket(initialized(line({ quantity: 1000 })))).toMatchObject({
      reason: 'line_unsupported',
    });
  });

  it('refuses more lines than a basket ref carries (100)', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ ...mug, productId: i + 1 }));
    expect(await readShoperBasket(initialized(many))).toMatchObject({ reason: 'too_many_lines' });
    const hundred = await readShoperBasket(initialized(many.slice(0, 100)));
    expect(hundred.ok && parseBasketRef(encodeBasketRef(hundred.basket)).lines).toHaveLength(100);
  });

  it('still reads the products when the shippings API is unavailable', async () => {
    const productsOnly = {
      getApiSync: (name: string) => (name === 'basketProductsApi' ? { get: () => [mug] } : undefined),
      getApi: (name: string) =>
        name === 'basketProductsApi'
          ? Promise.resolve({ get: () => [mug] })
          : Promise.reject(new Error('none')),
    };
    expect(await readShoperBasket(productsOnly as unknown as ShoperStorefront)).toEqual({
      ok: true,
      basket: { lines: [{ productId: 12, stockId: 34, quantity: 2, shownUnitPrice: 4999 }] },
    });
  });

  it('reads a basket changed after the page loaded', async () => {
    const shop = createStorefrontStandIn({ products: [mug], initializeAfterMs: null });
    shop.initializeBasket();
    shop.setProducts([{ ...mug, quantity: 5 }]);
    const reading = await readShoperBasket(shop.storefront);
    expect(reading.ok && reading.basket.lines[0]?.quantity).toBe(5);
  });
});
