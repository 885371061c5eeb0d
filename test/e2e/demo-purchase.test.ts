import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium, SCREENSHOTS } from './browser.ts';
import { startStack } from './stack.ts';

if (!chromiumPath)
  console.warn('Skipping browser tests: Chromium is not installed (apt-get install -y chromium).');

describe.skipIf(!chromiumPath)('a shopper in the demo shop (real Chromium)', () => {
  let browser: Browser;
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    [browser, stack] = await Promise.all([launchChromium(), startStack()]);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('buys with an InPost locker and BLIK 777123', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(5_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(stack.shopUrl);
    await page
      .getByRole('button', { name: /Dodaj do koszyka/ })
      .first()
      .click();
    await page.getByRole('button', { name: /Przejdź do kasy/ }).click();
    await page.waitForURL(/\/kasa\?cart=/);

    await page.getByLabel(/e-mail/i).fill('anna.kowalska@example.pl');
    await page.getByLabel(/telefon/i).fill('512 345 678');
    await page.getByLabel(/^imię/i).fill('Anna');
    await page.getByLabel(/nazwisko/i).fill('Kowalska');
    await page
      .getByLabel(/Paczkomat/i)
      .first()
      .check();
    await page.getByLabel(/kod pocztowy lub miejscowość/i).fill('30-001');
    await page.getByRole('button', { name: /Szukaj punktów/i }).click();
    await page.locator('input[name="pickupPointId"]').first().check();
    await page.getByLabel(/kod BLIK/i).fill('777123');
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-checkout-filled.png'), fullPage: true });
    await page.getByRole('button', { name: 'Kupuję i płacę' }).click();

    await page.getByText(/Potwierdź płatność w aplikacji banku/).waitFor();
    await page.getByText(/Dziękujemy/).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-checkout-paid.png'), fullPage: true });
    const [order] = stack.runtime.sandbox.listOrders();
    expect(order?.status).toBe('paid');
    expect(order?.input.pickupPoint?.address.postcode).toMatch(/^30-/);
    expect(problems).toEqual([]);
  });
});
