import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kasa, readyCheckout, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa();
});
afterAll(() => kasa.close());

const products = () => kasa.sandbox.listProducts().map((p) => p.id);

describe('PUT /api/checkouts/:id/cart', () => {
  it('points the checkout at the changed cart, whose lines and totals it then shows', async () => {
    const [first = '', second = ''] = products();
    const cartRef = await kasa.sandbox.createCart([{ productId: first, quantity: 1 }]);
    const created = await kasa.api('POST', '/api/checkouts', { cartRef });
    const changedRef = await kasa.sandbox.createCart([
      { productId: first, quantity: 3 },
      { productId: second, quantity: 1 },
    ]);
    const changed = await kasa.api('PUT', `/api/checkouts/${created.body.id}/cart`, { cartRef: changedRef });
    expect(changed.status).toBe(200);
    expect(changed.body.cart.lines.map((l: { quantity: number }) => l.quantity)).toEqual([3, 1]);
    expect(changed.body.totals.total.amount).toBeGreaterThan(created.body.totals.total.amount);
    const read = await kasa.api('GET', `/api/checkouts/${created.body.id}`);
    expect(read.body.cart).toEqual(changed.body.cart);
  });

  it('refuses an unknown cart and a malformed body, keeping the cart it had', async () => {
    const cartRef = await kasa.sandbox.createCart([{ productId: products()[0] ?? '', quantity: 1 }]);
    const { body } = await kasa.api('POST', '/api/checkouts', { cartRef });
    const unknown = await kasa.api('PUT', `/api/checkouts/${body.id}/cart`, { cartRef: 'cart_nope' });
    expect(unknown.body.error.code).toBe('cart_not_found');
    expect((await kasa.api('PUT', `/api/checkouts/${body.id}/cart`, { cart: cartRef })).status).toBe(400);
    expect((await kasa.api('GET', `/api/checkouts/${body.id}`)).body.cart).toEqual(body.cart);
  });

  it('refuses once the order exists: the platform has that cart', async () => {
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const other = await kasa.sandbox.createCart([{ productId: products()[1] ?? '', quantity: 1 }]);
    const refused = await kasa.api('PUT', `/api/checkouts/${id}/cart`, { cartRef: other });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('checkout_locked');
  });
});
