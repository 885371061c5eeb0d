/**
 * The shopper's whole path on the real PrestaShop storefront (classic theme), in Debian's Chromium:
 * the coffee added on its product page, the cart page starting the cart's Kasa checkout (and queuing
 * `view_cart`), "Proceed to checkout" sent by the Kasa module (with "Replace the shop's checkout" on)
 * to its checkout page with Kasa's server-rendered widget, a parcel locker and BLIK there, served by
 * a Kasa server selling for this shop; then the order as the webservice shows it. And the fallback:
 * with Kasa unreachable, "Proceed to checkout" still ends on the shop's own checkout.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumPath, launchChromium, SCREENSHOTS } from '../../../../../test/e2e/browser.ts';
import { fillEnglishCheckout } from '../../../../../test/e2e/english-checkout.ts';
import type { KasaForShop } from '../../../../../test/e2e/shop-server.ts';
import { kasaOrders, type RealContext } from './harness.ts';
import { configureKasaModule } from './module.ts';

const PUBLIC_KEY = 'pk_kasa_tests';

/** An order as `GET /api/orders?display=full` gives it (numbers as strings). */
interface WsOrder {
  id: number;
  id_cart: string;
  id_address_delivery: string;
  id_carrier: string;
  current_state: string;
  module: string;
  payment: string;
  total_paid: string;
  total_products_wt: string;
  total_shipping: string;
  associations?: { order_rows?: { product_reference: string; product_quantity: string }[] };
}

/** The webservice answers `[]` instead of `{ orders: [] }` when a list is empty. */
const listOf = <T>(body: unknown, key: string): T[] =>
  Array.isArray(body) ? [] : (((body as Record<string, T[]> | undefined)?.[key] ?? []) as T[]);

export function describeShopperPath(context: () => RealContext): void {
  if (!chromiumPath) {
    describe("the shopper's whole path in Chromium", () => {
      it.skip('skipped: Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH)', () => {});
    });
    return;
  }

  describe("the shopper's whole path in Chromium", () => {
    let browser: Browser | undefined;
    let server: KasaForShop | undefined;
    let apiUrl = '';

    beforeAll(async () => {
      // The Kasa server and its widget load only for this test (the other real tests need neither).
      const { startKasaForShop } = await import('../../../../../test/e2e/shop-server.ts');
      const ctx = context();
      // The module made its shop key at install; the Kasa server is configured with it.
      const { KASA_SHOP_KEY: shopKey = '' } = await ctx.shop.tool<Record<string, string>>(
        'get-config',
        'KASA_SHOP_KEY',
      );
      // The widget speaks the shop's language (English here: the module passes the shopper's).
      server = await startKasaForShop({
        shopUrl: ctx.shop.url,
        shopKey,
        shopId: PUBLIC_KEY,
        store: {
          platform: 'prestashop',
          shopUrl: ctx.shop.url,
          webserviceKey: ctx.shop.webserviceKey,
          module: { key: ctx.moduleKey },
          webhookSecret: ctx.webhookSecret,
          // php -S on a shared machine: patient.
          timeoutMs: 30_000,
        },
      });
      apiUrl = server.apiUrl;

      // The module's configuration page, as the shop owner fills it in.
      await configureKasaModule(ctx.shop, {
        serverUrl: apiUrl,
        webhookUrl: `${apiUrl}/api/webhooks/prestashop`,
      });
      await ctx.shop.tool('config', 'KASA_PUBLIC_KEY', PUBLIC_KEY);
      await ctx.shop.tool('config', 'KASA_REPLACE_CHECKOUT', '1');

      browser = await launchChromium();
      mkdirSync(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      // The shop as it was: its own checkout, no Kasa server behind the module.
      await context()
        .shop.tool('config', 'KASA_REPLACE_CHECKOUT', '0')
        .catch(() => undefined);
      await server?.close();
    });

    /** A new shopper: a fresh browser profile, page errors collected. */
    async function shopper() {
      const browserContext = await (browser as Browser).newContext({
        locale: 'en-GB',
        viewport: { width: 1280, height: 900 },
      });
      const page = await browserContext.newPage();
      page.setDefaultTimeout(20_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      return { browserContext, page, errors };
    }

    /** The coffee added on its product page, then the cart page; the cart page's HTML. */
    async function addCoffeeAndOpenCart(page: Page): Promise<string> {
      const ctx = context();
      await page.goto(`${ctx.shop.url}/index.php?id_product=${ctx.polish.coffeeId}&controller=product`);
      const added = page.waitForResponse(
        (r) => r.url().includes('controller=cart') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: /add to cart/i }).click();
      expect((await added).ok()).toBe(true);
      const cart = await page.goto(`${ctx.shop.url}/index.php?controller=cart&action=show`);
      return (await cart?.text()) ?? '';
    }

    it('adds the coffee on the storefront, goes to Kasa from the cart, buys to a locker with BLIK; the webservice shows one paid order', async () => {
      const ctx = context();
      const kasa = (server as KasaForShop).runtime;
      const allOrders = async () =>
        listOf<{ id: number }>((await ctx.shop.ws('GET', 'orders?display=[id]')).body, 'orders').length;
      const before = await allOrders();
      const { browserContext, page, errors } = await shopper();

      const cartHtml = await addCoffeeAndOpenCart(page);
      // The cart page started the cart's checkout and queued view_cart for Kasa's tracker.
      const queued = /\(k\.q=k\.q\|\|\[\]\)\.push\((\{"shopId":"[^"]+","checkoutId":"([\w-]+)".*?\})\);/.exec(
        cartHtml,
      );
      expect(queued, 'the cart page queues view_cart for Kasa').not.toBeNull();
      const cartCheckout = queued?.[2] ?? '';
      expect(JSON.parse(queued?.[1] ?? '{}')).toMatchObject({
        shopId: PUBLIC_KEY,
        event: {
          name: 'view_cart',
          params: {
            value: 4990,
            currency: 'PLN',
            items: [{ item_id: 'KAWA-250', quantity: 1, price: 4990 }],
          },
        },
      });
      expect(cartHtml).toContain(`<script type="module" src="${apiUrl}/widget/kasa-tracker.js" async>`);
      await page.screenshot({ path: join(SCREENSHOTS, 'prestashop-real-1-cart.png'), fullPage: true });

      await page
        .getByRole('link', { name: /proceed to checkout/i })
        .first()
        .click();
      await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
      expect(page.url()).toContain('module=kasa');
      expect(page.url()).toContain('controller=checkout');
      // The cart's view and its purchase are one checkout in Kasa's reports.
      const checkoutId = (await page.locator('kasa-checkout').getAttribute('checkout')) ?? '';
      expect(checkoutId).toBe(cartCheckout);
      // The tracker, fetched by the widget once the form is in use, is named on <kasa-checkout>.
      expect(await page.locator('kasa-checkout').getAttribute('tracker')).toMatch(
        new RegExp(`^${apiUrl}/widget/kasa-tracker\\.[\\w-]+\\.js$`),
      );
      const events = async () => (await kasa.events.byCheckout(checkoutId)).map((e) => e.name);
      await vi.waitFor(async () => expect(await events()).toContain('view_cart'), { timeout: 15_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'prestashop-real-2-kasa-page.png'), fullPage: true });

      const pointId = await fillEnglishCheckout(page);
      expect(pointId).toMatch(/^KRA\w+$/);
      await page.screenshot({ path: join(SCREENSHOTS, 'prestashop-real-3-filled.png'), fullPage: true });
      await page.getByRole('button', { name: 'Buy and pay' }).click();
      await page.getByText(/Thank you/).waitFor({ timeout: 30_000 });
      // The theme's cart preview in the header, drawn before the order, is refreshed without a reload.
      await page.locator('.blockcart .cart-products-count', { hasText: '(0)' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'prestashop-real-4-paid.png'), fullPage: true });

      // The order as PrestaShop keeps it, through the webservice.
      expect((await allOrders()) - before, 'exactly one new order in the shop').toBe(1);
      const row = (await kasaOrders(ctx.shop)).find((r) => r.note.includes(`kasa:checkout=${checkoutId};`));
      expect(row, `Kasa's guest customer for ${checkoutId}`).toBeDefined();
      const found = await ctx.shop.ws('GET', `orders?filter[id_cart]=[${row?.cartId}]&display=full`);
      const orders = listOf<WsOrder>(found.body, 'orders');
      expect(orders).toHaveLength(1);
      const order = orders[0] as WsOrder;
      const { PS_OS_WS_PAYMENT: paidState } = await ctx.shop.tool<Record<string, string>>(
        'get-config',
        'PS_OS_WS_PAYMENT',
      );
      expect(order).toMatchObject({
        current_state: String(paidState),
        module: 'kasa',
        id_carrier: String(ctx.polish.lockerCarrier.id),
      });
      expect(Number(order.total_paid)).toBe(62.89);
      expect(Number(order.total_products_wt)).toBe(49.9);
      expect(Number(order.total_shipping)).toBe(12.99);
      expect(order.payment).toMatch(/^BLIK \(.+\) #\S+/);
      expect(order.associations?.order_rows).toMatchObject([
        { product_reference: 'KAWA-250', product_quantity: '1' },
      ]);
      // The locker: in the module's kasa_cart table (no InPost module here) and on the address.
      expect(row?.point).toBe(pointId);
      const address = await ctx.shop.ws<{ address: { address2: string } }>(
        'GET',
        `addresses/${order.id_address_delivery}`,
      );
      expect(address.body.address.address2).toContain(`Paczkomat ${pointId}`);

      // The shopper's storefront cart (the one the cart page handed Kasa) is empty.
      const cartRef = kasa.db
        .prepare<[string], { cart_ref: string }>('SELECT cart_ref FROM kasa_checkouts WHERE id = ?')
        .get(checkoutId)?.cart_ref;
      const sourceCart = Number(cartRef?.split('-')[0]);
      expect(sourceCart).not.toBe(row?.cartId);
      const source = await ctx.shop.ws<{ cart: { associations?: { cart_rows?: unknown[] } } }>(
        'GET',
        `carts/${sourceCart}`,
      );
      expect(source.body.cart.associations?.cart_rows ?? []).toEqual([]);
      await page.goto(`${ctx.shop.url}/index.php?controller=cart&action=show`);
      await page.getByText(/There are no more items in your cart/i).waitFor();

      await vi.waitFor(
        async () =>
          // field_blur from the tracker the widget fetched once the form was in use.
          expect(await events()).toEqual(expect.arrayContaining(['view_cart', 'field_blur', 'purchase'])),
        { timeout: 15_000 },
      );
      expect(errors).toEqual([]);
      await browserContext.close();
    });

    it("sends the shopper to the shop's own checkout when Kasa cannot be reached (never a dead end)", async () => {
      const ctx = context();
      const { freePort } = await import('@kasa/server');
      const closed = `http://127.0.0.1:${await freePort()}`;
      const lastLog = await ctx.shop.tool<number>('logs-after', '0', 'last');
      await configureKasaModule(ctx.shop, { serverUrl: closed });
      const { browserContext, page, errors } = await shopper();
      try {
        const cartHtml = await addCoffeeAndOpenCart(page);
        // The cart page shows as always, without the tracker.
        expect(cartHtml).not.toContain('kasa-tracker.js');
        await page
          .getByRole('link', { name: /proceed to checkout/i })
          .first()
          .click();
        await page.waitForURL(/controller=order/);
        const url = new URL(page.url());
        expect(url.searchParams.get('controller')).toBe('order');
        expect(url.searchParams.get('kasa-fallback')).toBe('1');
        // PrestaShop's own checkout, its first step ready for the shopper.
        await page.locator('#checkout-personal-information-step').waitFor();
        expect(await page.locator('kasa-checkout').count()).toBe(0);
        await page.screenshot({ path: join(SCREENSHOTS, 'prestashop-real-5-fallback.png'), fullPage: true });
        // The order page keeps the shopper there (the fallback cookie), even asked again.
        await page.goto(`${ctx.shop.url}/index.php?controller=order`);
        expect(new URL(page.url()).searchParams.get('controller')).toBe('order');
        const logs = await ctx.shop.tool<{ message: string }[]>('logs-after', String(lastLog));
        expect(logs.map((l) => l.message)).toContainEqual(expect.stringMatching(/Kasa checkout not shown/));
        expect(errors).toEqual([]);
      } finally {
        await browserContext.close();
        await configureKasaModule(ctx.shop, { serverUrl: apiUrl });
      }
    });
  });
}
