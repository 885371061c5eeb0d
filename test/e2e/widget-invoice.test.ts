import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import {
  buy,
  chooseLocker,
  enterBlik,
  expectNoAxeViolations,
  fillContact,
  next,
  openCheckout,
  shot,
  waitForPaid,
} from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

describe.skipIf(!chromiumPath)("a company invoice with the company's address (real Chromium)", () => {
  const session = chromiumAndStack();

  const lastOrder = () => session.stack.runtime.sandbox.listOrders().at(-1);

  it('one-page on a desktop, locker: asks the address the locker cannot give, and sends it with the order', async () => {
    const { page, context, errors } = await openCheckout(
      session.browser,
      session.stack,
      'one-page',
      'desktop',
    );
    await fillContact(page);
    await chooseLocker(page);
    await page.getByRole('checkbox', { name: 'Chcę fakturę na firmę' }).check();
    await page.getByLabel('NIP', { exact: true }).fill('123-456-32-18');
    await page.getByLabel('Nazwa firmy').fill('Palarnia Nowak sp. z o.o.');
    const billing = page.getByRole('group', { name: 'Adres firmy na fakturze' });
    expect(await billing.getByLabel('Miejscowość').inputValue()).toBe('');
    const orders = session.stack.runtime.sandbox.countOrders();
    await enterBlik(page, '777123');
    await buy(page);
    await billing.getByText('To pole jest wymagane.').first().waitFor();
    expect(session.stack.runtime.sandbox.countOrders()).toBe(orders);
    await expectNoAxeViolations(page);
    await shot(page, 'invoice-address-missing');

    await billing.getByLabel(/^Ulica/).fill('Rynek Główny 1/2');
    await billing.getByLabel('Kod pocztowy').fill('31-042');
    await billing.getByLabel('Miejscowość').fill('Kraków');
    await enterBlik(page, '777123');
    await buy(page);
    await waitForPaid(page);
    expect(lastOrder()?.input.company).toMatchObject({
      nip: '1234563218',
      name: 'Palarnia Nowak sp. z o.o.',
      address: {
        street: 'Rynek Główny',
        buildingNumber: '1',
        flatNumber: '2',
        postcode: '31-042',
        city: 'Kraków',
      },
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('multi-step on a phone, courier: starts from the delivery address and shows the invoice in the review', async () => {
    const { page, context, errors } = await openCheckout(
      session.browser,
      session.stack,
      'multi-step',
      'phone',
    );
    await fillContact(page);
    await page.getByRole('radio', { name: /InPost Kurier/ }).check();
    await page.getByLabel(/^Ulica/).fill('Marszałkowska');
    await page.getByLabel('Nr domu').fill('84');
    await page.getByLabel('Kod pocztowy', { exact: true }).fill('00-514');
    await page.getByLabel('Miejscowość', { exact: true }).fill('Warszawa');
    await next(page, 'multi-step');
    await page.getByRole('heading', { name: /Krok 2 z 3/ }).waitFor();
    await page.getByRole('checkbox', { name: 'Chcę fakturę na firmę' }).check();
    await page.getByLabel('NIP', { exact: true }).fill('1234563218');
    await page.getByLabel('Nazwa firmy').fill('Biuro Kowalska');
    const billing = page.getByRole('group', { name: 'Adres firmy na fakturze' });
    expect(await billing.getByLabel('Kod pocztowy').inputValue()).toBe('00-514');
    expect(await billing.getByLabel('Miejscowość').inputValue()).toBe('Warszawa');
    await expectNoAxeViolations(page);
    await next(page, 'multi-step');
    await page.getByRole('heading', { name: /Krok 3 z 3/ }).waitFor();
    await page.getByText('Biuro Kowalska, NIP 1234563218, Marszałkowska 84, 00-514 Warszawa').waitFor();
    await shot(page, 'invoice-review-multi-step-phone');
    await enterBlik(page, '777123');
    await buy(page);
    await waitForPaid(page);
    expect(lastOrder()?.input.company).toMatchObject({
      name: 'Biuro Kowalska',
      address: { street: 'Marszałkowska', buildingNumber: '84', postcode: '00-514', city: 'Warszawa' },
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
