import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium, SCREENSHOTS } from './browser.ts';
import {
  buy,
  chooseLocker,
  enterBlik,
  expectNoAxeViolations,
  fillContact,
  type Layout,
  next,
  openCheckout,
  shot,
  VIEWPORTS,
  waitForPaid,
} from './checkout-page.ts';
import { startStack } from './stack.ts';

if (!chromiumPath)
  console.warn('Skipping browser tests: Chromium is not installed (apt-get install -y chromium).');

describe.skipIf(!chromiumPath)('buying with the Kasa widget in the demo shop (real Chromium)', () => {
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

  const cases = (['one-page', 'multi-step'] as Layout[]).flatMap((layout) =>
    (Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]).map((viewport) => [layout, viewport] as const),
  );

  it.each(cases)(
    '%s on a %s: InPost locker from the list and BLIK 777123, accessible at every step',
    async (layout, viewport) => {
      const { page, context, errors } = await openCheckout(browser, stack, layout, viewport);
      const name = `${layout}-${viewport}`;
      await expectNoAxeViolations(page);
      await shot(page, `${name}-1-start`);
      // Phones: the order, folded, at the top (items and total); elsewhere the summary beside the form.
      const peek = page.locator('.kasa-peek');
      const product = stack.runtime.sandbox.listProducts()[0]?.name ?? '';
      if (viewport === 'phone') {
        expect(await peek.locator('summary').textContent()).toMatch(/Twoje zamówienie\s+[\d\s ,]+zł/);
        expect(await peek.getByText(product).isVisible()).toBe(false);
        await peek.locator('summary').click();
        expect(await peek.getByText(product).isVisible()).toBe(true);
        await expectNoAxeViolations(page);
        await peek.locator('summary').click();
      } else {
        expect(await peek.isVisible()).toBe(false);
      }

      await fillContact(page);
      const pointId = await chooseLocker(page);
      await expectNoAxeViolations(page);
      await shot(page, `${name}-2-delivery`);
      await next(page, layout);
      if (layout === 'multi-step') {
        await page.getByRole('heading', { name: /Krok 2 z 3/ }).waitFor();
        expect(await page.getByRole('radio', { name: 'BLIK' }).isChecked()).toBe(true);
        await expectNoAxeViolations(page);
        await shot(page, `${name}-3-payment`);
        await next(page, layout);
        await page.getByRole('heading', { name: /Krok 3 z 3/ }).waitFor();
      }
      if (layout === 'one-page')
        expect(await page.getByRole('radio', { name: 'BLIK' }).isChecked()).toBe(true);
      await enterBlik(page, '777123');
      await expectNoAxeViolations(page);
      await shot(page, `${name}-4-review`);

      await buy(page);
      await page.getByText('Potwierdź płatność w aplikacji banku').waitFor();
      await expectNoAxeViolations(page);
      await shot(page, `${name}-5-waiting`);
      await waitForPaid(page);
      await expectNoAxeViolations(page);
      await shot(page, `${name}-6-paid`);
      // The thanks recap what was bought, where it goes and how it was paid, with the order number.
      const done = await page.locator('.kasa-done').textContent();
      const placed = stack.runtime.sandbox.listOrders().at(-1);
      expect(done).toContain(`Zamówienie nr ${placed?.number}`);
      expect(done).toContain(product);
      expect(done).toMatch(new RegExp(`InPost Paczkomat 24/7: ${pointId}, .+ \\d{2}-\\d{3} Kraków`));
      expect(done).toMatch(/Płatność\s*BLIK/);

      const order = stack.runtime.sandbox.listOrders().at(-1);
      expect(order?.status).toBe('paid');
      expect(order?.input.pickupPoint?.id).toBe(pointId);
      expect(order?.input.contact.email).toBe('anna.kowalska@example.pl');
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
