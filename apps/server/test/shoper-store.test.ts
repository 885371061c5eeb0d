import { encodeBasketRef, parseBasketRef } from '@kasa/adapter-shoper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KasaOnFake, startKasaOnFake } from './harness.ts';

/**
 * A Shoper basket reaches Kasa from the shopper's browser, so its prices are a claim: the server
 * prices it again from Shoper's REST API and starts no checkout on a price it cannot confirm.
 */
describe('a Shoper basket handed to Kasa by the storefront script', () => {
  let kasa: KasaOnFake;
  beforeAll(async () => {
    kasa = await startKasaOnFake('shoper-fake');
  });
  afterAll(() => kasa?.close());

  /** The basket the shop's page shows, as its storefront script hands it over. */
  async function shownBasket() {
    const [product] = kasa.demoStore.listProducts();
    if (!product) throw new Error('the fake has no products');
    const ref = await kasa.demoStore.createCart([{ productId: product.id, quantity: 2 }]);
    return { product, basket: parseBasketRef(ref) };
  }

  it('starts the checkout at the prices Shoper confirms', async () => {
    const { product, basket } = await shownBasket();
    const created = await kasa.api('POST', '/api/checkouts', { cartRef: encodeBasketRef(basket) });
    expect(created.status).toBe(201);
    expect(created.body.cart.lines).toMatchObject([{ quantity: 2, unitPrice: product.unitPrice }]);
  });

  it('refuses a basket showing a price the shop does not charge, in Polish and in English, and stores nothing', async () => {
    const { basket } = await shownBasket();
    const [line] = basket.lines;
    if (!line) throw new Error('the basket is empty');
    // A page tampered with in the browser (or a price changed since the page loaded): 1 grosz.
    const claimed = encodeBasketRef({ ...basket, lines: [{ ...line, shownUnitPrice: 1 }] });
    const before = kasa.runtime.db.prepare('SELECT COUNT(*) AS n FROM kasa_checkouts').get() as { n: number };

    const refused = await kasa.api('POST', '/api/checkouts', { cartRef: claimed });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('cart_prices_unconfirmed');
    expect(refused.body.error.message).toMatch(/Ceny w koszyku/);
    const english = await kasa.api(
      'POST',
      '/api/checkouts',
      { cartRef: claimed },
      { 'accept-language': 'en' },
    );
    expect(english.body.error.message).toMatch(/prices in your basket/);
    expect(english.body.error.merchantMessage).toMatch(/shop API does not confirm/);

    const after = kasa.runtime.db.prepare('SELECT COUNT(*) AS n FROM kasa_checkouts').get() as { n: number };
    expect(after.n).toBe(before.n);
  });

  it('answers a ref that is not a Shoper basket as an unknown cart', async () => {
    const refused = await kasa.api('POST', '/api/checkouts', { cartRef: 'shoper1.bm90LWpzb24' });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('cart_not_found');
  });
});
