import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import {
  buy,
  chooseLocker,
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

type Leave = 'decline' | 'return unpaid';

/** What a page saves while the shopper fills step 1; a save cut off by leaving for the bank leaves it behind. */
async function leaveStaleProgress(page: Page) {
  await page.evaluate(async () => {
    const id = document.querySelector('kasa-checkout')?.getAttribute('checkout');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('kasa');
      open.onupgradeneeded = () => open.result.createObjectStore('progress');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const stale = { email: '', phone: '', firstName: '', lastName: '', step: 1, savedAt: Date.now() };
    await new Promise((resolve) => {
      const put = db
        .transaction('progress', 'readwrite')
        .objectStore('progress')
        .put(stale, `kasa:progress:${id}`);
      put.onsuccess = resolve;
    });
    db.close();
  });
}

describe.skipIf(!chromiumPath)('back from the bank without paying (real Chromium)', () => {
  const session = chromiumAndStack();

  const cases: [Layout, keyof typeof VIEWPORTS, Leave][] = [
    ['multi-step', 'desktop', 'decline'],
    ['multi-step', 'phone', 'return unpaid'],
    ['one-page', 'desktop', 'return unpaid'],
    ['one-page', 'phone', 'decline'],
  ];

  it.each(cases)(
    '%s on a %s, %s: the form stays filled and usable, and the order can be paid',
    async (layout, viewport, leave) => {
      const { page, context, errors } = await openCheckout(session.browser, session.stack, layout, viewport);
      const email = page.getByLabel('E-mail', { exact: true });
      await fillContact(page);
      await chooseLocker(page);
      await next(page, layout);
      await page.getByRole('radio', { name: 'Szybki przelew' }).check();
      await next(page, layout);
      await buy(page);
      await page.getByRole('button', { name: 'Odrzuć płatność' }).waitFor();
      if (leave === 'decline') await page.getByRole('button', { name: 'Odrzuć płatność' }).click();
      else await page.getByRole('link', { name: 'Wróć do sklepu bez płacenia' }).click();
      await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });

      const expectFilled = async () => {
        if (layout === 'multi-step') {
          await page.getByRole('heading', { name: /Krok 3 z 3/ }).waitFor();
          await page.getByText(SHOPPER.email).waitFor();
          // Nothing of the placed order waits to be typed again.
          expect(await email.count()).toBe(0);
        } else {
          await expect.poll(() => email.inputValue()).toBe(SHOPPER.email);
        }
      };
      await expectFilled();
      // Never silent: what happened, with the order number, and what to do next.
      const notice = page.locator('.kasa-notice');
      await expect
        .poll(() => notice.textContent())
        .toMatch(
          leave === 'decline'
            ? /zamówienie nr KS-\d+ nie powiodła się: bank jej nie przyjął\. .*Spróbuj zapłacić ponownie albo wybierz inną metodę/
            : /zamówienie nr KS-\d+ nie została dokończona\. .*naciśnij „Kupuję i płacę”/,
        );
      expect(await page.getByText('Przekierowujemy do płatności').count()).toBe(0);
      await shot(page, `bank-${leave.replace(' ', '-')}-${layout}-${viewport}`);
      await expectNoAxeViolations(page);

      // A reload with progress saved before the order must still show the server's state.
      await leaveStaleProgress(page);
      await page.reload();
      await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
      await page.waitForTimeout(300);
      await expectFilled();
      expect(await notice.textContent()).toMatch(/nie powiodła się|nie została dokończona/);

      await buy(page);
      await page.getByRole('button', { name: 'Zapłać' }).click();
      await waitForPaid(page);
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
