import type { PluginFake } from '@kasa/core';
import { payuPlugin } from '@kasa/payments-payu';
import { inpostPickupPlugin } from '@kasa/pickup';
import type { KasaConfig } from '@kasa/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import {
  buy,
  chooseLocker,
  enterBlik,
  fillContact,
  openCheckout,
  shot,
  waitForPaid,
} from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

/**
 * A shop configured with `payments.provider: "payu"` and `pickup.provider: "inpost"`, both against
 * their local fakes (PayU's REST API with OAuth and signed notifications, InPost's Points API), in
 * real Chromium: the lockers are InPost's, BLIK goes through PayU, PayU's payer information is shown.
 */
describe.skipIf(!chromiumPath)('BLIK through PayU to an InPost locker (local fakes, real Chromium)', () => {
  const fakes: { payu?: PluginFake<unknown>; inpost?: PluginFake<unknown> } = {};
  // Registered before the stack's own hooks, so the fakes answer when the stack starts.
  beforeAll(async () => {
    fakes.payu = await payuPlugin.startFake?.();
    fakes.inpost = await inpostPickupPlugin.startFake?.();
  });
  const session = chromiumAndStack(
    {},
    () =>
      ({
        payments: { provider: 'payu', ...(fakes.payu?.config as object) },
        pickup: { provider: 'inpost', ...(fakes.inpost?.config as object) },
      }) as unknown as Partial<KasaConfig>,
  );
  afterAll(async () => {
    await Promise.all([fakes.payu?.close(), fakes.inpost?.close()]);
  });

  it('shows PayU’s payer information, takes BLIK 777123 through PayU, and the order is paid', async () => {
    const { page, context, errors } = await openCheckout(session.browser, session.stack, 'one-page');
    try {
      await fillContact(page);
      const pointId = await chooseLocker(page);
      expect(pointId).toMatch(/^KRA/);
      await page.getByText(/Płatność obsługuje PayU/).waitFor();
      await enterBlik(page, '777123');
      await shot(page, 'payu-inpost-1-filled');
      await buy(page);
      await waitForPaid(page);
      await shot(page, 'payu-inpost-2-paid');
      const checkoutId = (await page.locator('kasa-checkout').getAttribute('checkout')) ?? '';
      expect((await session.stack.runtime.service.get(checkoutId)).status).toBe('paid');
      const providers = session.stack.runtime.db
        .prepare('SELECT provider FROM kasa_payments WHERE checkout_id = ?')
        .all(checkoutId) as { provider: string }[];
      expect(providers).toEqual([{ provider: 'payu' }]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
