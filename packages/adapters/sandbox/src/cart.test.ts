import { KasaError, money } from '@kasa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxAdapter, type SandboxAdapter } from './adapter.ts';

let shop: SandboxAdapter;
afterEach(() => shop.close());

const codeOf = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KasaError);
  return error as KasaError;
};

describe('sandbox carts', () => {
  it('prices lines from the catalogue: total = unit price × quantity, subtotal = sum', async () => {
    shop = createSandboxAdapter();
    const ref = await shop.createCart([
      { productId: 'kawa-etiopia-250', quantity: 2 },
      { productId: 'ksiazka-kawa', quantity: 1 },
    ]);
    const cart = await shop.getCart(ref);
    expect(cart.ref).toBe(ref);
    expect(cart.currency).toBe('PLN');
    expect(cart.lines.map((l) => [l.productId, l.unitPrice.amount, l.total.amount, l.vatRate])).toEqual([
      ['kawa-etiopia-250', 4990, 9980, 23],
      ['ksiazka-kawa', 5990, 5990, 5],
    ]);
    expect(cart.subtotal).toEqual(money(15970));
  });

  it('refuses lines that carry a price: prices come only from the catalogue', async () => {
    shop = createSandboxAdapter();
    const lines = [{ productId: 'kubek-350', quantity: 1, unitPrice: money(1) }];
    expect((await codeOf(shop.createCart(lines))).code).toBe('body_invalid');
  });

  it('gives each cart an unguessable ref', async () => {
    shop = createSandboxAdapter();
    const a = await shop.createCart([{ productId: 'kubek-350', quantity: 1 }]);
    const b = await shop.createCart([{ productId: 'kubek-350', quantity: 1 }]);
    expect(a).toMatch(/^cart_[A-Za-z0-9_-]{24}$/);
    expect(a).not.toBe(b);
  });

  it('answers cart_not_found for an unknown ref', async () => {
    shop = createSandboxAdapter();
    expect((await codeOf(shop.getCart('cart_nope'))).code).toBe('cart_not_found');
  });

  it('refuses an empty cart', async () => {
    shop = createSandboxAdapter();
    expect((await codeOf(shop.createCart([]))).code).toBe('cart_empty');
  });

  it('refuses unknown products and quantities outside 1–99 with details', async () => {
    shop = createSandboxAdapter();
    const unknown = await codeOf(shop.createCart([{ productId: 'nope', quantity: 1 }]));
    expect(unknown.code).toBe('body_invalid');
    expect(unknown.details).toEqual({
      issues: [{ path: 'lines.0.productId', message: 'unknown_product', productId: 'nope' }],
    });
    for (const quantity of [0, 100, 1.5]) {
      const error = await codeOf(shop.createCart([{ productId: 'kubek-350', quantity }]));
      expect(error.code).toBe('body_invalid');
    }
  });

  it('merges repeated products and checks the merged quantity', async () => {
    shop = createSandboxAdapter();
    const ref = await shop.createCart([
      { productId: 'kubek-350', quantity: 2 },
      { productId: 'kubek-350', quantity: 3 },
    ]);
    expect((await shop.getCart(ref)).lines.map((l) => l.quantity)).toEqual([5]);
    const over = shop.createCart([
      { productId: 'kubek-350', quantity: 60 },
      { productId: 'kubek-350', quantity: 40 },
    ]);
    expect((await codeOf(over)).code).toBe('body_invalid');
  });

  it('refuses more than 50 lines', async () => {
    shop = createSandboxAdapter();
    const lines = Array.from({ length: 51 }, () => ({ productId: 'kubek-350', quantity: 1 }));
    expect((await codeOf(shop.createCart(lines))).code).toBe('body_invalid');
  });

  it('quotes shipping from the cart subtotal', async () => {
    shop = createSandboxAdapter({ freeShippingThreshold: money(5000) });
    const ref = await shop.createCart([{ productId: 'kawa-brazylia-500', quantity: 1 }]);
    const [locker] = await shop.quoteShipping({ cart: await shop.getCart(ref) });
    expect(locker?.id).toBe('inpost_locker');
    expect(locker?.price).toEqual(money(0));
  });
});
