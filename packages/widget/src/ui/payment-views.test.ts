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
