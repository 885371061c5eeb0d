/**
 * The cart block's loader in real Chromium: a stand-in shop page (the rendered block, `/cart.js`,
 * `/cart/update.js`, Shopify's Customer Privacy API, the theme's own checkout button) and a stand-in
 * Kasa that records what the loader asks of it and answers the shopify-step assignment it is told.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_ROOT, renderBlock } from '../../../examples/shopify-app/theme/render-block.ts';
import { chromiumPath, launchChromium } from '../../e2e/browser.ts';
import { servePages } from '../../e2e/page-server.ts';

const LOADER = new URL(
  '../../../examples/shopify-app/extensions/kasa-checkout-block/assets/kasa-loader.js',
  import.meta.url,
);
const CART_TOKEN = 'hWN9TqZ0aXJ5?key=2f1c9b';

describe.skipIf(!chromiumPath)("the cart block's loader (real Chromium)", () => {
  let browser: Browser;
  let shop: { server: Server; url: string };
  let kasa: { server: Server; url: string };
  const asked: { method: string; url: string; body: string }[] = [];
  const assignmentsAsked: URL[] = [];
  const cartUpdates: unknown[] = [];
  let kasaFails = false;
  const NO_EXPERIMENT = { experiment: null, variation: 'kasa-step', inExperiment: false };
  let assignment: object = NO_EXPERIMENT;

  beforeAll(async () => {
    browser = await launchChromium();
    kasa = await servePages((request, body, response) => {
      response.setHeader('access-control-allow-origin', '*');
      response.setHeader('access-control-allow-headers', 'content-type');
      if (request.method === 'OPTIONS') return void response.writeHead(204).end();
      const url = new URL(request.url ?? '/', kasa.url);
      if (url.pathname === '/api/experiments/assignment') {
        assignmentsAsked.push(url);
        if (kasaFails) return void response.writeHead(503).end();
        return void response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(assignment));
      }
      asked.push({ method: request.method ?? '', url: request.url ?? '', body });
      if (kasaFails) return void response.writeHead(503).end();
      if (request.method === 'POST' && request.url === '/api/checkouts') {
        return void response
          .writeHead(201, { 'content-type': 'application/json' })
          .end('{"id":"chk_from_cart"}');
      }
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<section id="kasa-step">Kasa</section><script>window.kasaStepRan = true;</script>');
    });
    shop = await servePages(async (request, body, response) => {
      const path = new URL(request.url ?? '/', 'http://shop').pathname;
      if (path === '/cart/update.js' && request.method === 'POST') {
        cartUpdates.push(JSON.parse(body));
        return void response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      }
      if (path === '/cart.js') {
        return void response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ token: CART_TOKEN, item_count: 2 }));
      }
      if (path === '/assets/kasa-loader.js') {
        return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(LOADER));
      }
      const consent = path === '/cart-consented';
      const block = (
        await renderBlock({
          settings: { kasa_server_url: kasa.url, shop_id: 'herbaciarnia', button_label: '' },
          cart: { item_count: 2 },
          locale: 'pl',
        })
      ).replace(ASSET_ROOT, '/assets/');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html><head><script>
  window.Shopify = { customerPrivacy: { analyticsProcessingAllowed: () => ${consent} } };
  document.cookie = 'kasa_vid=vis_7Hq2; path=/';
</script></head><body>${block}<button type="submit" name="checkout">Realizuj zamówienie</button></body></html>`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    shop?.server.close();
    kasa?.server.close();
  });

  /** The cart page, once the loader has settled what the block offers. */
  async function openCart(path: string) {
    asked.length = 0;
    assignmentsAsked.length = 0;
    cartUpdates.length = 0;
    const page = await browser.newPage();
    await page.goto(`${shop.url}${path}`);
    await page.waitForSelector('.kasa-checkout-block[data-kasa-assigned]', { state: 'attached' });
    return page;
  }

  async function clickIn(path: string) {
    const page = await openCart(path);
    await page.click('[data-kasa-open]');
    return page;
  }

  it("starts a Kasa checkout for the Shopify cart and puts Kasa's step into the block, with the visitor id only with consent", async () => {
    const page = await clickIn('/cart-consented');
    await page.waitForSelector('#kasa-step');
    expect(await page.evaluate(() => (window as { kasaStepRan?: boolean }).kasaStepRan)).toBe(true);
    expect(await page.isHidden('[data-kasa-open]')).toBe(true);
    expect(JSON.parse(asked[0]?.body ?? '{}')).toEqual({
      cartRef: `gid://shopify/Cart/${CART_TOKEN}`,
      locale: 'pl',
    });
    const fragment = new URL(asked[1]?.url ?? '', kasa.url);
    expect(fragment.pathname).toBe('/api/checkouts/chk_from_cart/fragment');
    expect(Object.fromEntries(fragment.searchParams)).toEqual({ lang: 'pl', visitor: 'vis_7Hq2' });
    await page.close();

    const declined = await clickIn('/cart');
    await declined.waitForSelector('#kasa-step');
    expect(new URL(asked[1]?.url ?? '', kasa.url).searchParams.has('visitor')).toBe(false);
    await declined.close();
  });

  it("in the shopify-step experiment's control, hides Kasa's block, keeps the shop's button and writes the arm into the cart", async () => {
    assignment = { experiment: 'shopify-step', variation: 'shopify-checkout', inExperiment: true };
    try {
      const page = await openCart('/cart-consented');
      expect(Object.fromEntries(assignmentsAsked[0]?.searchParams ?? [])).toEqual({
        shop: 'herbaciarnia',
        visitor: 'vis_7Hq2',
      });
      expect(await page.isHidden('.kasa-checkout-block')).toBe(true);
      expect(await page.isHidden('[data-kasa-open]')).toBe(true);
      expect(await page.isVisible('button[name="checkout"]')).toBe(true);
      expect(cartUpdates).toEqual([
        { attributes: { kasa_visitor_id: 'vis_7Hq2', kasa_experiments: 'shopify-step:shopify-checkout' } },
      ]);
      expect(asked).toEqual([]);
      await page.close();
    } finally {
      assignment = NO_EXPERIMENT;
    }
  });

  it("in the kasa-step arm, writes the arm into the cart and opens Kasa's step on a click", async () => {
    assignment = { experiment: 'shopify-step', variation: 'kasa-step', inExperiment: true };
    try {
      const page = await clickIn('/cart-consented');
      await page.waitForSelector('#kasa-step');
      expect(cartUpdates).toEqual([
        { attributes: { kasa_visitor_id: 'vis_7Hq2', kasa_experiments: 'shopify-step:kasa-step' } },
      ]);
      expect(new URL(asked[1]?.url ?? '', kasa.url).searchParams.get('visitor')).toBe('vis_7Hq2');
      await page.close();
    } finally {
      assignment = NO_EXPERIMENT;
    }
  });

  it('without consent, asks with no visitor id, writes nothing into the cart and shows what Kasa answers', async () => {
    assignment = { experiment: 'shopify-step', variation: 'shopify-checkout', inExperiment: false };
    try {
      const page = await openCart('/cart');
      expect(Object.fromEntries(assignmentsAsked[0]?.searchParams ?? [])).toEqual({ shop: 'herbaciarnia' });
      expect(await page.isHidden('.kasa-checkout-block')).toBe(true);
      expect(await page.isVisible('button[name="checkout"]')).toBe(true);
      expect(cartUpdates).toEqual([]);
      await page.close();
    } finally {
      assignment = NO_EXPERIMENT;
    }
    const page = await openCart('/cart');
    expect(await page.isVisible('[data-kasa-open]')).toBe(true);
    expect(cartUpdates).toEqual([]);
    await page.close();
  });

  it("shows the block's error and lets the shopper try again when Kasa does not answer", async () => {
    kasaFails = true;
    try {
      const page = await clickIn('/cart-consented');
      await page.waitForSelector('[data-kasa-error]:not([hidden])');
      expect(await page.isEnabled('[data-kasa-open]')).toBe(true);
      expect(await page.textContent('[data-kasa-error]')).toContain('Nie udało się');
      await page.close();
    } finally {
      kasaFails = false;
    }
  });
});
