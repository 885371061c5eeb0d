import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import { recordWidgetEvents } from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

/**
 * The checkout page does not download Kasa's tracker before the shopper uses the form (issue 19's
 * checkout weight); the events the widget emits meanwhile wait in the page and reach the server once
 * the tracker comes, each exactly once.
 */
describe.skipIf(!chromiumPath)('the tracker fetched once the checkout is in use (real Chromium)', () => {
  const session = chromiumAndStack();

  /** A shopper on a fresh cart's checkout: the widget's events and the page's requests, as they happen. */
  async function openCheckout() {
    const context = await session.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    const requested: string[] = [];
    page.on('request', (request) => void requested.push(new URL(request.url()).pathname));
    const emitted = await recordWidgetEvents(page);
    const product = session.stack.runtime.sandbox.listProducts()[0]?.id ?? '';
    const cartRef = await session.stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
    await page.goto(`${session.stack.shopUrl}/kasa?cart=${cartRef}`);
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    const checkoutId = (await page.locator('kasa-checkout').getAttribute('checkout')) ?? '';
    return { context, page, requested, emitted, checkoutId };
  }

  const trackerRequests = (requested: readonly string[]) =>
    requested.filter((path) => path.startsWith('/widget/kasa-tracker'));
  const storedNames = async (checkoutId: string) =>
    (await session.stack.runtime.events.byCheckout(checkoutId)).map((event) => event.name).sort();
  const queued = (page: Page) =>
    page.evaluate(() => {
      const queue = (window as unknown as { kasa?: { q?: unknown } }).kasa?.q;
      return Array.isArray(queue) ? queue.length : 'drained';
    });

  it('requests no tracker before the first interaction, then delivers the events from before it exactly once', async () => {
    const { context, page, requested, emitted, checkoutId } = await openCheckout();
    // The shopper reads the form for a moment (well inside the tracker's quiet spell).
    await page.waitForTimeout(1_500);
    expect(trackerRequests(requested)).toEqual([]);
    const before = [...emitted].sort();
    expect(before).toEqual(expect.arrayContaining(['begin_checkout', 'checkout_step_view']));
    expect(await queued(page)).toBe(before.length);
    expect(await storedNames(checkoutId)).toEqual([]);

    await page.getByLabel('E-mail', { exact: true }).click();
    await expect.poll(() => trackerRequests(requested).length).toBe(1);
    await expect.poll(() => queued(page)).toBe('drained');
    const arrivedOnce = async () =>
      JSON.stringify(await storedNames(checkoutId)) === JSON.stringify([...emitted].sort());
    await expect.poll(arrivedOnce, { timeout: 15_000 }).toBe(true);
    expect(await storedNames(checkoutId)).toEqual(expect.arrayContaining(before));
    // A while later still once each: the queue was drained once, by one tracker.
    await page.waitForTimeout(2_000);
    expect(await arrivedOnce()).toBe(true);
    expect(trackerRequests(requested)).toHaveLength(1);
    await context.close();
  });

  it("counts a shopper who only reads: the tracker comes after the quiet spell with the checkout's first events", async () => {
    const { context, requested, emitted, checkoutId } = await openCheckout();
    await expect.poll(() => storedNames(checkoutId), { timeout: 15_000 }).toEqual([...emitted].sort());
    expect(emitted).toContain('begin_checkout');
    expect(trackerRequests(requested)).toHaveLength(1);
    await context.close();
  });
});
