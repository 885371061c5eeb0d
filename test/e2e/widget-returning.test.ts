import type { BrowserContext } from 'playwright-core';
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
  SHOPPER,
  shot,
  type VIEWPORTS,
  waitForPaid,
} from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

describe.skipIf(!chromiumPath)('a returning shopper in the same browser (real Chromium)', () => {
  const session = chromiumAndStack();

  /** A second checkout (a new cart) in the same browser context as the first purchase. */
  async function openAgain(context: BrowserContext, layout: Layout) {
    const page = await context.newPage();
    const product = session.stack.runtime.sandbox.listProducts()[1]?.id ?? '';
    const cart = await session.stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
    await page.goto(`${session.stack.shopUrl}/kasa?cart=${cart}&layout=${layout}`);
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    return page;
  }

  async function buyOnce(layout: Layout, viewport: keyof typeof VIEWPORTS, remember: boolean) {
    const opened = await openCheckout(session.browser, session.stack, layout, viewport);
    const { page } = opened;
    await fillContact(page);
    const remembered = page.getByRole('checkbox', { name: /Zapamiętaj moje dane/ });
    expect(await remembered.isChecked()).toBe(false);
    if (remember) await remembered.check();
    const pointId = await chooseLocker(page);
    await next(page, layout);
    await next(page, layout);
    await enterBlik(page, '777123');
    await buy(page);
    await waitForPaid(page);
    return { ...opened, pointId };
  }

  it('one-page on a desktop, "remember me" ticked: contact and the last locker are filled in next time', async () => {
    const { context, pointId } = await buyOnce('one-page', 'desktop', true);
    const page = await openAgain(context, 'one-page');
    const email = page.getByLabel('E-mail', { exact: true });
    await expect.poll(() => email.inputValue()).toBe(SHOPPER.email);
    expect(await page.getByLabel('Imię', { exact: true }).inputValue()).toBe(SHOPPER.firstName);
    expect(await page.getByRole('radio', { name: /InPost Paczkomat/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: new RegExp(pointId) }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Zapamiętaj moje dane/ }).isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await shot(page, 'returning-shopper-one-page');
    // Pays without typing anything again.
    await enterBlik(page, '777123');
    await buy(page);
    await waitForPaid(page);
    expect(session.stack.runtime.sandbox.listOrders().at(-1)?.input.pickupPoint?.id).toBe(pointId);
    await context.close();
  });

  it('multi-step on a phone, not ticked: nothing of the shopper is kept for the next checkout', async () => {
    const { context } = await buyOnce('multi-step', 'phone', false);
    const page = await openAgain(context, 'multi-step');
    await page.waitForTimeout(500);
    expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe('');
    expect(await page.getByRole('radio', { name: /InPost Paczkomat/ }).isChecked()).toBe(false);
    const stored = await page.evaluate(
      () =>
        new Promise<unknown[]>((resolve) => {
          const open = indexedDB.open('kasa');
          open.onsuccess = () => {
            const keys = open.result.transaction('progress').objectStore('progress').getAllKeys();
            keys.onsuccess = () => resolve(keys.result);
          };
        }),
    );
    expect(stored.filter((key) => !String(key).startsWith('kasa:progress:'))).toEqual([]);
    await context.close();
  });
});
