/**
 * The whole Shoper loop in real Chromium: a Shoper basket page (the storefront JS API stand-in,
 * holding a basket of the fake shop's products) loads the built storefront script, which hands the
 * basket to the real Kasa server selling through the Shoper adapter to the Shoper fake; the shopper
 * buys in Kasa's widget with the InPost locker and BLIK, and the shop ends up with one paid order.
 */
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseBasketRef } from '@kasa/adapter-shoper';
import { createShoperFake, type ShoperFake } from '@kasa/adapter-shoper/fake';
import { standInPrice } from '@kasa/adapter-shoper/storefront';
import { configSchema, createRuntime, freePort, listen } from '@kasa/server';
import { loadWidgetAssets, renderCheckoutFragment } from '@kasa/widget/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildStorefrontScript,
  bundleForBrowser,
} from '../../examples/shoper-app/scripts/build-storefront-script.mjs';
import { chromiumPath, launchChromium } from './browser.ts';
import { buy, chooseLocker, enterBlik, fillContact, waitForPaid } from './checkout-page.ts';
import { servePages } from './page-server.ts';

describe.skipIf(!chromiumPath)('buying on a Shoper basket page through Kasa (real Chromium)', () => {
  let browser: Browser;
  let fake: ShoperFake;
  let runtime: ReturnType<typeof createRuntime>;
  let api: Awaited<ReturnType<typeof listen>>;
  let shop: { server: Server; url: string };

  beforeAll(async () => {
    fake = await createShoperFake();
    const [apiPort, shopPort] = [await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const shopUrl = `http://127.0.0.1:${shopPort}`;
    const config = configSchema.parse({
      port: apiPort,
      databaseFile: ':memory:',
      allowedOrigins: [shopUrl],
      logLevel: 'warn',
      rateLimit: { max: 10_000 },
      sandbox: { blikApproveAfterMs: 500, blikApprovalWindowMs: 4_000 },
      store: { platform: 'shoper', ...fake.config },
    });
    const widget = await loadWidgetAssets();
    runtime = createRuntime({
      config,
      publicUrl: apiUrl,
      widget: { assets: widget, render: renderCheckoutFragment },
    });
    api = await listen(runtime.app.fetch, apiPort);

    // The basket Shoper's page shows: two of the first product, at the shop's price.
    const [product] = fake.products;
    if (!product) throw new Error('the fake has no products');
    const { lines } = parseBasketRef(await fake.createCart([{ productId: product.id, quantity: 2 }]));
    const basket = {
      products: lines.map((line, i) => ({
        id: `line-${i}`,
        productId: line.productId,
        variantId: line.stockId,
        quantity: line.quantity,
        name: product.name,
        price: standInPrice(line.shownUnitPrice / 100),
      })),
      shippings: [],
    };
    const [script, standIn] = await Promise.all([
      buildStorefrontScript(),
      bundleForBrowser(fileURLToPath(new URL('../examples/shoper-app/stand-in-page.ts', import.meta.url))),
    ]);
    shop = await servePages((request, _body, response) => {
      const js = { 'content-type': 'text/javascript' };
      if (request.url === '/kasa-shoper.js') return void response.writeHead(200, js).end(script);
      if (request.url === '/stand-in.js') return void response.writeHead(200, js).end(standIn);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="pl"><head><title>Koszyk</title>
<script>window.standInBasket = ${JSON.stringify(basket)};</script><script src="/stand-in.js"></script>
<script src="/kasa-shoper.js" data-kasa-api="${apiUrl}" data-kasa-shop="sklep-testowy" defer></script>
</head><body><main><h1>Koszyk</h1>
<basket-summary-basket-footer basket-url="" url="/pl/basket/step2"><footer class="basket-summary__footer">
<p><a class="btn btn_primary" href="/pl/basket/step2">Przejdź dalej</a></p>
</footer></basket-summary-basket-footer></main></body></html>`);
    }, shopPort);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    shop?.server.close();
    await new Promise((resolve) => (api ? api.close(resolve) : resolve(undefined)));
    runtime?.close();
    await fake?.close();
  });

  /** Goes on to the next step when the checkout shows steps (the layout may be under a test). */
  async function onward(page: Page) {
    const next = page.getByRole('button', { name: 'Dalej' });
    if (await next.isVisible()) await next.click();
  }

  it('ends with one paid order in the shop, with the locker and the payment recorded', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${shop.url}/pl/basket`);
    await page.waitForSelector('html[data-kasa-shoper="mounted"]', { state: 'attached' });
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });

    await fillContact(page);
    await onward(page);
    const pointId = await chooseLocker(page);
    await onward(page);
    await enterBlik(page, '777123');
    await buy(page);
    await waitForPaid(page);

    await expect
      .poll(async () => fake.shop.platformOrders().filter((order) => order.paid), { timeout: 10_000 })
      .toHaveLength(1);
    const [order] = fake.shop.platformOrders();
    expect(order).toMatchObject({ paid: true, pickupPointId: pointId, transactionId: expect.any(String) });
    expect(errors).toEqual([]);
  });
});
