import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import {
  expectNoAxeViolations,
  fillContact,
  type Layout,
  openCheckout,
  shot,
  type VIEWPORTS,
} from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

const widgetText = (page: Page) => page.locator('kasa-checkout .kasa').textContent();

/** Polish words the sandbox and the widget show, which the English checkout must not. */
const POLISH =
  /Dostawa|Płatność|Razem|Paczkomat|przelew|Kurier|Odbiór|Karta|Kupuję|Imię|dni robocz|Produkty|zł za darmo/;

describe.skipIf(!chromiumPath)('the language switch (real Chromium)', () => {
  const session = chromiumAndStack();

  const cases: [Layout, keyof typeof VIEWPORTS][] = [
    ['one-page', 'desktop'],
    ['multi-step', 'phone'],
  ];

  it.each(cases)(
    '%s on a %s: every visible name in English, what was typed kept, and back',
    async (layout, viewport) => {
      const { page, context, errors } = await openCheckout(session.browser, session.stack, layout, viewport);
      await fillContact(page);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Polski' }).waitFor();
      expect(await page.locator('kasa-checkout .kasa').getAttribute('lang')).toBe('en');
      expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe('anna.kowalska@example.pl');
      await page.getByRole('radio', { name: /InPost parcel locker 24\/7/ }).check();
      await page.getByRole('radio', { name: /Collect in the shop/ }).waitFor();
      expect(await widgetText(page)).not.toMatch(POLISH);
      if (layout === 'multi-step') {
        await page.getByRole('radio', { name: /Collect in the shop/ }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('heading', { name: /Step 2 of 3/ }).waitFor();
      }
      await page.getByRole('radio', { name: 'Fast bank transfer' }).waitFor();
      await page.getByRole('radio', { name: 'Payment card' }).waitFor();
      expect(await widgetText(page)).not.toMatch(POLISH);
      await expectNoAxeViolations(page);
      await shot(page, `english-${layout}-${viewport}`);
      await page.getByRole('button', { name: 'Polski' }).click();
      await page.getByRole('button', { name: 'English' }).waitFor();
      expect(await page.locator('kasa-checkout .kasa').getAttribute('lang')).toBe('pl');
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('a shopper who chose English on this checkout gets it again after a reload, and pays in it', async () => {
    const { page, context } = await openCheckout(session.browser, session.stack, 'one-page', 'desktop');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Polski' }).waitFor();
    await page.waitForTimeout(600);
    await page.reload();
    await page.getByRole('button', { name: 'Polski' }).waitFor();
    await page.getByLabel('E-mail', { exact: true }).fill('anna.kowalska@example.pl');
    await page.getByLabel('Mobile phone').fill('512 345 678');
    await page.getByLabel('First name').fill('Anna');
    await page.getByLabel('Last name').fill('Kowalska');
    await page.getByRole('radio', { name: /InPost parcel locker/ }).check();
    await page.getByLabel('Postcode or town').fill('30-001');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByRole('radio', { name: /KRA\w+/ })
      .first()
      .check();
    await page.getByLabel('BLIK code').fill('777123');
    await page.getByRole('button', { name: 'Buy and pay' }).click();
    await page.getByText(/Thank you! Order no\./).waitFor({ timeout: 15_000 });
    expect(await widgetText(page)).toMatch(/InPost parcel locker 24\/7: KRA\w+/);
    await context.close();
  });
});
