import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import { type Layout, openCheckout, VIEWPORTS } from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

/** The summary's total and the VAT line under it, as the shopper reads them. */
async function summaryFigures(page: Page) {
  const text = (await page.locator('.kasa-summary').textContent()) ?? '';
  return {
    total: /Razem\s*([\d\s ,]+zł)/.exec(text)?.[1],
    vat: /w tym VAT ([\d\s ,]+zł)/.exec(text)?.[1],
  };
}

describe.skipIf(!chromiumPath)('the VAT line belongs to the total shown (real Chromium)', () => {
  const session = chromiumAndStack();

  const cases = (['one-page', 'multi-step'] as Layout[]).flatMap((layout) =>
    (Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]).map((viewport) => [layout, viewport] as const),
  );

  it.each(cases)('%s on a %s: Paczkomat chosen, no locker yet', async (layout, viewport) => {
    const { page, context } = await openCheckout(session.browser, session.stack, layout, viewport);
    const before = await summaryFigures(page);
    await page.getByRole('radio', { name: /InPost Paczkomat/ }).check();
    await expect.poll(async () => (await summaryFigures(page)).total).not.toBe(before.total);
    const chosen = await summaryFigures(page);
    expect(chosen.vat).not.toBe(before.vat);

    // The server's figures once the delivery is saved with a locker: the same total, the same VAT.
    await page.getByLabel('Kod pocztowy lub miejscowość').fill('30-001');
    await page.getByRole('button', { name: 'Szukaj' }).click();
    await page
      .getByRole('radio', { name: /KRA\w+/ })
      .first()
      .check();
    const id = await page.locator('kasa-checkout').getAttribute('checkout');
    await expect
      .poll(
        async () =>
          (await (await fetch(`${session.stack.apiUrl}/api/checkouts/${id}`)).json()).delivery?.optionId,
      )
      .toBe('inpost_locker');
    await page.waitForTimeout(200);
    expect(await summaryFigures(page)).toEqual(chosen);
    await context.close();
  });
});
