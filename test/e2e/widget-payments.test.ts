import { describe, expect, it } from 'vitest';
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

describe.skipIf(!chromiumPath)('BLIK outcomes and a reload in the widget (real Chromium)', () => {
  const session = chromiumAndStack({ blikApprovalWindowMs: 3_000 });

  async function readyToPay() {
    const opened = await openCheckout(session.browser, session.stack, 'one-page');
    await fillContact(opened.page);
    await chooseLocker(opened.page);
    return opened;
  }

  const ordersOf = (checkoutEmail: string) =>
    session.stack.runtime.sandbox.listOrders().filter((order) => order.input.contact.email === checkoutEmail);

  it('shows a rejected code, lets the shopper type a new one, and pays the same order', async () => {
    const { page, context } = await readyToPay();
    const before = session.stack.runtime.sandbox.countOrders();
    await enterBlik(page, '500500');
    await buy(page);
    await page.getByText(/Płatność BLIK została odrzucona/).waitFor({ timeout: 10_000 });
    await shot(page, 'blik-rejected');
    expect(await page.getByLabel('Kod BLIK').inputValue()).toBe('');
    await enterBlik(page, '777 321');
    await buy(page);
    await waitForPaid(page);
    expect(session.stack.runtime.sandbox.countOrders()).toBe(before + 1);
    expect(session.stack.runtime.sandbox.listOrders().at(-1)?.status).toBe('paid');
    await context.close();
  });

  it('cancels on the server with "Anuluj", then pays with a new code', async () => {
    const { page, context } = await readyToPay();
    await enterBlik(page, '999123');
    await buy(page);
    await page.getByText('Potwierdź płatność w aplikacji banku').waitFor();
    await page.getByRole('button', { name: 'Anuluj' }).click();
    await page
      .getByText(/anulowana/i)
      .first()
      .waitFor();
    const cancelled = session.stack.runtime.db
      .prepare('SELECT status FROM kasa_payments ORDER BY created_at DESC, rowid DESC LIMIT 1')
      .get() as { status: string };
    expect(cancelled.status).toBe('cancelled');
    await enterBlik(page, '777555');
    await buy(page);
    await waitForPaid(page);
    await context.close();
  });

  it('says when the code was not confirmed in time and takes a new one', async () => {
    const { page, context } = await readyToPay();
    await enterBlik(page, '999000');
    await buy(page);
    await page.getByText('Potwierdź płatność w aplikacji banku').waitFor();
    await page
      .getByText(/na czas|wygasł/i)
      .first()
      .waitFor({ timeout: 10_000 });
    await shot(page, 'blik-timeout');
    await enterBlik(page, '777000');
    await buy(page);
    await waitForPaid(page);
    await context.close();
  });

  it('restores what was typed after a reload in the middle', async () => {
    const { page, context, url } = await openCheckout(session.browser, session.stack, 'multi-step');
    await fillContact(page, { email: 'reload@example.pl', phone: '501 234 567' });
    await page.getByLabel('Imię', { exact: true }).fill('Ola');
    await page.getByLabel('Imię', { exact: true }).blur();
    await page.waitForTimeout(600);
    await page.goto(url);
    await page.locator('kasa-checkout[data-hydrated]').waitFor({ state: 'attached' });
    await expect
      .poll(() => page.getByLabel('E-mail', { exact: true }).inputValue())
      .toBe('reload@example.pl');
    await expect.poll(() => page.getByLabel('Imię', { exact: true }).inputValue()).toBe('Ola');
    await context.close();
    expect(ordersOf('reload@example.pl')).toEqual([]);
  });
});
