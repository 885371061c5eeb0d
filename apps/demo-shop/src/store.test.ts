import { KasaError, money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { createDemoShop } from './app.ts';
import type { DemoStore } from './store.ts';

/** No Kasa behind these pages: the shop's own pages must not need it. */
const kasaDown = (async () => {
  throw new TypeError('fetch failed');
}) as typeof fetch;

/** A platform other than the sandbox, as the Kasa server hands one in for a local WooCommerce fake. */
function platformStore() {
  const carts: (readonly { productId: string; quantity: number }[])[] = [];
  const store: DemoStore = {
    label: 'WooCommerce (lokalna atrapa)',
    listProducts: () => [
      {
        id: '101',
        name: 'Kawa Etiopia 250 g',
        description: 'Z WooCommerce.',
        unitPrice: money(4990),
        vatRate: 23,
      },
      {
        id: '2-7',
        name: 'Kawa 1 kg – mielona',
        description: 'Wariant.',
        unitPrice: money(9490),
        vatRate: 23,
      },
    ],
    async createCart(lines) {
      carts.push(lines);
      return `token-${carts.length}`;
    },
    async getCart(ref) {
      if (!ref.startsWith('token-')) throw new KasaError('cart_not_found');
      return {};
    },
  };
  return { store, carts };
}

const form = (fields: Record<string, string>, cookie = '') => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  body: new URLSearchParams(fields).toString(),
});

describe('the demo shop on another platform', () => {
  it("lists that platform's catalogue, says what it runs on and prices the cookie cart from it", async () => {
    const { store } = platformStore();
    const app = createDemoShop({ store, kasaUrl: 'http://localhost:3000', fetch: kasaDown });
    const page = await (await app.request('/', { headers: { Cookie: 'demo_cart=101:2,2-7:1' } })).text();
    expect(page).toContain('Sklep działa na: WooCommerce (lokalna atrapa)');
    expect(page).toContain('name="productId" value="2-7"');
    expect(page).toContain('Produkty w koszyku: 3');
    expect(page).toContain('194,70'); // 2 × 49,90 + 94,90
    // A sandbox product is not in this shop: the cookie is ignored as tampered.
    const other = await (await app.request('/', { headers: { Cookie: 'demo_cart=kubek-350:1' } })).text();
    expect(other).toContain('Twój koszyk jest pusty.');
  });

  it('makes the cart on the platform and hands its ref to Kasa', async () => {
    const { store, carts } = platformStore();
    const app = createDemoShop({ store, kasaUrl: 'http://localhost:3000', fetch: kasaDown });
    const added = await app.request('/cart', form({ productId: '2-7', quantity: '2' }));
    expect(added.status).toBe(303);
    const cookie = /demo_cart=[^;]*/.exec(added.headers.get('set-cookie') ?? '')?.[0] ?? '';
    expect(decodeURIComponent(cookie)).toBe('demo_cart=2-7:2');
    expect((await app.request('/cart', form({ productId: 'kubek-350' }))).headers.get('location')).toBe(
      '/?komunikat=produkt#koszyk',
    );
    const checkout = await app.request('/checkout', form({}, cookie));
    expect(checkout.headers.get('location')).toBe('/kasa?cart=token-1');
    expect(carts).toEqual([[{ productId: '2-7', quantity: 2 }]]);
  });
});
