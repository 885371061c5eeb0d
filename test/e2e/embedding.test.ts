import { freePort } from '@kasa/server';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import {
  buy,
  chooseLocker,
  enterBlik,
  expectNoAxeViolations,
  fillContact,
  type Layout,
  shot,
  VIEWPORTS,
  waitForPaid,
} from './checkout-page.ts';
import { chromiumAndStack, type startStack } from './stack.ts';

type Stack = Awaited<ReturnType<typeof startStack>>;

/** Theme rules found in shop themes (the first) and a deliberately hostile one. */
const THEMES = {
  neutral: '',
  'root font size 62.5%': 'html { font-size: 62.5%; } body { font-size: 1.4rem; line-height: 1.2; }',
  'every element 40px': `* { font-size: 40px !important; line-height: 3; letter-spacing: 2px;
    text-transform: uppercase; font-weight: 300; text-align: center; word-spacing: 6px; }`,
} as const;

/** The demo shop's checkout page for a new cart, with a theme's CSS added over the shop's own. */
async function openThemed(page: Page, stack: Stack, layout: Layout, theme: string) {
  const product = stack.runtime.sandbox.listProducts()[0]?.id ?? '';
  const cartRef = await stack.runtime.sandbox.createCart([{ productId: product, quantity: 2 }]);
  await page.goto(`${stack.shopUrl}/kasa?cart=${cartRef}&layout=${layout}`);
  await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
  // The same 1120 px content column under every theme: what is compared is the widget alone.
  await page.addStyleTag({
    content: `main { max-width: 1120px !important; padding: 16px !important; } ${theme}`,
  });
}

/** Computed text styles of the widget's parts and the widths of its form and summary. */
function measure(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('kasa-checkout')?.shadowRoot;
    if (!root) throw new Error('no shadow root');
    const parts = [
      '.kasa',
      '.kasa h2',
      '.kasa-field label',
      'input[type="email"]',
      '.kasa-choice-title',
      '.kasa-button',
      '.kasa-total',
    ];
    const text = Object.fromEntries(
      parts.map((selector) => {
        const element = root.querySelector(selector);
        if (!element) return [selector, 'missing'];
        const style = getComputedStyle(element);
        return [
          selector,
          [
            style.fontSize,
            style.lineHeight,
            style.fontWeight,
            style.letterSpacing,
            style.wordSpacing,
            style.textTransform,
            style.textAlign,
          ].join(' '),
        ];
      }),
    );
    const width = (selector: string) =>
      Math.round(root.querySelector(selector)?.getBoundingClientRect().width ?? -1);
    return { text, form: width('.kasa-main'), summary: width('.kasa-summary') };
  });
}

/** InPost's Geowidget hosts (production and sandbox), as the widget loads the map from them. */
const GEOWIDGET_HOSTS = /^https:\/\/(geowidget\.inpost\.pl|sandbox-easy-geowidget-sdk\.easypack24\.net)\//;

/**
 * A shop page with the bare script embed and a Geowidget token, on the shop's origin: one of the
 * demo shop's pages (its "not found" page), its content replaced by the widget.
 */
async function openWithMap(page: Page, stack: Stack, lang: 'pl' | 'en') {
  const product = stack.runtime.sandbox.listProducts()[0]?.id ?? '';
  const cart = await stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
  await page.goto(`${stack.shopUrl}/sklep-z-mapa`);
  await page.evaluate(
    ({ script, api, cart, lang }) => {
      document.documentElement.lang = lang;
      const widget = document.createElement('kasa-checkout');
      const attributes = { api, cart, lang, layout: 'one-page', 'geowidget-token': 'sandbox-token' };
      for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
      document.querySelector('main')?.replaceChildren(widget);
      const tag = document.createElement('script');
      tag.type = 'module';
      tag.src = script;
      document.head.append(tag);
    },
    { script: `${stack.apiUrl}/widget/${stack.widget.entry}`, api: stack.apiUrl, cart, lang },
  );
  await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
}

/** The height of the map's box in the widget (0 when there is none). */
const mapHeight = (page: Page) =>
  page.evaluate(() => {
    const map = document.querySelector('kasa-checkout')?.shadowRoot?.querySelector('.kasa-map');
    return map ? Math.round(map.getBoundingClientRect().height) : 0;
  });

describe.skipIf(!chromiumPath)('the widget on shop pages (real Chromium)', () => {
  const session = chromiumAndStack();

  it("the demo shop's cart is empty after a paid order, and the next purchase starts afresh", async () => {
    const context = await session.browser.newContext({ ...VIEWPORTS.desktop, locale: 'pl-PL' });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`${session.stack.shopUrl}/`);
    await page.getByRole('button', { name: 'Dodaj do koszyka' }).first().click();
    await page.getByRole('button', { name: 'Przejdź do kasy' }).click();
    await page.waitForURL(/\/kasa\?cart=/);
    await page.goto(`${page.url()}&layout=one-page`);
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    await fillContact(page);
    await chooseLocker(page);
    await enterBlik(page, '777123');
    await buy(page);
    await waitForPaid(page);

    await page.getByRole('link', { name: 'Wróć do sklepu' }).click();
    await page.getByText('Dziękujemy za zamówienie.').waitFor();
    await page.getByText('Twój koszyk jest pusty.').waitFor();
    expect(await page.getByRole('button', { name: 'Przejdź do kasy' }).count()).toBe(0);

    // A new product is a new cart with a checkout of its own, not the paid one.
    await page.getByRole('button', { name: 'Dodaj do koszyka' }).nth(1).click();
    await page.getByRole('button', { name: 'Przejdź do kasy' }).click();
    await page.waitForURL(/\/kasa\?cart=/);
    // The layout is forced as above: without it the experiment may choose multi-step, whose first
    // step has no pay button.
    await page.goto(`${page.url()}&layout=one-page`);
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Kupuję i płacę' }).waitFor();
    expect(await page.getByText(/Dziękujemy/).count()).toBe(0);
    await context.close();
  });

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`keeps its own text sizes and layout under the shop theme's CSS (${viewport})`, async () => {
      // bypassCSP: the theme's style tag and axe-core are added by the test, not by the page's nonce.
      const context = await session.browser.newContext({
        ...VIEWPORTS[viewport],
        bypassCSP: true,
        locale: 'pl-PL',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(8_000);
      for (const layout of ['one-page', 'multi-step'] as const) {
        const measured: Record<string, Awaited<ReturnType<typeof measure>>> = {};
        for (const [name, css] of Object.entries(THEMES)) {
          await openThemed(page, session.stack, layout, css);
          measured[name] = await measure(page);
          if (name !== 'neutral' && layout === 'one-page') {
            await shot(page, `theme-${name.replace(/\W+/g, '-')}-${viewport}`);
            if (name === 'every element 40px') await expectNoAxeViolations(page);
          }
        }
        const neutral = measured.neutral;
        expect(neutral?.text['.kasa']).toMatch(/^16px 24px 400 normal 0px none (start|left)$/);
        if (viewport === 'desktop') expect(neutral?.summary).toBeLessThan(400);
        for (const name of Object.keys(THEMES))
          expect({ layout, name, ...measured[name] }).toEqual({ layout, name, ...neutral });
      }
      await context.close();
    });
  }

  it('says the locker map could not load (its host refuses connections) and keeps the list', async () => {
    const context = await session.browser.newContext({
      ...VIEWPORTS.desktop,
      bypassCSP: true,
      locale: 'pl-PL',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // The map's host sent to a port where nothing listens: the connection is refused.
    const closed = await freePort();
    await page.route(GEOWIDGET_HOSTS, (route: Route) =>
      route.continue({ url: route.request().url().replace(GEOWIDGET_HOSTS, `https://127.0.0.1:${closed}/`) }),
    );
    await openWithMap(page, session.stack, 'pl');
    await page.getByRole('radio', { name: /InPost Paczkomat/ }).check();
    // The map is InPost's script: it loads only when the shopper asks for it.
    expect(await mapHeight(page)).toBe(0);
    await page.getByRole('button', { name: 'Pokaż mapę' }).click();
    const started = Date.now();
    await page.getByText('Nie udało się wczytać mapy paczkomatów.', { exact: false }).waitFor();
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await mapHeight(page)).toBe(0);
    await expectNoAxeViolations(page);
    await shot(page, 'map-failed-pl');
    // The list still finds and takes a locker.
    await page.getByLabel('Kod pocztowy lub miejscowość').fill('Sopot');
    await page.getByRole('button', { name: 'Szukaj' }).click();
    await page
      .getByRole('radio', { name: /SOP\w+/ })
      .first()
      .check();
    await context.close();
  });

  it('says so in English too when the map host never answers, after a few seconds', async () => {
    const context = await session.browser.newContext({
      ...VIEWPORTS.phone,
      bypassCSP: true,
      locale: 'en-GB',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const held: Route[] = [];
    await page.route(GEOWIDGET_HOSTS, (route: Route) => void held.push(route));
    await openWithMap(page, session.stack, 'en');
    await page.getByRole('radio', { name: /Paczkomat|parcel locker/i }).check();
    expect(held).toHaveLength(0);
    await page.getByRole('button', { name: 'Show the map' }).click();
    await page.getByText('The locker map could not be loaded.', { exact: false }).waitFor();
    expect(held.length).toBeGreaterThan(0);
    expect(await mapHeight(page)).toBe(0);
    await page.getByLabel('Postcode or town').fill('30-001');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByRole('radio', { name: /KRA\w+/ })
      .first()
      .check();
    await context.close();
  });
});
