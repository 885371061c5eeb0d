// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { type SetupOptions, SHOPPER, setup } from '../testing/setup.ts';
import { App } from './App.tsx';
import { loadWords } from './words.ts';

afterEach(cleanup);

function renderApp(options: SetupOptions = {}) {
  const harness = setup(options);
  const screen = render(createElement(App, { controller: harness.controller }));
  const field = (name: string) => screen.container.querySelector<HTMLInputElement>(`[name="${name}"]`);
  const fill = (name: string, value: string) => {
    const input = field(name);
    if (!input) throw new Error(`no field ${name}`);
    fireEvent.input(input, { target: { value } });
    fireEvent.blur(input);
  };
  return { ...harness, screen, field, fill };
}

const headings = (root: Element) => Array.from(root.querySelectorAll('h2, h3')).map((h) => h.textContent);

describe('one-page layout', () => {
  it('shows every section at once, top to bottom, and the summary', () => {
    const { screen } = renderApp();
    expect(headings(screen.container)).toEqual([
      'Dane kontaktowe',
      'Dostawa',
      'Faktura',
      'Płatność',
      'Podsumowanie',
    ]);
    expect(screen.getByRole('button', { name: 'Kupuję i płacę' })).toBeTruthy();
    expect(screen.getByText('Składasz zamówienie z obowiązkiem zapłaty.')).toBeTruthy();
  });

  it('lists InPost lockers first with price and delivery time', () => {
    const { screen } = renderApp();
    const options = Array.from(screen.container.querySelectorAll('input[name="shippingOption"]')).map(
      (radio) => radio.closest('label')?.textContent?.replace(/\s/g, ' '),
    );
    expect(options).toEqual([
      'Paczkomat InPost1 dzień roboczy12,99 zł',
      'Kurier DPD1–2 dni robocze15,99 zł',
      'Odbiór w sklepiedziśza darmo',
    ]);
  });

  it('asks only for the locker on the locker path, and for the address on the courier path', async () => {
    const { screen, field } = renderApp();
    fireEvent.click(screen.getByLabelText(/Paczkomat InPost/));
    expect(field('address.city')).toBeNull();
    fireEvent.input(screen.getByLabelText('Kod pocztowy lub miejscowość'), { target: { value: '31-154' } });
    fireEvent.click(screen.getByRole('button', { name: 'Szukaj' }));
    await waitFor(() => expect(screen.getByRole('group', { name: 'Wybierz paczkomat' })).toBeTruthy());
    expect(screen.getByLabelText(/KRA010 · Pawia 5, 31-154 Kraków/).closest('label')?.textContent).toContain(
      'Czynny 24/7',
    );
    fireEvent.click(screen.getByLabelText(/Kurier DPD/));
    for (const name of [
      'address.street',
      'address.buildingNumber',
      'address.flatNumber',
      'address.postcode',
      'address.city',
    ]) {
      expect(field(name)).not.toBeNull();
    }
    expect(field('address.postcode')?.getAttribute('autocomplete')).toBe('shipping postal-code');
    expect(field('address.street')?.required).toBe(false);
  });

  it('asks for NIP and company name only behind the invoice toggle', () => {
    const { screen, field } = renderApp();
    expect(field('invoice.nip')).toBeNull();
    fireEvent.click(screen.getByLabelText('Chcę fakturę na firmę'));
    expect(field('invoice.nip')).not.toBeNull();
    expect(field('invoice.companyName')?.getAttribute('autocomplete')).toBe('organization');
  });

  it('on a failed submit, marks each error, links its text and moves focus to the first', async () => {
    const { screen, field } = renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Kupuję i płacę' }));
    await waitFor(() => expect(screen.container.ownerDocument.activeElement).toBe(field('email')));
    const email = field('email');
    expect(email?.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email?.getAttribute('aria-describedby')?.split(' ') ?? [];
    const text = describedBy
      .map((id) => screen.container.querySelector(`[id="${id}"]`)?.textContent)
      .join(' ');
    expect(text).toContain('To pole jest wymagane.');
  });

  it('has the right type, autocomplete and inputmode on contact fields', () => {
    const { field } = renderApp();
    expect([field('email')?.type, field('email')?.getAttribute('autocomplete')]).toEqual(['email', 'email']);
    expect([field('phone')?.type, field('phone')?.getAttribute('autocomplete')]).toEqual(['tel', 'tel']);
    expect(field('firstName')?.getAttribute('autocomplete')).toBe('given-name');
    expect(field('lastName')?.getAttribute('autocomplete')).toBe('family-name');
  });

  it('shows a terms checkbox, unticked, only when the shop has terms', () => {
    expect(renderApp().field('consents.terms')).toBeNull();
    cleanup();
    const { field } = renderApp({ config: { termsUrl: 'https://shop.test/regulamin' } });
    expect(field('consents.terms')?.checked).toBe(false);
    expect(field('consents.marketingEmail')?.checked).toBe(false);
    expect(field('consents.marketingSms')?.checked).toBe(false);
  });

  it('says "za darmo" for free delivery in the totals as in the option', () => {
    const { screen, controller } = renderApp();
    controller.chooseShipping('store');
    return waitFor(() => {
      const row = screen.container.querySelector('.kasa-final .kasa-totals > div');
      expect(row?.textContent).toBe('Dostawaza darmo');
    });
  });

  it('asks for the terms in words of their own', async () => {
    const { screen, controller } = renderApp({ config: { termsUrl: 'https://shop.test/regulamin' } });
    await controller.placeOrderAndPay();
    await waitFor(() =>
      expect(screen.getByText('Zaakceptuj regulamin sklepu, aby złożyć zamówienie.')).toBeTruthy(),
    );
  });

  it('speaks English when asked', async () => {
    await loadWords('en');
    const { screen } = renderApp({ config: { locale: 'en' } });
    expect(screen.getByRole('button', { name: 'Buy and pay' })).toBeTruthy();
    expect(screen.getByLabelText('BLIK code')).toBeTruthy();
  });
});

describe('multi-step layout', () => {
  const steps = (root: Element) =>
    Array.from(root.querySelectorAll('nav ol > li')).map((li) => [
      li.textContent,
      li.getAttribute('aria-current'),
    ]);

  it('shows a step indicator with the current step marked', () => {
    const { screen } = renderApp({ config: { layout: 'multi-step' } });
    expect(steps(screen.container)).toEqual([
      ['1 Dane i dostawa', 'step'],
      ['2 Faktura i płatność', null],
      ['3 Sprawdź i zapłać', null],
    ]);
    expect(screen.container.querySelector('[name="blikCode"]')).toBeNull();
  });

  it('does not move on with missing data, and moves focus to the first problem', async () => {
    const { screen, field } = renderApp({ config: { layout: 'multi-step' } });
    fireEvent.click(screen.getByRole('button', { name: 'Dalej' }));
    await waitFor(() => expect(screen.container.ownerDocument.activeElement).toBe(field('email')));
    expect(steps(screen.container)[0]?.[1]).toBe('step');
  });

  it('goes forward to payment and back without losing anything, focus on the step heading', async () => {
    const { screen, field, fill } = renderApp({ config: { layout: 'multi-step' } });
    fill('email', SHOPPER.email);
    fill('phone', SHOPPER.phone);
    fill('firstName', SHOPPER.firstName);
    fill('lastName', SHOPPER.lastName);
    fireEvent.click(screen.getByLabelText(/Odbiór w sklepie/));
    fireEvent.click(screen.getByRole('button', { name: 'Dalej' }));
    await waitFor(() => expect(steps(screen.container)[1]?.[1]).toBe('step'));
    const heading = screen.container.querySelector('[data-step-heading]');
    await waitFor(() => expect(screen.container.ownerDocument.activeElement).toBe(heading));
    expect(heading?.textContent).toContain('Faktura i płatność');
    fireEvent.click(screen.getByRole('button', { name: 'Wstecz' }));
    await waitFor(() => expect(steps(screen.container)[0]?.[1]).toBe('step'));
    expect(field('email')?.value).toBe(SHOPPER.email);
    expect(field('lastName')?.value).toBe(SHOPPER.lastName);
    expect((screen.getByLabelText(/Odbiór w sklepie/) as HTMLInputElement).checked).toBe(true);
  });

  it('asks for the BLIK code on the summary step, right before the button, with "Wstecz" above both', async () => {
    const { screen, controller } = renderApp({ config: { layout: 'multi-step' }, restored: { step: 3 } });
    expect(controller.getState().step).toBe(3);
    const order = Array.from(
      screen.container.querySelectorAll('.kasa-nav button, [name="blikCode"], .kasa-pay'),
    );
    expect(order.map((el) => el.textContent || el.tagName)).toEqual(['Wstecz', 'INPUT', 'Kupuję i płacę']);
  });

  it('never shows two headings with the same words on a step', () => {
    for (const step of [1, 2, 3] as const) {
      const { screen } = renderApp({ config: { layout: 'multi-step' }, restored: { step } });
      const seen = headings(screen.container).map((text) => text?.replace(/^Krok \d z 3: /, ''));
      expect(new Set(seen).size, seen.join(' | ')).toBe(seen.length);
      cleanup();
    }
  });
});
