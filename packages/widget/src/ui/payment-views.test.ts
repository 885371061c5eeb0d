// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fillLocker, type SetupOptions, setup, T0 } from '../testing/setup.ts';
import { makeView } from '../testing/view.ts';
import { App } from './App.tsx';

beforeEach(() => {
  vi.useFakeTimers({
    now: T0,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function pressPay(code: string, options: SetupOptions = {}) {
  const harness = setup(options);
  const screen = render(createElement(App, { controller: harness.controller }));
  fillLocker(harness.controller);
  harness.controller.setField('blikCode', code);
  fireEvent.click(screen.getByRole('button', { name: 'Kupuję i płacę' }));
  await vi.advanceTimersByTimeAsync(0);
  return { ...harness, screen };
}

/** Przelewy24's methods as the server lists them: BLIK with P24's consent to tick, pay-by-link without. */
const p24View = () =>
  makeView({
    paymentMethods: [
      {
        id: 'blik',
        kind: 'blik',
        provider: 'przelewy24',
        label: 'BLIK',
        processorNotice: {
          text: 'Oświadczam, że zapoznałem się z regulaminem i obowiązkiem informacyjnym serwisu Przelewy24',
          links: [
            { label: 'regulaminem', url: 'https://www.przelewy24.pl/regulamin' },
            { label: 'obowiązkiem informacyjnym', url: 'https://www.przelewy24.pl/obowiazekinformacyjny' },
          ],
          requiresConsent: true,
        },
      },
      { id: 'pbl', kind: 'pbl', provider: 'przelewy24', label: 'Przelewy24: szybki przelew' },
    ],
  });

describe('payment views', () => {
  it("shows the chosen provider's payer notice, with its terms, and only for that method", () => {
    const notice = { text: 'Płatność obsługuje PayU S.A.', termsUrl: 'https://payu.example/terms.pdf' };
    const view = makeView({
      paymentMethods: [
        { id: 'blik', kind: 'blik', provider: 'payu', label: 'BLIK', processorNotice: notice },
        { id: 'cod', kind: 'cod', provider: 'sandbox', label: 'Za pobraniem' },
      ],
    });
    const harness = setup({ view });
    const screen = render(createElement(App, { controller: harness.controller }));
    harness.controller.choosePaymentMethod('blik');
    return waitFor(() => {
      expect(screen.getByText(notice.text, { exact: false })).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Zasady płatności' }).getAttribute('href')).toBe(
        notice.termsUrl,
      );
    }).then(async () => {
      harness.controller.choosePaymentMethod('cod');
      await waitFor(() => expect(screen.queryByText(notice.text, { exact: false })).toBeNull());
    });
  });

  it('shows a notice that asks no consent as a line of text, never as a checkbox', () => {
    const notice = { text: 'Płatność obsługuje PayU S.A.' };
    const view = makeView({
      paymentMethods: [
        { id: 'blik', kind: 'blik', provider: 'payu', label: 'BLIK', processorNotice: notice },
      ],
    });
    const harness = setup({ view });
    const screen = render(createElement(App, { controller: harness.controller }));
    harness.controller.choosePaymentMethod('blik');
    return waitFor(() => {
      expect(screen.getByText(notice.text).tagName).toBe('P');
      expect(screen.container.querySelector('[name="consents.processor"]')).toBeNull();
    });
  });

  it('asks the processor’s consent as an unticked checkbox with its links, and pays only once it is ticked', async () => {
    const harness = setup({ view: p24View() });
    const screen = render(createElement(App, { controller: harness.controller }));
    fillLocker(harness.controller);
    harness.controller.choosePaymentMethod('blik');
    await vi.advanceTimersByTimeAsync(0);
    const box = screen.getByRole('checkbox', { name: /serwisu Przelewy24/ }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByRole('link', { name: 'regulaminem' }).getAttribute('href')).toBe(
      'https://www.przelewy24.pl/regulamin',
    );
    expect(screen.getByRole('link', { name: 'obowiązkiem informacyjnym' }).getAttribute('href')).toBe(
      'https://www.przelewy24.pl/obowiazekinformacyjny',
    );

    harness.controller.setField('blikCode', '777123');
    fireEvent.click(screen.getByRole('button', { name: 'Kupuję i płacę' }));
    // The first press may wait for the payment chunk (fetched at the first edit).
    await vi.waitFor(() => screen.getByText('Zaakceptuj regulamin operatora płatności, aby zapłacić.'));
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.container.ownerDocument.activeElement).toBe(box);
    expect(harness.api.callsTo('POST', '/order')).toHaveLength(0);
    expect(harness.api.callsTo('POST', '/payments')).toHaveLength(0);

    fireEvent.click(box);
    await vi.advanceTimersByTimeAsync(0);
    expect(box.checked).toBe(true);
    expect(box.getAttribute('aria-invalid')).toBeNull();
    harness.controller.setField('blikCode', '777123');
    fireEvent.click(screen.getByRole('button', { name: 'Kupuję i płacę' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(harness.api.callsTo('POST', '/payments').map((c) => c.body)).toEqual([
      expect.objectContaining({ blikCode: '777123', processorConsent: true }),
    ]);
  });

  it('in multi-step asks the processor’s consent on the payment step, before the summary', async () => {
    const harness = setup({ view: p24View(), config: { layout: 'multi-step' } });
    const screen = render(createElement(App, { controller: harness.controller }));
    fillLocker(harness.controller);
    harness.controller.goToStep(2);
    harness.controller.choosePaymentMethod('blik');
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByRole('checkbox', { name: /serwisu Przelewy24/ })).toBeTruthy();
    harness.controller.goToStep(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(harness.controller.getState().step).toBe(2);
    expect(screen.getByText('Zaakceptuj regulamin operatora płatności, aby zapłacić.')).toBeTruthy();
  });

  it('asks to confirm in the bank app, with the time left and a real "Anuluj"', async () => {
    const { screen, api } = await pressPay('999123');
    const heading = screen.getByRole('heading', { name: 'Potwierdź płatność w aplikacji banku' });
    expect(screen.container.ownerDocument.activeElement).toBe(heading);
    expect(screen.getByRole('timer').textContent).toBe('Pozostało 1:00');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(screen.getByRole('timer').textContent).toBe('Pozostało 0:45');
    fireEvent.click(screen.getByRole('button', { name: 'Anuluj' }));
    await waitFor(() => expect(api.callsTo('POST', '/cancel')).toHaveLength(1));
    await waitFor(() => expect(screen.getByLabelText('Kod BLIK')).toBeTruthy());
    const said = screen.getByText(/Płatność BLIK została anulowana\. Zamówienie nr 1001 czeka na zapłatę/);
    expect(said.className).toBe('kasa-info');
    expect(screen.getByLabelText('Kod BLIK').getAttribute('aria-invalid')).toBeNull();
  });

  it('after the window says "Kod BLIK wygasł" and offers a new code', async () => {
    const { screen } = await pressPay('999123');
    await vi.advanceTimersByTimeAsync(61_000);
    expect(screen.getByRole('heading', { name: 'Kod BLIK wygasł' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Wpisz nowy kod' }));
    await waitFor(() => expect(screen.getByLabelText('Kod BLIK')).toBeTruthy());
    const input = screen.getByLabelText('Kod BLIK') as HTMLInputElement;
    expect(input.value).toBe('');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('thanks with the order number once paid, and offers an account only then', async () => {
    const { screen } = await pressPay('777123', { config: { accountUrl: 'https://shop.test/konto' } });
    expect(screen.queryByRole('link', { name: 'Załóż konto' })).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(screen.getByRole('heading', { name: 'Dziękujemy! Zamówienie nr 1001' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Załóż konto' }).getAttribute('href')).toBe(
      'https://shop.test/konto',
    );
  });
});
