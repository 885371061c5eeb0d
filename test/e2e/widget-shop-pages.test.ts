import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import {
  buy,
  chooseLocker,
  enterBlik,
  expectNoAxeViolations,
  fillContact,
  type Layout,
  next,
  openCheckout,
  type VIEWPORTS,
  waitForPaid,
} from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

describe.skipIf(!chromiumPath)("the shop's terms, privacy and account pages (real Chromium)", () => {
  const pages = (shopUrl: string) => ({
    termsUrl: `${shopUrl}/regulamin`,
    privacyUrl: `${shopUrl}/polityka-prywatnosci`,
    accountUrl: `${shopUrl}/konto/nowe`,
  });
  const session = chromiumAndStack({}, (shopUrl) => ({ shopPages: pages(shopUrl) }));

  it('are in the server-rendered first view, before any script', async () => {
    const product = session.stack.runtime.sandbox.listProducts()[0]?.id ?? '';
    const cart = await session.stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
    const html = await (await fetch(`${session.stack.shopUrl}/kasa?cart=${cart}&layout=one-page`)).text();
    const { termsUrl, privacyUrl } = pages(session.stack.shopUrl);
    expect(html).toContain(`href="${termsUrl}"`);
    expect(html).toContain(`href="${privacyUrl}"`);
    expect(html).toMatch(/<input[^>]*name="consents\.terms"/);
  });

  const cases: [Layout, keyof typeof VIEWPORTS][] = [
    ['one-page', 'desktop'],
    ['multi-step', 'phone'],
  ];

  it.each(cases)(
    '%s on a %s: terms to tick, privacy beside the button, an account offered after',
    async (layout, viewport) => {
      const { termsUrl, privacyUrl, accountUrl } = pages(session.stack.shopUrl);
      const { page, context, errors } = await openCheckout(session.browser, session.stack, layout, viewport);
      await fillContact(page);
      await chooseLocker(page);
      await next(page, layout);
      await next(page, layout);
      const terms = page.getByRole('checkbox', { name: /Akceptuję regulamin sklepu/ });
      expect(await terms.isChecked()).toBe(false);
      expect(await page.getByRole('link', { name: 'regulamin sklepu' }).getAttribute('href')).toBe(termsUrl);
      expect(await page.getByRole('link', { name: 'polityką prywatności' }).getAttribute('href')).toBe(
        privacyUrl,
      );
      await enterBlik(page, '777123');
      await buy(page);
      await expect.poll(() => terms.getAttribute('aria-invalid')).toBe('true');
      await page.getByText('Zaakceptuj regulamin sklepu, aby złożyć zamówienie.').waitFor();
      await expectNoAxeViolations(page);
      await terms.check();
      await enterBlik(page, '777123');
      await buy(page);
      await waitForPaid(page);
      expect(await page.getByRole('link', { name: 'Załóż konto' }).getAttribute('href')).toBe(accountUrl);
      expect(session.stack.runtime.sandbox.listOrders().at(-1)?.input.consents.terms).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
