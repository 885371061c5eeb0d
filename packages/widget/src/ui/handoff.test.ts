// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/fake-api.ts';
import { SHOPPER, setup } from '../testing/setup.ts';
import { makeView } from '../testing/view.ts';
import { App } from './App.tsx';

afterEach(cleanup);

const SHOPIFY_URL = 'https://sklep.myshopify.com/cart/c/abc?key=k';

/** The widget of a Shopify store in mode A, its API answering the hand-off with `changed` (a price). */
function renderHandoff(layout: 'one-page' | 'multi-step', changed?: number) {
  const api = fakeApi(makeView(), () => Date.now());
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    if (!String(input).endsWith('/shopify-checkout')) return api.fetch(input, init);
    api.calls.push({
      method: init.method ?? 'GET',
      path: new URL(String(input)).pathname,
      headers: {},
      body: undefined,
    });
    const price = { amount: changed ?? 1299, currency: 'PLN' };
    return new Response(
      JSON.stringify({
        checkoutUrl: SHOPIFY_URL,
        delivery: { title: 'InPost Paczkomat 24/7', price },
        total: { amount: 10_000, currency: 'PLN' },
        shippingPriceChanged: changed !== undefined,
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  };
  const harness = setup({ api: { ...api, fetch }, config: { layout, handoff: 'shopify' } });
  const screen = render(createElement(App, { controller: harness.controller }));
  const fill = (name: string, value: string) => {
    const input = screen.container.querySelector<HTMLInputElement>(`[name="${name}"]`);
    if (!input) throw new Error(`no field ${name}`);
    fireEvent.input(input, { target: { value } });
    fireEvent.blur(input);
  };
  async function contactAndLocker() {
    fill('email', SHOPPER.email);
    fill('phone', SHOPPER.phone);
    fill('firstName', SHOPPER.firstName);
    fill('lastName', SHOPPER.lastName);
    fireEvent.click(screen.getByLabelText(/Paczkomat InPost/));
    fireEvent.input(screen.getByLabelText('Kod pocztowy lub miejscowość'), { target: { value: '31-154' } });
    fireEvent.click(screen.getByRole('button', { name: 'Szukaj' }));
    await waitFor(() => expect(screen.getByLabelText(/KRA010/)).toBeTruthy());
    fireEvent.click(screen.getByLabelText(/KRA010/));
  }
  const press = () => fireEvent.click(screen.getByRole('button', { name: 'Przejdź do płatności' }));
  const handoffCalls = () => api.calls.filter((call) => call.path.endsWith('/shopify-checkout'));
  return { ...harness, api, screen, contactAndLocker, press, handoffCalls };
}

const headings = (root: Element) => Array.from(root.querySelectorAll('h2, h3')).map((h) => h.textContent);

describe('the widget of a Shopify store in mode A', () => {
  it.each(['one-page', 'multi-step'] as const)(
    '%s: asks contact and delivery only, no payment section',
    (layout) => {
      const { screen } = renderHandoff(layout);
      expect(headings(screen.container)).toEqual(['Dane kontaktowe', 'Dostawa', 'Podsumowanie']);
      expect(screen.queryByRole('button', { name: 'Kupuję i płacę' })).toBeNull();
      expect(screen.container.querySelector('[name="paymentMethod"]')).toBeNull();
      expect(screen.getByRole('button', { name: 'Przejdź do płatności' })).toBeTruthy();
    },
  );

  it('does not hand over a checkout without contact or locker, and shows what is missing', async () => {
    const { screen, press, handoffCalls, navigate } = renderHandoff('one-page');
    press();
    const email = screen.container.querySelector('[name="email"]');
    await waitFor(() => expect(screen.container.ownerDocument.activeElement).toBe(email));
    expect(email?.getAttribute('aria-invalid')).toBe('true');
    expect(handoffCalls()).toHaveLength(0);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('saves contact and the locker, then sends the shopper to Shopify’s checkout', async () => {
    const { contactAndLocker, press, api, navigate } = renderHandoff('one-page');
    await contactAndLocker();
    press();
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(SHOPIFY_URL));
    const paths = api.calls.map(
      (call) => `${call.method} ${call.path.replace(/\/api\/checkouts\/[^/]+/, '')}`,
    );
    expect(paths.filter((p) => !p.includes('pickup-points'))).toEqual(
      expect.arrayContaining(['PUT /contact', 'PUT /delivery', 'POST /shopify-checkout']),
    );
    // The hand-off comes after both saves.
    expect(paths.at(-1)).toBe('POST /shopify-checkout');
    const delivery = api.calls
      .filter((call) => call.method === 'PUT' && call.path.endsWith('/delivery'))
      .at(-1);
    expect(delivery?.body).toMatchObject({ pickupPointId: 'KRA010' });
  });

  it('shows Shopify’s delivery price when it differs, and goes on at the next press', async () => {
    const { screen, contactAndLocker, press, navigate, handoffCalls } = renderHandoff('one-page', 1_499);
    await contactAndLocker();
    press();
    await waitFor(() => expect(screen.getByText(/Sklep liczy za tę dostawę 14,99\s?zł/)).toBeTruthy());
    expect(navigate).not.toHaveBeenCalled();
    press();
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(SHOPIFY_URL));
    expect(handoffCalls()).toHaveLength(2);
  });
});
