import { describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';
import {
  buy,
  chooseLocker,
  enterBlik,
  expectNoAxeViolations,
  fillContact,
  openCheckout,
  shot,
  waitForPaid,
} from './checkout-page.ts';
import { chromiumAndStack } from './stack.ts';

describe.skipIf(!chromiumPath)('filling the widget form (real Chromium)', () => {
  const session = chromiumAndStack();

  it('courier delivery: shows what is wrong, and the fixed address reaches the order', async () => {
    const { page, context } = await openCheckout(session.browser, session.stack, 'one-page');
    await fillContact(page, { email: 'anna@', phone: '12 34', firstName: 'Anna', lastName: 'Kowalska' });
    await page.getByRole('radio', { name: /InPost Kurier/ }).check();
    await page.getByLabel('Kod pocztowy', { exact: true }).fill('123');
    await page.getByLabel('Miejscowość', { exact: true }).fill('Warszawa');
    await enterBlik(page, '777123');
    await buy(page);
    await page.getByText('Wpisz poprawny adres e-mail, np. jan@example.pl.').waitFor();
    await page.getByText(/Wpisz 9-cyfrowy numer telefonu/).waitFor();
    await page.getByText('Wpisz kod pocztowy w formacie NN-NNN, np. 00-950.').waitFor();
    expect(await page.getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);
    await shot(page, 'courier-errors');
    expect(
      session.stack.runtime.sandbox.listOrders().filter((o) => o.input.contact.email.startsWith('anna@')),
    ).toEqual([]);

    await fillContact(page, { email: 'anna.kurier@example.pl', phone: '512 345 678' });
    await page.getByLabel(/^Ulica/).fill('Marszałkowska');
    await page.getByLabel('Nr domu').fill('84');
    await page.getByLabel('Kod pocztowy', { exact: true }).fill('00-514');
    await enterBlik(page, '777123');
    await buy(page);
    await waitForPaid(page);
    const order = session.stack.runtime.sandbox.listOrders().at(-1);
    expect(order?.input.address).toMatchObject({
      street: 'Marszałkowska',
      buildingNumber: '84',
      postcode: '00-514',
      city: 'Warszawa',
    });
    expect(order?.input.shipping.kind).toBe('courier');
    await context.close();
  });

  it('company invoice: refuses a NIP with a wrong check digit, accepts the right one before payment', async () => {
    const { page, context } = await openCheckout(session.browser, session.stack, 'one-page');
    await fillContact(page, {
      email: 'firma@example.pl',
      phone: '512 345 678',
      firstName: 'Jan',
      lastName: 'Nowak',
    });
    await chooseLocker(page);
    await page.getByRole('checkbox', { name: 'Chcę fakturę na firmę' }).check();
    await page.getByLabel('NIP', { exact: true }).fill('123-456-32-19');
    await page.getByLabel(/Nazwa firmy/).fill('Palarnia Nowak sp. z o.o.');
    await page.getByLabel('NIP', { exact: true }).blur();
    await page.getByText(/błędną cyfrę kontrolną/).waitFor();
    await shot(page, 'invoice-wrong-nip');
    await page.getByLabel('NIP', { exact: true }).fill('PL 123-456-32-18');
    const billing = page.getByRole('group', { name: 'Adres firmy na fakturze' });
    await billing.getByLabel('Nr domu').fill('7');
    await billing.getByLabel('Kod pocztowy').fill('31-042');
    await billing.getByLabel('Miejscowość').fill('Kraków');
    await enterBlik(page, '777123');
    await buy(page);
    await waitForPaid(page);
    expect(session.stack.runtime.sandbox.listOrders().at(-1)?.input.company).toMatchObject({
      nip: '1234563218',
      name: 'Palarnia Nowak sp. z o.o.',
    });
    await context.close();
  });

  it('can be completed with the keyboard alone', async () => {
    const { page, context } = await openCheckout(session.browser, session.stack, 'multi-step');
    await page.getByLabel('E-mail', { exact: true }).focus();
    await page.keyboard.type('klawiatura@example.pl');
    await page.keyboard.press('Tab');
    await page.keyboard.type('512345678');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ewa');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lis');
    // Past the optional "remember me" box, into the delivery radio group: arrow keys move and
    // select, as in any radio group.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('radio', { name: /InPost Paczkomat/ }).isChecked()).toBe(true);
    // The locker search appears with the next render, as a shopper sees it before tabbing on.
    await page.getByLabel('Kod pocztowy lub miejscowość').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('30-001');
    await page.keyboard.press('Enter');
    await page
      .getByRole('radio', { name: /KRA\w+/ })
      .first()
      .waitFor();
    await page
      .getByRole('radio', { name: /KRA\w+/ })
      .first()
      .focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Dalej' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Krok 2 z 3/ }).waitFor();
    await page.getByRole('button', { name: 'Dalej' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Krok 3 z 3/ }).waitFor();
    await page.getByLabel('Kod BLIK').focus();
    await page.keyboard.type('777123');
    await page.keyboard.press('Enter');
    await waitForPaid(page);
    expect(session.stack.runtime.sandbox.listOrders().at(-1)?.input.contact.email).toBe(
      'klawiatura@example.pl',
    );
    await context.close();
  });
});
