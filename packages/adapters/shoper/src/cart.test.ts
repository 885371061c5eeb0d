import type { KasaError } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { type Catalogue, grosze, priceBasket } from './cart.ts';
import { productSchema, productStockSchema } from './rest/schemas.ts';

// Shapes as Shoper sends them (strings and "1" flags included), read with the shared wire schemas.
const catalogue: Catalogue = {
  products: [
    productSchema.parse({
      product_id: '11',
      tax_id: '1',
      code: 'KAWA-ETI-250',
      stock: { stock_id: 101, price: '49.90', active: '1', stock: '100' },
      translations: { pl_PL: { name: 'Kawa Etiopia 250 g' } },
    }),
    productSchema.parse({
      product_id: 12,
      tax_id: 2,
      code: 'KAWA-BRA',
      stock: { stock_id: 102, price: 54.9, active: true },
      translations: [],
      options: [201, 202],
    }),
  ],
  variants: [
    productStockSchema.parse({
      stock_id: 202,
      product_id: 12,
      price: 2,
      price_type: 2,
      active: 1,
      code: 'KAWA-BRA-M',
      stock: 3,
    }),
  ],
  taxRates: new Map([
    [1, 23],
    [2, 8],
  ]),
};

const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as KasaError;
  }
  throw new Error('expected a refusal');
};

describe('pricing a Shoper basket from REST', () => {
  it('confirms shown prices, own stock and variant, with names, codes and VAT', () => {
    const cart = priceBasket(
      'ref',
      {
        lines: [
          { productId: 11, stockId: 101, quantity: 2, shownUnitPrice: 4990 },
          { productId: 12, stockId: 202, quantity: 1, shownUnitPrice: 5690 },
        ],
      },
      catalogue,
    );
    expect(cart.subtotal).toEqual({ amount: 15670, currency: 'PLN' });
    expect(cart.lines[0]).toMatchObject({
      id: '11',
      productId: '11',
      sku: 'KAWA-ETI-250',
      name: 'Kawa Etiopia 250 g',
      vatRate: 23,
    });
    expect(cart.lines[1]).toMatchObject({
      productId: '12-202',
      sku: 'KAWA-BRA-M',
      vatRate: 8,
      unitPrice: { amount: 5690 },
    });
    expect(cart.lines[1]?.name).toBe('KAWA-BRA-M');
  });

  it('refuses a changed price, a missing product, an unknown variant and too little stock, listing every line', () => {
    const error = refused(() =>
      priceBasket(
        'ref',
        {
          lines: [
            { productId: 11, stockId: 101, quantity: 1, shownUnitPrice: 4490 },
            { productId: 99, stockId: 999, quantity: 1, shownUnitPrice: 100 },
            { productId: 12, stockId: 201, quantity: 1, shownUnitPrice: 5490 },
            { productId: 12, stockId: 202, quantity: 4, shownUnitPrice: 5690 },
          ],
        },
        catalogue,
      ),
    );
    expect(error.code).toBe('cart_prices_unconfirmed');
    expect(error.details?.lines).toEqual([
      { productId: 11, stockId: 101, shown: 4490, confirmed: 4990 },
      { productId: 99, stockId: 999, shown: 100 },
      { productId: 12, stockId: 201, shown: 5490 },
      { productId: 12, stockId: 202, shown: 5690, confirmed: 5690 },
    ]);
  });

  it('refuses an inactive product', () => {
    const inactive = {
      ...catalogue,
      products: [
        productSchema.parse({
          product_id: 11,
          tax_id: 1,
          stock: { stock_id: 101, price: 49.9, active: '0' },
          translations: {},
        }),
      ],
    };
    expect(
      refused(() =>
        priceBasket(
          'ref',
          { lines: [{ productId: 11, stockId: 101, quantity: 1, shownUnitPrice: 4990 }] },
          inactive,
        ),
      ).code,
    ).toBe('cart_prices_unconfirmed');
  });

  it('rounds PLN floats to grosze', () => {
    expect(grosze(0.1 + 0.2)).toBe(30);
    expect(grosze(19.99)).toBe(1999);
  });
});
