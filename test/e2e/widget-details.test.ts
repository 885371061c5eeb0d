import type { Page } from 'playwright-core';
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
} from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

const headingsOf = (page: Page) =>
  page
    .locator('kasa-checkout')
    .evaluate((host) =>
      Array.from(host.shadowRoot?.querySelectorAll('h2, h3') ?? []).map((h) =>
        (h.textContent ?? '').replace(/^Krok \d z 3: /, ''),
      ),
    );

describe.skipIf(!chromiumPath)('the smaller things (real Chromium)', () => {
  const session = chromiumAndStack({ blikApprovalWindowMs: 8_000 });

  const cases: [Layout, keyof typeof VIEWPORTS][] = [
    ['multi-step', 'phone'],
    ['multi-step', 'desktop'],
  ];

  it.each(cases)(
    '%s on a %s: one heading per name, plain step digits, "Wstecz" never under the button',
    async (layout, viewport) => {
      const { page, context } = await openCheckout(session.browser, session.stack, layout, viewport);
      await fillContact(page);
      await chooseLocker(page);
      for (const step of [1, 2, 3]) {
        if (step > 1) await next(page, layout);
        await page.getByRole('heading', { name: new RegExp(`Krok ${step} z 3`) }).waitFor();
        const headings = await headingsOf(page);
        expect(new Set(headings).size, headings.join(' | ')).toBe(headings.length);
      }
      // Earlier steps are links by their names; the digit in the circle is never underlined.
      const done = page.locator('.kasa-step--done button').first();
      const underline = (selector: string) =>
        done.evaluate(
          (button, s) =>
            getComputedStyle(s ? (button.querySelector(s) as Element) : button).textDecorationLine,
          selector,
        );
      expect(await underline('')).toBe('none');
      expect(await underline('span:last-child')).toBe('underline');
      const back = await page.getByRole('button', { name: 'Wstecz' }).boundingBox();
      const pay = await page.getByRole('button', { name: 'Kupuję i płacę' }).boundingBox();
      expect(back && pay && back.y < pay.y).toBe(true);
      await expectNoAxeViolations(page);
      await context.close();
    },
  );

  it('one-page on a phone: free delivery reads "za darmo" in the option and in the totals, never 0,00 zł', async () => {
    const { page, context } = await openCheckout(session.browser, session.stack, 'one-page', 'phone');
    await page.getByRole('radio', { name: /Odbiór osobisty w sklepie/ }).check();
    const text = async () => (await page.locator('kasa-checkout .kasa').textContent()) ?? '';
    await expect.poll(async () => /Dostawa\s*za darmo/.test(await text())).toBe(true);
    expect(await text()).not.toContain('0,00');
    await context.close();
  });

  it('one-page on a desktop: the deferred payment names its lender', async () => {
    const { page, context } = await openCheckout(session.browser, session.stack, 'one-page', 'desktop');
    await page.getByRole('radio', { name: /^PayPo: kup teraz, zapłać za 30 dni/ }).waitFor();
    await context.close();
  });

  it('one-page on a phone: "Anuluj" on a BLIK payment is said neutrally, not as an error', async () => {
    const { page, context } = await openCheckout(session.browser, session.stack, 'one-page', 'phone');
    await fillContact(page);
    await chooseLocker(page);
    await enterBlik(page, '999123');
    await buy(page);
    await page.getByRole('button', { name: 'Anuluj' }).click();
    const notice = page.locator('.kasa-notice > p');
    await expect
      .poll(() => notice.textContent())
      .toMatch(
        /Płatność BLIK została anulowana\. Zamówienie nr KS-\d+ czeka na zapłatę: wpisz nowy kod BLIK/,
      );
    expect(await notice.getAttribute('class')).toBe('kasa-info');
    expect(await page.locator('.kasa-notice').textContent()).not.toContain('Wystąpił problem');
    expect(await page.getByLabel('Kod BLIK').getAttribute('aria-invalid')).toBeNull();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
