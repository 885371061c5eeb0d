import { shopperMessagesPl } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import { buy } from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

/**
 * The Polish error texts are not in the checkout page's first download (issue 19's checkout weight):
 * a chunk of their own comes once the form is in use, and an error made before it arrives is shown
 * in words once it does, never as a code.
 */
describe.skipIf(!chromiumPath)(
  'the Polish error texts fetched once the checkout is in use (real Chromium)',
  () => {
    const session = chromiumAndStack();
    const texts = Object.values(shopperMessagesPl);

    it('the script before the first interaction holds none of them; a chunk of its own holds them all', () => {
      const { files, initial } = session.stack.widget;
      const bodyOf = (file: string) => files.get(file)?.body.toString('utf8') ?? '';
      // The widget's own word for an unticked terms box reads as core's terms_not_accepted does.
      const onlyInTexts = texts.filter((text) => text !== shopperMessagesPl.terms_not_accepted);
      for (const file of initial)
        expect(onlyInTexts.filter((text) => bodyOf(file).includes(text))).toEqual([]);
      const holding = [...files.keys()].filter((file) => texts.every((text) => bodyOf(file).includes(text)));
      expect(holding).toEqual([expect.stringMatching(/^kasa-errors-pl\.[\w-]+\.js$/)]);
    });

    it('pressing pay on an empty form first: the errors wait for their words, then show them', async () => {
      const context = await session.browser.newContext({ locale: 'pl-PL' });
      const page = await context.newPage();
      page.setDefaultTimeout(8_000);
      const requested: string[] = [];
      page.on('request', (request) => void requested.push(new URL(request.url()).pathname));
      // The texts' chunk is held back until the errors are on screen, as on a slow network.
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/widget/kasa-errors-pl.*', async (route) => {
        await released;
        await route.continue();
      });
      const product = session.stack.runtime.sandbox.listProducts()[0]?.id ?? '';
      const cartRef = await session.stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
      await page.goto(`${session.stack.shopUrl}/kasa?cart=${cartRef}&layout=one-page`);
      await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
      // The shopper reads the form for a moment (well inside the quiet spell): nothing fetched.
      await page.waitForTimeout(1_500);
      const textRequests = () => requested.filter((path) => path.startsWith('/widget/kasa-errors-pl'));
      expect(textRequests()).toEqual([]);

      await buy(page);
      const email = page.getByLabel('E-mail', { exact: true });
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
      expect(textRequests()).toHaveLength(1);
      // Said in no words yet, and certainly not as a code.
      expect((await page.locator('.kasa-error').allTextContents()).filter(Boolean)).toEqual([]);

      release();
      await page.locator('#kasa-email-error').getByText(shopperMessagesPl.required).waitFor();
      const shown = (await page.locator('.kasa-error').allTextContents()).filter(Boolean);
      expect(shown.length).toBeGreaterThan(1);
      expect(shown.filter((text) => !texts.includes(text))).toEqual([]);
      expect(textRequests()).toHaveLength(1);
      await context.close();
    });
  },
);
