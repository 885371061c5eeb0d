import { type Cart, isDeepFrozen, money, type ShippingOption } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { createPlatformCache } from './platform-cache.ts';

const cartOf = (quantity: number): Cart => ({
  ref: 'r1',
  currency: 'PLN',
  lines: [
    {
      id: 'l1',
      productId: 'p1',
      name: 'Kawa',
      quantity,
      unitPrice: money(1000),
      total: money(1000 * quantity),
      vatRate: 23,
    },
  ],
  subtotal: money(1000 * quantity),
});

function setup() {
  let clock = 0;
  let quantity = 1;
  const calls: string[] = [];
  const cache = createPlatformCache(
    {
      getCart: async () => {
        calls.push('cart');
        return cartOf(quantity);
      },
      quoteShipping: async ({ destination }) => {
        calls.push(`quote ${destination?.postcode ?? '-'}`);
        return [] as ShippingOption[];
      },
    },
    () => clock,
  );
  return {
    cache,
    calls,
    tick: (ms: number) => {
      clock += ms;
    },
    change: () => {
      quantity += 1;
    },
  };
}

describe('the platform cache', () => {
  it('reuses a read younger than the caller allows, per checkout and postcode', async () => {
    const { cache, calls, tick } = setup();
    const cart = await cache.cart('chk_1', 'r1', 0);
    await cache.quote('chk_1', cart, undefined, 1_000);
    await cache.quote('chk_1', cart, '00-950', 1_000);
    tick(500);
    expect(await cache.cart('chk_1', 'r1', 1_000)).toBe(cart);
    await cache.quote('chk_1', cart, undefined, 1_000);
    await cache.quote('chk_1', cart, '00-950', 1_000);
    await cache.cart('chk_2', 'r1', 1_000);
    expect(calls).toEqual(['cart', 'quote -', 'quote 00-950', 'cart']);
  });

  it('reads again when asked for a fresher read, and forgets the quotes of a cart that changed', async () => {
    const { cache, calls, change } = setup();
    const first = await cache.cart('chk_1', 'r1', 0);
    await cache.quote('chk_1', first, undefined, 60_000);
    const same = await cache.cart('chk_1', 'r1', 0);
    expect(same).toBe(first);
    await cache.quote('chk_1', same, undefined, 60_000);
    change();
    const changed = await cache.cart('chk_1', 'r1', 0);
    expect(changed.lines[0]?.quantity).toBe(2);
    await cache.quote('chk_1', changed, undefined, 60_000);
    expect(calls).toEqual(['cart', 'quote -', 'cart', 'cart', 'quote -']);
  });

  it('hands out frozen copies, so the adapter may change what it answered and no caller can', async () => {
    const answered = cartOf(1);
    const options: ShippingOption[] = [
      {
        id: 'locker',
        carrier: 'inpost',
        kind: 'locker',
        name: 'Paczkomat',
        price: money(1299),
        eta: { minDays: 1, maxDays: 2 },
      },
    ];
    const cache = createPlatformCache({
      getCart: async () => answered,
      quoteShipping: async () => options,
    });
    const cart = await cache.cart('chk_1', 'r1', 0);
    const quoted = await cache.quote('chk_1', cart, undefined, 60_000);
    expect([isDeepFrozen(cart), isDeepFrozen(quoted)]).toEqual([true, true]);
    (answered.lines[0] as { quantity: number }).quantity = 5;
    (options[0] as { name: string }).name = 'changed';
    expect(cart.lines[0]?.quantity).toBe(1);
    expect(quoted[0]?.name).toBe('Paczkomat');
    expect(() => {
      (cart.lines[0] as { quantity: number }).quantity = 9;
    }).toThrow(TypeError);
  });
});
