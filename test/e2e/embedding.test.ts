import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from './browser.ts';
import { buy, chooseLocker, enterBlik, fillContact, VIEWPORTS, waitForPaid } from './checkout-page.ts';
import { startStack } from './stack.ts';

describe.skipIf(!chromiumPath)('the widget on shop pages (real Chromium)', () => {
  let browser: Browser;
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    [browser, stack] = await Promise.all([launchChromium(), startStack()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("the demo shop's cart is empty after a paid order, and the next purchase starts afresh", async () => {
    const context = await browser.newContext({ ...VIEWPORTS.desktop, locale: 'pl-PL' });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`${stack.shopUrl}/`);
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
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Kupuję i płacę' }).waitFor();
    expect(await page.getByText(/Dziękujemy/).count()).toBe(0);
    await context.close();
  });
});
