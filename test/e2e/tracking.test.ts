import { createHash } from 'node:crypto';
import { assignVariation } from '@kasa/experiments';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import {
  buy,
  chooseLocker,
  enterBlik,
  fillContact,
  recordWidgetEvents,
  SHOPPER,
  waitForPaid,
} from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

describe.skipIf(!chromiumPath)('checkout events from the widget to the event store (real Chromium)', () => {
  const session = chromiumAndStack();

  /** A shopper who accepted analytics on the shop page, then opens the checkout (layout left to the experiment). */
  async function shopperWithConsent() {
    const context = await session.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    const emitted = await recordWidgetEvents(page);
    await page.goto(session.stack.shopUrl);
    await page.getByRole('button', { name: 'Zgadzam się na analitykę' }).click();
    const product = session.stack.runtime.sandbox.listProducts()[0]?.id ?? '';
    const cartRef = await session.stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
    const url = `${session.stack.shopUrl}/kasa?cart=${cartRef}`;
    await page.goto(url);
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    const checkoutId = (await page.locator('kasa-checkout').getAttribute('checkout')) ?? '';
    // The tracker comes with the shopper's first interaction: here a click into the e-mail field.
    await page.getByLabel('E-mail', { exact: true }).click();
    await page.waitForFunction(() => {
      const queue = (window as unknown as { kasa?: { q?: unknown } }).kasa?.q;
      return queue !== undefined && !Array.isArray(queue);
    });
    return { context, page, emitted, url, checkoutId };
  }

  const stored = (checkoutId: string) => session.stack.runtime.events.byCheckout(checkoutId);
  const countByName = (names: readonly string[]) => {
    const counts: Record<string, number> = {};
    for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
    return counts;
  };

  async function completeMultiOrOnePage(page: Page) {
    await fillContact(page);
    await chooseLocker(page);
    if (await page.getByRole('button', { name: 'Dalej' }).isVisible()) {
      await page.getByRole('button', { name: 'Dalej' }).click();
      await page.getByRole('button', { name: 'Dalej' }).click();
    }
    await enterBlik(page, '777123');
    await buy(page);
    await waitForPaid(page);
  }

  it('fills the store with the whole funnel, the layout assigned by the experiment, and no personal data', async () => {
    const { context, page, emitted, checkoutId } = await shopperWithConsent();
    await completeMultiOrOnePage(page);
    await expect
      .poll(async () => (await stored(checkoutId)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(emitted.length);
    const events = await stored(checkoutId);
    const names = new Set(events.map((event) => event.name));
    for (const name of [
      'begin_checkout',
      'experiment_exposure',
      'checkout_step_view',
      'field_blur',
      'add_shipping_info',
      'add_payment_info',
      'blik_code_submitted',
      'purchase',
    ]) {
      expect(names, name).toContain(name);
    }
    const layout = await page.locator('kasa-checkout').getAttribute('layout');
    const exposure = events.find((event) => event.name === 'experiment_exposure');
    expect(exposure?.params).toEqual({ experiment: 'checkout-layout', variation: layout });
    expect(events.every((event) => event.experiments?.['checkout-layout'] === layout)).toBe(true);
    expect(events.filter((event) => event.name === 'purchase')).toHaveLength(1);
    expect(events.some((event) => event.visitorId)).toBe(true);

    const everything = JSON.stringify(
      await session.stack.runtime.db.prepare('SELECT payload FROM kasa_events').all(),
    );
    for (const secret of [
      SHOPPER.email,
      '512345678',
      '512 345 678',
      SHOPPER.firstName,
      SHOPPER.lastName,
      '777123',
      '777 123',
    ]) {
      expect(everything).not.toContain(secret);
    }
    await context.close();
  });

  it("keeps a consenting shopper's checkouts in the arm of their first, through the tracker's cookie", async () => {
    const { context, page, checkoutId: first } = await shopperWithConsent();
    const visitorCookie = async () => (await context.cookies()).find((c) => c.name === 'kasa_vid')?.value;
    // The first checkout was bucketed by its own visitor id (a digest of its id); the tracker keeps it.
    const own = createHash('sha256').update(`kasa-visitor:${first}`).digest('base64url').slice(0, 22);
    await expect.poll(visitorCookie).toBe(own);
    const visitor = own;
    const [experiment] = session.stack.config.experiments;
    if (!experiment) throw new Error('the stack runs no layout experiment');
    const expected = assignVariation(experiment, visitor).variation;
    expect(await page.locator('kasa-checkout').getAttribute('layout')).toBe(expected);
    const product = session.stack.runtime.sandbox.listProducts()[1]?.id ?? '';
    for (let i = 0; i < 3; i += 1) {
      const cartRef = await session.stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
      await page.goto(`${session.stack.shopUrl}/kasa?cart=${cartRef}`);
      const widget = page.locator('kasa-checkout[data-hydrated]');
      await widget.waitFor({ state: 'attached' });
      expect(await widget.getAttribute('layout')).toBe(expected);
      const checkoutId = (await widget.getAttribute('checkout')) ?? '';
      await page.getByLabel('E-mail', { exact: true }).click();
      await expect
        .poll(async () => (await stored(checkoutId)).find((e) => e.name === 'experiment_exposure'), {
          timeout: 15_000,
        })
        .toMatchObject({ visitorId: visitor, params: { variation: expected } });
    }
    await context.close();
  });

  it("counts the cart shown on the shop's cart page and its purchase as one checkout", async () => {
    const context = await session.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(session.stack.shopUrl);
    await page.getByRole('button', { name: 'Dodaj do koszyka' }).first().click();
    await page.getByRole('button', { name: 'Przejdź do kasy' }).click();
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    const checkoutId = (await page.locator('kasa-checkout').getAttribute('checkout')) ?? '';
    await completeMultiOrOnePage(page);
    await expect
      .poll(async () => (await stored(checkoutId)).map((event) => event.name), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['view_cart', 'begin_checkout', 'purchase']));
    const viewed = (await stored(checkoutId)).find((event) => event.name === 'view_cart');
    expect(viewed?.name === 'view_cart' && viewed.params.items.length).toBe(1);
    await context.close();
  });

  it('leaves no visitor cookie for a shopper who did not consent', async () => {
    const context = await session.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    const product = session.stack.runtime.sandbox.listProducts()[0]?.id ?? '';
    const cartRef = await session.stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
    await page.goto(`${session.stack.shopUrl}/kasa?cart=${cartRef}`);
    const widget = page.locator('kasa-checkout[data-hydrated]');
    await widget.waitFor({ state: 'attached' });
    const checkoutId = (await widget.getAttribute('checkout')) ?? '';
    await expect.poll(async () => (await stored(checkoutId)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await context.cookies()).map((c) => c.name)).not.toContain('kasa_vid');
    expect((await stored(checkoutId)).some((e) => e.visitorId)).toBe(false);
    await context.close();
  });

  it('delivers every event after ten minutes offline and a reload, each counted once', async () => {
    const { context, page, emitted, url, checkoutId } = await shopperWithConsent();
    await page.clock.install();
    await context.setOffline(true);
    await fillContact(page);
    await page.getByLabel('Nazwisko', { exact: true }).blur();
    await page.clock.fastForward('10:00');
    await page.waitForTimeout(500);
    const whileOffline = emitted.length;
    expect(whileOffline).toBeGreaterThan(4);
    await context.setOffline(false);
    await page.goto(url);
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    // Back in the form, the shopper's first click brings the reloaded page's tracker, which sends the
    // events the first page kept while offline.
    await page.getByLabel('E-mail', { exact: true }).click();
    await page.waitForFunction(() => {
      const queue = (window as unknown as { kasa?: { q?: unknown } }).kasa?.q;
      return queue !== undefined && !Array.isArray(queue);
    });
    await page.clock.fastForward('00:30');
    await expect
      .poll(async () => countByName((await stored(checkoutId)).map((event) => event.name)), {
        timeout: 20_000,
      })
      // The reload's pagehide also sent a checkout_abandon, which the page could not report back to us.
      .toEqual({ ...countByName(emitted), checkout_abandon: 1 });
    await context.close();
  }, 60_000);
});
