/**
 * The shopper's whole path on a real WordPress page, in Debian's Chromium: the product added on the
 * shop's own storefront, "Proceed to checkout" leading (with "replace the checkout" on) to the page
 * with `[kasa_checkout]`, a parcel locker and BLIK in Kasa's widget, served by a Kasa server selling
 * for this shop; then the order as WooCommerce keeps it, and an unpaid order cancelled in the admin
 * cancelling its Kasa checkout through the signed webhook.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumPath, launchChromium, SCREENSHOTS } from '../../../../../test/e2e/browser.ts';
import { fillEnglishCheckout } from '../../../../../test/e2e/english-checkout.ts';
import type { KasaForShop } from '../../../../../test/e2e/shop-server.ts';
import { allOrders, type RealContext } from './harness.ts';
import { configurePlugin } from './plugin.ts';

interface RestOrder {
  id: number;
  status: string;
  total: string;
  currency: string;
  payment_method: string;
  transaction_id: string;
  customer_id: number;
  shipping_lines: { method_id: string; instance_id: string; total: string }[];
  meta_data: { key: string; value: unknown }[];
}

const meta = (o: RestOrder, key: string) => o.meta_data.find((m) => m.key === key)?.value;

export function describeShopperPath(label: string, context: () => RealContext): void {
  describe.skipIf(!chromiumPath)(`${label}: the shopper's whole path in Chromium`, () => {
    let browser: Browser | undefined;
    let server: KasaForShop | undefined;
    let apiUrl = '';
    let pageUrl = '';

    beforeAll(async () => {
      // The Kasa server and its widget load only for this test (the other real tests need neither).
      const { startKasaForShop } = await import('../../../../../test/e2e/shop-server.ts');
      const ctx = context();
      // The shop's language is English, so is the widget (the plugin passes the site's locale).
      // The Kasa server as a merchant runs it for this shop (`store` and the shop key from the plugin).
      server = await startKasaForShop({
        shopUrl: ctx.shop.url,
        shopKey: ctx.shopKey,
        shopId: 'pk_kasa_tests',
        store: {
          platform: 'woocommerce',
          url: ctx.shop.url,
          consumerKey: ctx.shop.consumerKey,
          consumerSecret: ctx.shop.consumerSecret,
          webhookSecret: ctx.webhookSecret,
          lockerMethods: [ctx.lockerRate],
        },
      });
      apiUrl = server.apiUrl;

      // The page with the shortcode, chosen on WooCommerce → Kasa, replacing the shop's checkout links.
      type WpPage = { id: number; link: string };
      const found = await ctx.shop.wp<WpPage[]>('GET', '/wp/v2/pages?slug=kasa-checkout-page');
      const page = found.body[0]
        ? { body: found.body[0] }
        : await ctx.shop.wp<WpPage>('POST', '/wp/v2/pages', {
            title: 'Kasa',
            slug: 'kasa-checkout-page',
            status: 'publish',
            content: '<!-- wp:shortcode -->[kasa_checkout]<!-- /wp:shortcode -->',
          });
      pageUrl = page.body.link;
      // Deliveries queued by earlier tests would go to this server too: they are not this test's.
      await ctx.shop.tool('clear-webhook-queue');
      await configurePlugin(ctx.admin, {
        serverUrl: apiUrl,
        publicKey: 'pk_kasa_tests',
        checkoutPage: page.body.id,
        replaceCheckout: true,
      });
      browser = await launchChromium();
      mkdirSync(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('adds the coffee on the storefront, goes to Kasa from the cart, buys to a locker with BLIK; WooCommerce has one paid order', async () => {
      const ctx = context();
      const placed = async () => (await allOrders(ctx.shop)).filter((o) => o.status !== 'checkout-draft');
      const before = (await placed()).length;
      const browserContext = await (browser as Browser).newContext({
        locale: 'pl-PL',
        viewport: { width: 1280, height: 900 },
      });
      const page = await browserContext.newPage();
      page.setDefaultTimeout(20_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      const product = await ctx.shop.wp<{ permalink: string }>(
        'GET',
        `/wc/v3/products/${ctx.shop.productId}`,
      );
      await page.goto(product.body.permalink);
      await page
        .getByRole('button', { name: /add to cart|dodaj do koszyka/i })
        .first()
        .click();
      await page.waitForLoadState('networkidle');
      await page.goto(`${ctx.shop.url}/?page_id=${await cartPageId(ctx)}`);
      const proceed = page
        .getByRole('link', { name: /proceed to checkout|przejdź do płatności|przejdź do kasy/i })
        .first();
      // The Cart block's own link goes to the shop's checkout page, which sends the shopper on to Kasa.
      await proceed.click();
      await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
      expect(page.url()).toBe(pageUrl);
      // The cart page started this checkout and queued view_cart for Kasa's tracker (cart abandonment).
      const checkoutId = (await page.locator('kasa-checkout').getAttribute('checkout')) ?? '';
      const events = async () =>
        (await (server as KasaForShop).runtime.events.byCheckout(checkoutId)).map((e) => e.name);
      await vi.waitFor(async () => expect(await events()).toContain('view_cart'), { timeout: 15_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'woocommerce-real-1-kasa-page.png'), fullPage: true });
      // What WordPress printed: the fragment through wp_kses, its scripts enqueued as modules from Kasa.
      const printed = await (
        await fetch(pageUrl, { headers: { cookie: await cookieHeader(browserContext) } })
      ).text();
      expect(printed).toMatch(
        new RegExp(`<script type="module" src="${apiUrl}/widget/kasa-checkout\\.[\\w-]+\\.js" id="kasa-`),
      );
      // The tracker, fetched by the widget once the form is in use, is named on <kasa-checkout>.
      expect(printed).toMatch(
        new RegExp(`<kasa-checkout [^>]*tracker="${apiUrl}/widget/kasa-tracker\\.[\\w-]+\\.js"`),
      );
      expect(printed).toContain('<template shadowrootmode="open"><style>');
      expect(printed).toContain('.kasa-row > .kasa-field');
      expect(printed).toContain('<script type="application/json" id="kasa-state">');

      const pointId = await fillEnglishCheckout(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'woocommerce-real-2-filled.png'), fullPage: true });
      await page.getByRole('button', { name: 'Buy and pay' }).click();
      await page.getByText(/Thank you|Dziękujemy/).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'woocommerce-real-3-paid.png'), fullPage: true });

      const orders = await placed();
      expect(orders.length - before).toBe(1);
      const id = orders.map((o) => o.id).sort((a, b) => b - a)[0];
      const order = (await ctx.shop.wp<RestOrder>('GET', `/wc/v3/orders/${id}`)).body;
      expect(order).toMatchObject({
        status: 'processing',
        currency: 'PLN',
        total: '62.89',
        payment_method: 'kasa',
        shipping_lines: [{ method_id: 'flat_rate', total: '12.99' }],
      });
      expect(order.transaction_id).not.toBe('');
      expect(meta(order, '_parcel_machine_id')).toBe(pointId);
      expect(String(meta(order, '_kasa_checkout_id'))).toMatch(/^chk_/);
      // The merchant finds Kasa's checkout id (and the locker) on the order screen, either storage.
      const screen =
        ctx.shop.storage() === 'hpos'
          ? `/wp-admin/admin.php?page=wc-orders&action=edit&id=${order.id}`
          : `/wp-admin/post.php?post=${order.id}&action=edit`;
      const edit = await ctx.admin.get(screen);
      expect(edit.text).toContain(
        `<code class="kasa-kasa-checkout">${String(meta(order, '_kasa_checkout_id'))}</code>`,
      );
      expect(edit.text).toContain(pointId);
      await vi.waitFor(
        async () =>
          // field_blur from the tracker the widget fetched once the form was in use.
          expect(await events()).toEqual(expect.arrayContaining(['view_cart', 'field_blur', 'purchase'])),
        {
          timeout: 15_000,
        },
      );
      expect(errors).toEqual([]);
      await browserContext.close();
    });

    it('keeps only the widget’s markup and scripts: injected markup is stripped, a stray script refuses the fragment', async () => {
      const ctx = context();
      const dir = mkdtempSync(join(tmpdir(), 'kasa-fragment-'));
      const file = join(dir, 'fragment.html');
      const widget = `<script type="module" src="${apiUrl}/widget/kasa-checkout.AbC123.js" async></script>`;
      const view = (inside: string) =>
        `<kasa-checkout api="${apiUrl}" checkout="chk_1" shop="pk" layout="one-page" lang="pl" tracker="${apiUrl}/widget/kasa-tracker.XyZ789.js"><template shadowrootmode="open"><style>.kasa-row > .kasa-field { flex: 1 }</style><div id="kasa-root">${inside}</div><script type="application/json" id="kasa-state">{"view":{"id":"chk_1","name":"\\u003c/script>"}}</script></template></kasa-checkout>${widget}`;
      writeFileSync(
        file,
        view(
          '<p>ok</p><img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">x</a>',
        ),
      );
      const safe = await ctx.shop.tool('sanitize-fragment', file, apiUrl);
      expect(safe).toContain('<p>ok</p>');
      expect(safe).toContain('.kasa-row > .kasa-field');
      expect(safe).toContain('<template shadowrootmode="open">');
      expect(safe).not.toMatch(/onerror|iframe|javascript:|<script type="module"/);
      expect(safe).toContain(`tracker="${apiUrl}/widget/kasa-tracker.XyZ789.js"`);
      expect(safe).toContain('"name":"\\u003C/script\\u003E"');
      writeFileSync(file, view('<script>alert(1)</script>'));
      expect(await ctx.shop.tool('sanitize-fragment', file, apiUrl)).toBe('');
      writeFileSync(file, view('').replace(`${apiUrl}/widget/`, 'https://cdn.example/'));
      expect(await ctx.shop.tool('sanitize-fragment', file, apiUrl)).toBe('');
      writeFileSync(file, view('').replace(`${apiUrl}/widget/kasa-tracker`, 'https://cdn.example/t'));
      expect(await ctx.shop.tool('sanitize-fragment', file, apiUrl)).toBe('');
    });

    it('cancels the Kasa checkout when the merchant cancels its unpaid order in the admin (signed webhook)', async () => {
      const ctx = context();
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${apiUrl}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${ctx.shopKey}`,
            origin: ctx.shop.url,
            'idempotency-key': `idem-${Date.now()}`,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const json = (await response.json()) as Record<string, unknown>;
        if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
        return json;
      };
      // A guest's cart and its Kasa checkout up to the order, by the API the widget uses.
      const first = await fetch(`${ctx.shop.url}/wp-json/wc/store/v1/cart`);
      await first.arrayBuffer();
      const cartRef = first.headers.get('cart-token') ?? '';
      const add = await fetch(`${ctx.shop.url}/wp-json/wc/store/v1/cart/add-item`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'cart-token': cartRef,
          nonce: first.headers.get('nonce') ?? '',
        },
        body: JSON.stringify({ id: ctx.shop.productId, quantity: 1 }),
      });
      expect(add.status).toBe(201);
      const checkout = await call('POST', '/api/checkouts', { cartRef });
      const id = String(checkout.id);
      await call('PUT', `/api/checkouts/${id}/contact`, {
        email: 'jan.nowak@example.pl',
        phone: '+48512345678',
        firstName: 'Jan',
        lastName: 'Nowak',
      });
      await call('PUT', `/api/checkouts/${id}/delivery`, {
        optionId: ctx.lockerRate,
        pickupPointId: await firstLocker(apiUrl),
      });
      await call('PUT', `/api/checkouts/${id}/consents`, {
        terms: true,
        marketingEmail: false,
        marketingSms: false,
      });
      await call('PUT', `/api/checkouts/${id}/payment-method`, { methodId: 'blik' });
      const placed = await call('POST', `/api/checkouts/${id}/order`);
      const orderId = String((placed.order as { id?: string } | undefined)?.id ?? '');
      expect(orderId).not.toBe('');

      await ctx.shop.wp('PUT', `/wc/v3/orders/${orderId}`, { status: 'cancelled' });
      await ctx.shop.tool('run-scheduled');
      const after = await call('GET', `/api/checkouts/${id}`);
      expect(after.status).toBe('cancelled');
    });
  });
}

async function cookieHeader(context: import('playwright-core').BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

async function cartPageId(ctx: RealContext): Promise<number> {
  const settings = await ctx.shop.wp<{ id: string; value: string }[]>('GET', '/wc/v3/settings/advanced');
  return Number(settings.body.find((s) => s.id === 'woocommerce_cart_page_id')?.value ?? 0);
}

async function firstLocker(apiUrl: string): Promise<string> {
  const answer = await fetch(`${apiUrl}/api/pickup-points?postcode=30-001&limit=1`);
  const body = (await answer.json()) as { points: { id: string }[] };
  const id = body.points[0]?.id;
  if (id === undefined) throw new Error('no parcel locker near 30-001');
  return id;
}
