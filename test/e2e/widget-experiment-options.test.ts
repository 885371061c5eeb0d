import { assignVariation, type Experiment, type ExperimentConfig } from '@kasa/experiments';
import type { KasaConfig } from '@kasa/server';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import { buy, chooseLocker, enterBlik, fillContact, waitForPaid } from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

const running = (key: string, variations: string[]): ExperimentConfig => ({
  key,
  variations,
  status: 'running',
  startDate: '2026-11-01',
  kr: 'checkout-conversion',
});

/**
 * A shop testing where BLIK stands and which delivery comes first (two templates at once, no layout
 * experiment), in real Chromium: the arms show in the server-rendered first view, stay after the
 * script hydrates it, are reported as exposures, and the purchase counts for both.
 */
describe.skipIf(!chromiumPath)('experiments on payment and delivery order (real Chromium)', () => {
  const session = chromiumAndStack(
    {},
    () =>
      ({
        experiments: [
          running('payment-order', ['blik-first', 'blik-among-others']),
          running('delivery-order', ['locker-first', 'courier-first']),
        ],
      }) as unknown as Partial<KasaConfig>,
  );

  const experiment = (key: string): Experiment => {
    const found = session.stack.config.experiments.find((e) => e.key === key);
    if (!found) throw new Error(`the stack runs no ${key} experiment`);
    return found;
  };

  /** A visitor id both experiments enrol in the given arms (computed as GrowthBook's SDKs would). */
  function visitorIn(paymentArm: string, deliveryArm: string): string {
    for (let i = 0; i < 500; i += 1) {
      const visitor = `visitor-${i}`;
      const payment = assignVariation(experiment('payment-order'), visitor);
      const delivery = assignVariation(experiment('delivery-order'), visitor);
      if (payment.inExperiment && payment.variation === paymentArm && delivery.variation === deliveryArm) {
        return visitor;
      }
    }
    throw new Error(`no visitor in ${paymentArm} and ${deliveryArm} among 500`);
  }

  /** A consenting shopper whose tracker cookie is `visitor`, on a new cart's checkout page. */
  async function openAs(visitor: string) {
    const context = await session.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(session.stack.shopUrl);
    await page.getByRole('button', { name: 'Zgadzam się na analitykę' }).click();
    await context.addCookies([{ name: 'kasa_vid', value: visitor, url: session.stack.shopUrl }]);
    const product = session.stack.runtime.sandbox.listProducts()[0]?.id ?? '';
    const cartRef = await session.stack.runtime.sandbox.createCart([{ productId: product, quantity: 1 }]);
    // The widget's script is held back until the first view has been read as the server sent it.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/widget\/kasa-checkout\.[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${session.stack.shopUrl}/kasa?cart=${cartRef}`, { waitUntil: 'domcontentloaded' });
    const serverRendered = {
      payment: await radios(page, 'paymentMethod'),
      delivery: await radios(page, 'shippingOption'),
    };
    expect(await page.locator('kasa-checkout').getAttribute('data-hydrated')).toBeNull();
    release();
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    const checkoutId = (await page.locator('kasa-checkout').getAttribute('checkout')) ?? '';
    return { context, page, errors, checkoutId, serverRendered };
  }

  /** A group's radios in the order the page lists them, the checked one marked with `*`. */
  const radios = (page: Page, name: string) =>
    page
      .locator(`input[type="radio"][name="${name}"]`)
      .evaluateAll((inputs) =>
        inputs.map(
          (input) => `${(input as HTMLInputElement).value}${(input as HTMLInputElement).checked ? '*' : ''}`,
        ),
      );

  const close = (context: BrowserContext) => context.close();

  it('shows BLIK after another method, not chosen, and couriers first, then buys for both arms', async () => {
    const { context, page, errors, checkoutId, serverRendered } = await openAs(
      visitorIn('blik-among-others', 'courier-first'),
    );
    try {
      const view = await session.stack.runtime.service.get(checkoutId);
      const providerOrder = view.paymentMethods.map((method) => method.id);
      // The sandbox lists BLIK first; among the others it follows the first other method, not chosen.
      expect(view.paymentMethods[0]?.kind).toBe('blik');
      const amongOthers = [providerOrder[1], providerOrder[0], ...providerOrder.slice(2)];
      expect(serverRendered.payment).toEqual(amongOthers);
      expect(await radios(page, 'paymentMethod')).toEqual(amongOthers);
      // Couriers first, then the shop's order: the locker after them.
      const couriers = view.shippingOptions.filter((o) => o.kind === 'courier').map((o) => o.id);
      const others = view.shippingOptions.filter((o) => o.kind !== 'courier').map((o) => o.id);
      expect(couriers.length).toBeGreaterThan(0);
      expect(view.shippingOptions[0]?.kind).toBe('locker');
      expect(serverRendered.delivery).toEqual([...couriers, ...others]);
      expect(await radios(page, 'shippingOption')).toEqual([...couriers, ...others]);

      await fillContact(page);
      await chooseLocker(page);
      await page.getByRole('radio', { name: 'BLIK' }).check();
      await enterBlik(page, '777123');
      await buy(page);
      await waitForPaid(page);

      const arms = { 'payment-order': 'blik-among-others', 'delivery-order': 'courier-first' };
      const stored = () => session.stack.runtime.events.byCheckout(checkoutId);
      await expect
        .poll(async () => (await stored()).find((event) => event.name === 'purchase')?.experiments, {
          timeout: 15_000,
        })
        .toEqual(arms);
      await expect
        .poll(
          async () =>
            (await stored())
              .filter((event) => event.name === 'experiment_exposure')
              .map((event) => event.params)
              .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
          { timeout: 15_000 },
        )
        .toEqual([
          { experiment: 'delivery-order', variation: 'courier-first' },
          { experiment: 'payment-order', variation: 'blik-among-others' },
        ]);
      expect(errors).toEqual([]);
    } finally {
      await close(context);
    }
  }, 60_000);

  it('keeps BLIK first and chosen, and the locker first, for the control arms', async () => {
    const { context, page, checkoutId, serverRendered } = await openAs(
      visitorIn('blik-first', 'locker-first'),
    );
    try {
      const view = await session.stack.runtime.service.get(checkoutId);
      const blikFirst = ['blik*', ...view.paymentMethods.filter((m) => m.kind !== 'blik').map((m) => m.id)];
      expect(serverRendered.payment).toEqual(blikFirst);
      expect(await radios(page, 'paymentMethod')).toEqual(blikFirst);
      expect(serverRendered.delivery[0]).toBe('inpost_locker');
      expect((await radios(page, 'shippingOption'))[0]).toBe('inpost_locker');
    } finally {
      await close(context);
    }
  }, 60_000);
});
