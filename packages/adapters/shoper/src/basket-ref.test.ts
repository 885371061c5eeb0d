import { describe, expect, it } from 'vitest';
import { encodeBasketRef, type ShoperBasket } from './basket-ref.ts';
import { parseBasketRef } from './basket-ref-parse.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('the Shoper basket ref', () => {
  it('carries the lines and the chosen shipping from the browser to the server unchanged', () => {
    const basket: ShoperBasket = {
      lines: [
        { productId: 12, stockId: 34, quantity: 2, shownUnitPrice: 4999 },
        { productId: 13, stockId: 35, quantity: 1, shownUnitPrice: 0 },
      ],
      shippingId: 7,
    };
    const ref = encodeBasketRef(basket);
    expect(ref).toMatch(/^shoper1\.[A-Za-z0-9_-]+$/);
    expect(parseBasketRef(ref)).toEqual(basket);
    const { shippingId: _none, ...withoutShipping } = basket;
    expect(parseBasketRef(encodeBasketRef(withoutShipping))).toEqual(withoutShipping);
  });

  it('holds a 100-line basket within the API’s 4,096-character cart ref', () => {
    const lines = Array.from({ length: 100 }, (_, i) => ({
      productId: 100_000 + i,
      stockId: 200_000 + i,
      quantity: 12,
      shownUnitPrice: 1_234_567,
    }));
    expect(encodeBasketRef({ lines, shippingId: 99_999 }).length).toBeLessThanOrEqual(4096);
  });

  it('refuses another platform’s ref, a damaged ref and an impossible line as an unknown cart', () => {
    const good = encodeBasketRef({ lines: [{ productId: 1, stockId: 1, quantity: 1, shownUnitPrice: 100 }] });
    expect(codeOf(() => parseBasketRef('cart_abc'))).toBe('cart_not_found');
    expect(codeOf(() => parseBasketRef(`${good.slice(0, -3)}!!!`))).toBe('cart_not_found');
    const zero = encodeBasketRef({ lines: [{ productId: 1, stockId: 1, quantity: 0, shownUnitPrice: 100 }] });
    expect(codeOf(() => parseBasketRef(zero))).toBe('cart_not_found');
    expect(codeOf(() => parseBasketRef(encodeBasketRef({ lines: [] })))).toBe('cart_not_found');
  });
});
