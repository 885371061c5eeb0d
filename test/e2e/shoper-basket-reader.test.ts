/**
 * The Shoper storefront script in real Chromium: a stand-in Shoper basket page (the storefront JS API
 * stand-in, the basket footer's "go on" link to step 2) loading the built script, and a stand-in Kasa
 * on another origin that records what the script sends and answers as told. The basket ref the
 * browser made is decoded with the server's own parser and compared with the stand-in's basket.
 */
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildStorefrontScript,
  bundleForBrowser,
} from '../../examples/shoper-app/scripts/build-storefront-script.mjs';
import { parseBasketRef } from '../../packages/adapters/shoper/src/basket-ref-parse.ts';
import { standInPrice } from '../../packages/adapters/shoper/src/storefront/stand-in.ts';
import { chromiumPath, launchChromium } from './browser.ts';
import { servePages } from './page-server.ts';

/** The stand-in's basket: a mug bought twice, a T-shirt in its size-M stock, the InPost locker chosen. */
const BASKET = {
  products: [
    { id: 'a1', productId: 12, variantId: 34, quantity: 2, name: 'Kubek', price: standInPrice(49.99) },
    { id: 'b2', productId: 7, variantId: 701, quantity: 3, name: 'Koszulka M', price: standInPrice(12.5, 8) },
  ],
  shippings: [
    { id: 3, name: 'Kurier DPD', isSelected: false, isPickupPointDelivery: false, pickupPoint: null },
    {
      id: 5,
      name: 'InPost Paczkomat 24/7',
      isSelected: true,
      isPickupPointDelivery: true,
      pickupPoint: { code: 'KRA010', supplier: { code: 'inpost', name: 'InPost' } },
    },
  ],
  // The basket feature initializes after the page, as Shoper documents: the script must wait for it.
  initializeAfterMs: 300,
};

const WIDGET = `customElements.define('kasa-checkout', class extends HTMLElement {
  connectedCallback() { this.dataset.upgraded = ''; }
});`;

describe.skipIf(!chromiumPath)('the Shoper storefront script (real Chromium)', () => {
  let browser: Browser;
  let shop: { server: Server; url: string };
  let kasa: { server: Server; url: string };
  let script = '';
  let standInScript = '';
  const asked: { method: string; path: string; body: string }[] = [];
  let answer: 'created' | 'prices_unconfirmed' = 'created';

  beforeAll(async () => {
    [script, standInScript] = await Promise.all([
      buildStorefrontScript(),
      bundleForBrowser(fileURLToPath(new URL('../examples/shoper-app/stand-in-page.ts', import.meta.url))),
    ]);
    browser = await launchChromium();
    kasa = await servePages((request, body, response) => {
      response.setHeader('access-control-allow-origin', shop.url);
      response.setHeader('access-control-allow-headers', 'content-type');
      response.setHeader('access-control-allow-methods', 'POST, PUT');
      if (request.method === 'OPTIONS') return void response.writeHead(204).end();
      const path = request.url ?? '/';
      if (path === '/widget/kasa-checkout.js') {
        return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(WIDGET);
      }
      asked.push({ method: request.method ?? '', path, body });
      const json = { 'content-type': 'application/json' };
      if (request.method === 'POST' && path === '/api/checkouts' && answer === 'prices_unconfirmed') {
        const error = { code: 'cart_prices_unconfirmed', message: 'Ceny w koszyku właśnie się zmieniły.' };
        return void response.writeHead(409, json).end(JSON.stringify({ error }));
      }
      if (request.method === 'POST' && path === '/api/checkouts') {
        return void response.writeHead(201, json).end('{"id":"chk_shoper_1","status":"open"}');
      }
      if (request.method === 'PUT' && path === '/api/checkouts/chk_shoper_1/cart') {
        return void response.writeHead(200, json).end('{"id":"chk_shoper_1","status":"open"}');
      }
      response.writeHead(404, json).end('{"error":{"code":"not_found"}}');
    });
    shop = await servePages((request, _body, response) => {
      const url = new URL(request.url ?? '/', 'http://shop');
      const js = { 'content-type': 'text/javascript' };
      if (url.pathname === '/kasa-shoper.js') return void response.writeHead(200, js).end(script);
      if (url.pathname === '/stand-in.js') return void response.writeHead(200, js).end(standInScript);
      const html = { 'content-type': 'text/html; charset=utf-8' };
      if (url.pathname === '/pl/basket/step2') {
        return void response.writeHead(200, html).end('<!doctype html><h1>Dostawa i płatność</h1>');
      }
      const basket = url.searchParams.get('basket');
      const standIn =
        basket === null
          ? ''
          : `<script>window.standInBasket = ${basket};</script><script src="/stand-in.js"></script>`;
      const api = url.searchParams.get('kasa') ?? kasa.url;
      const placement = url.searchParams.get('placement') ?? 'before';
      response.writeHead(200, html).end(`<!doctype html>
<html lang="pl"><head>${standIn}
<script src="/kasa-shoper.js" data-kasa-api="${api}" data-kasa-shop="sklep-testowy" data-kasa-placement="${placement}" defer></script>
</head><body><h1>Koszyk</h1>
<basket-summary-basket-footer basket-url="" url="/pl/basket/step2"><footer class="basket-summary__footer">
<p><a class="btn btn_primary btn_full-width" href="/pl/basket/step2">Przejdź dalej</a></p>
</footer></basket-summary-basket-footer></body></html>`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    shop?.server.close();
    kasa?.server.close();
  });

  beforeEach(() => {
    asked.length = 0;
    answer = 'created';
  });

  /** A basket page (with the stand-in API when a basket is given), once the script has settled. */
  async function openBasket(options: { basket?: object; kasa?: string; placement?: 'replace' }) {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    const query = new URLSearchParams();
    if (options.basket) query.set('basket', JSON.stringify(options.basket));
    if (options.kasa) query.set('kasa', options.kasa);
    if (options.placement) query.set('placement', options.placement);
    await page.goto(`${shop.url}/pl/basket?${query}`);
    await page.waitForSelector('html[data-kasa-shoper]', { state: 'attached' });
    const outcome = await page.getAttribute('html', 'data-kasa-shoper');
    return { page, problems, outcome };
  }

  /** The shop's own checkout still leads on: its link is visible and takes the shopper to step 2. */
  async function expectShopCheckoutWorks(page: Page) {
    expect(await page.isVisible('a[href="/pl/basket/step2"]')).toBe(true);
    await Promise.all([page.waitForURL('**/pl/basket/step2'), page.click('a[href="/pl/basket/step2"]')]);
    expect(await page.textContent('h1')).toBe('Dostawa i płatność');
  }

  it("reads the basket in the browser into a ref the server decodes to the stand-in's basket, and mounts Kasa's checkout", async () => {
    const { page, problems, outcome } = await openBasket({ basket: BASKET });
    expect(outcome).toBe('mounted');
    const created = asked.filter((call) => call.method === 'POST');
    expect(created).toHaveLength(1);
    const body = JSON.parse(created[0]?.body ?? '{}');
    expect(body.locale).toBe('pl');
    expect(parseBasketRef(body.cartRef)).toEqual({
      lines: [
        { productId: 12, stockId: 34, quantity: 2, shownUnitPrice: 4999 },
        { productId: 7, stockId: 701, quantity: 3, shownUnitPrice: 1250 },
      ],
      shippingId: 5,
    });
    const element = await page.waitForSelector('kasa-checkout[data-upgraded]', { state: 'attached' });
    expect(
      await element.evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]))),
    ).toEqual({
      api: kasa.url,
      checkout: 'chk_shoper_1',
      lang: 'pl',
      shop: 'sklep-testowy',
      'data-upgraded': '',
    });
    // Kasa's checkout stands just before the shop's button, which stays (placement 'before').
    expect(await element.evaluate((el) => el.nextElementSibling?.getAttribute('href'))).toBe(
      '/pl/basket/step2',
    );
    expect(problems).toEqual([]);
    await expectShopCheckoutWorks(page);
    await page.close();
  });

  it('hands a basket changed on the page to the same checkout (PUT …/cart)', async () => {
    const { page, outcome } = await openBasket({ basket: BASKET });
    expect(outcome).toBe('mounted');
    await page.evaluate(() => {
      const { standIn, standInBasket } = window as unknown as {
        standIn: { setProducts(products: unknown[]): void };
        standInBasket: { products: { quantity: number }[] };
      };
      standIn.setProducts([{ ...standInBasket.products[0], quantity: 5 }]);
    });
    await expect.poll(() => asked.filter((call) => call.method === 'PUT').length).toBe(1);
    const put = asked.find((call) => call.method === 'PUT');
    expect(put?.path).toBe('/api/checkouts/chk_shoper_1/cart');
    expect(parseBasketRef(JSON.parse(put?.body ?? '{}').cartRef)).toEqual({
      lines: [{ productId: 12, stockId: 34, quantity: 5, shownUnitPrice: 4999 }],
      shippingId: 5,
    });
    // The stand-in widget renders nothing, so the element is attached rather than visible.
    expect(await page.$('kasa-checkout[checkout="chk_shoper_1"]')).not.toBeNull();
    await page.close();
  });

  it("with placement 'replace' hides the shop's button while Kasa's checkout is there, and gives it back when the basket empties", async () => {
    const { page, problems, outcome } = await openBasket({ basket: BASKET, placement: 'replace' });
    expect(outcome).toBe('mounted');
    expect(await page.isHidden('a[href="/pl/basket/step2"]')).toBe(true);
    await page.evaluate(() => {
      (window as unknown as { standIn: { setProducts(products: unknown[]): void } }).standIn.setProducts([]);
    });
    await page.waitForSelector('kasa-checkout', { state: 'detached' });
    expect(asked.filter((call) => call.method === 'PUT')).toEqual([]);
    expect(problems).toEqual([]);
    await expectShopCheckoutWorks(page);
    await page.close();
  });

  it("on 409 cart_prices_unconfirmed mounts nothing and leaves the shop's checkout button working", async () => {
    answer = 'prices_unconfirmed';
    const { page, problems, outcome } = await openBasket({ basket: BASKET });
    expect(outcome).toBe('cart_prices_unconfirmed');
    expect(asked.map((call) => call.method)).toEqual(['POST']);
    expect(await page.$('kasa-checkout')).toBeNull();
    // Only Chromium's own line for the refused request; the script itself throws and logs nothing.
    expect(problems).toEqual([expect.stringMatching(/^console: Failed to load resource: .*409/)]);
    await expectShopCheckoutWorks(page);
    await page.close();
  });

  it("when Kasa cannot be reached, mounts nothing and leaves the shop's checkout button working", async () => {
    const closed = await servePages(() => undefined);
    closed.server.close();
    const { page, problems, outcome } = await openBasket({ basket: BASKET, kasa: closed.url });
    expect(outcome).toBe('kasa_unreachable');
    expect(await page.$('kasa-checkout')).toBeNull();
    expect(problems.every((problem) => problem.startsWith('console: Failed to load resource'))).toBe(true);
    await expectShopCheckoutWorks(page);
    await page.close();
  });

  it('on a page without the storefront JS API does nothing and throws nothing', async () => {
    const { page, problems, outcome } = await openBasket({});
    expect(outcome).toBe('api_missing');
    expect(asked).toEqual([]);
    expect(await page.$('kasa-checkout')).toBeNull();
    expect(problems).toEqual([]);
    await expectShopCheckoutWorks(page);
    await page.close();
  });

  it('with an empty basket asks Kasa nothing', async () => {
    const { page, problems, outcome } = await openBasket({ basket: { ...BASKET, products: [] } });
    expect(outcome).toBe('basket_empty');
    expect(asked).toEqual([]);
    expect(await page.$('kasa-checkout')).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  });
});
