import { createServer } from 'node:http';
import { configSchema, createRuntime, freePort, listen } from '@kasa/server';
import { loadWidgetAssets, renderCheckoutFragment } from '@kasa/widget/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Not a dependency of the root package: the Shopify fake is taken from its source.
import { createShopifyFake, type ShopifyFake } from '../../packages/adapters/shopify/src/fake/index.ts';
import { chromiumPath, launchChromium } from './browser.ts';
import { fillContact } from './checkout-page.ts';

/**
 * A Shopify store in mode A in real Chromium: Kasa's widget asks contact and the InPost locker, and
 * "Przejdź do płatności" hands the shopper to Shopify's checkout (the fake's cart URL) with the cart
 * carrying the locker and Kasa's checkout id.
 */
describe.skipIf(!chromiumPath)(
  'the widget hands a Shopify mode A checkout to Shopify (real Chromium)',
  () => {
    let browser: Browser;
    let fake: ShopifyFake;
    let runtime: ReturnType<typeof createRuntime>;
    let servers: { close(done: (error?: Error) => void): unknown }[] = [];
    let apiUrl = '';
    let shopUrl = '';

    beforeAll(async () => {
      fake = await createShopifyFake();
      const [apiPort, shopPort] = [await freePort(), await freePort()];
      apiUrl = `http://127.0.0.1:${apiPort}`;
      shopUrl = `http://127.0.0.1:${shopPort}`;
      const config = configSchema.parse({
        port: apiPort,
        databaseFile: ':memory:',
        allowedOrigins: [shopUrl],
        logLevel: 'warn',
        rateLimit: { max: 10_000 },
        store: { platform: 'shopify', ...fake.config, mode: 'A', customApp: false },
      });
      runtime = createRuntime({
        config,
        publicUrl: apiUrl,
        widget: { assets: await loadWidgetAssets(), render: renderCheckoutFragment },
      });
      // The shop's page: Kasa's server-rendered fragment, as a theme's loader puts it in the page.
      const shop = createServer(async (req, res) => {
        const id = new URL(req.url ?? '/', shopUrl).searchParams.get('checkout') ?? '';
        const fragment = await (await fetch(`${apiUrl}/api/checkouts/${id}/fragment`)).text();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>Kasa</title></head><body>${fragment}</body></html>`,
        );
      });
      servers = [await listen(runtime.app.fetch, apiPort), shop.listen(shopPort, '127.0.0.1')];
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      runtime?.close();
      await fake?.close();
    });

    it('asks contact and a locker, then lands on Shopify’s checkout with the locker and the checkout id', async () => {
      const cartRef = await fake.createCart([{ productId: 'kawa-etiopia-250', quantity: 2 }]);
      const created = await fetch(`${apiUrl}/api/checkouts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: shopUrl },
        body: JSON.stringify({ cartRef }),
      });
      const { id } = (await created.json()) as { id: string };

      const context = await browser.newContext({ locale: 'pl-PL' });
      const page = await context.newPage();
      page.setDefaultTimeout(8_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // Shopify's checkout is the fake's: the browser is answered here instead of leaving for the internet.
      await page.route(/^https:\/\/[a-z0-9-]+\.myshopify\.com\//, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Shopify checkout</h1>' }),
      );
      await page.goto(`${shopUrl}/kasa?checkout=${id}`);
      await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });

      // No payment section: contact and delivery, then the hand-off button.
      expect(await page.getByRole('button', { name: 'Kupuję i płacę' }).count()).toBe(0);
      expect(await page.getByRole('radio', { name: /BLIK/ }).count()).toBe(0);
      await fillContact(page);
      await page.getByRole('radio', { name: /Paczkomat/ }).check();
      await page.getByLabel('Kod pocztowy lub miejscowość').fill('30-001');
      await page.getByRole('button', { name: 'Szukaj' }).click();
      const point = page.getByRole('radio', { name: /KRA\w+/ }).first();
      await point.check();
      const pointId = (await point.getAttribute('value')) ?? '';
      expect(pointId).toMatch(/^KRA/);

      await page.getByRole('button', { name: 'Przejdź do płatności' }).click();
      await page.waitForURL(/^https:\/\/[a-z0-9-]+\.myshopify\.com\/cart\/c\//);
      expect(await page.getByRole('heading', { name: 'Shopify checkout' }).count()).toBe(1);

      const token = /\/cart\/c\/([^?]+)/.exec(page.url())?.[1];
      const cart = fake.storefront.carts.all().find((c) => c.token === token);
      expect(cart?.attributes).toEqual(
        expect.arrayContaining([
          { key: 'kasa_checkout_id', value: id },
          { key: 'inpost_point', value: pointId },
        ]),
      );
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
