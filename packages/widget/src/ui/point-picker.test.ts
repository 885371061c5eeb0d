// @vitest-environment happy-dom
import type { PickupPoint } from '@kasa/core';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/fake-api.ts';
import { setup } from '../testing/setup.ts';
import { makeView, points } from '../testing/view.ts';
import { App } from './App.tsx';

afterEach(() => {
  cleanup();
  for (const script of document.querySelectorAll('script[src*="geowidget"]')) script.remove();
});

const GEOWIDGET = { token: 'eyJ.merchant.token', sandbox: true };

/** The app with the locker option chosen; `answer` replaces GET /api/pickup-points's answer. */
function lockerPicker(answer?: { points: PickupPoint[]; stale?: { fetchedAt: string } }) {
  const api = fakeApi(makeView(), () => Date.now());
  const fetch: typeof api.fetch = async (input, init) =>
    answer && String(input).includes('/api/pickup-points') ? Response.json(answer) : api.fetch(input, init);
  const harness = setup({ api: { ...api, fetch }, config: { geowidget: GEOWIDGET } });
  const screen = render(createElement(App, { controller: harness.controller }));
  fireEvent.click(screen.getByLabelText(/Paczkomat InPost/));
  const search = async (query: string) => {
    fireEvent.input(screen.getByLabelText('Kod pocztowy lub miejscowość'), { target: { value: query } });
    fireEvent.click(screen.getByRole('button', { name: 'Szukaj' }));
  };
  return { ...harness, screen, search };
}

const mapScript = () => document.querySelector<HTMLScriptElement>('script[src*="geowidget"]');

describe('the locker picker and InPost’s map', () => {
  it('loads the map only when the shopper asks for it, with the merchant’s token', async () => {
    // Every element put into the page, kept even after the refused script removed the map again.
    const append = vi.spyOn(Element.prototype, 'append');
    const added = () => append.mock.calls.flat().filter((node): node is Element => node instanceof Element);
    try {
      const { screen } = lockerPicker();
      expect(added().filter((node) => /SCRIPT|LINK|INPOST-GEOWIDGET/.test(node.tagName))).toEqual([]);
      fireEvent.click(screen.getByRole('button', { name: 'Pokaż mapę' }));
      await waitFor(() => expect(added().some((node) => node.tagName === 'SCRIPT')).toBe(true));
      const map = added().find((node) => node.tagName === 'INPOST-GEOWIDGET');
      const script = added().find((node): node is HTMLScriptElement => node.tagName === 'SCRIPT');
      expect(map?.getAttribute('token')).toBe(GEOWIDGET.token);
      expect(script?.src).toBe('https://sandbox-easy-geowidget-sdk.easypack24.net/inpost-geowidget.js');
    } finally {
      append.mockRestore();
    }
  });

  it('keeps the list working when the map cannot load, and says so in its place', async () => {
    const { screen, search, api } = lockerPicker();
    fireEvent.click(screen.getByRole('button', { name: 'Pokaż mapę' }));
    mapScript()?.dispatchEvent(new Event('error'));
    await waitFor(() => expect(screen.getByText(/Nie udało się wczytać mapy paczkomatów/)).toBeTruthy());
    expect(screen.container.querySelector('inpost-geowidget')).toBeNull();
    await search('Kraków');
    fireEvent.click(await screen.findByLabelText(/KRA022/));
    await waitFor(() => expect(api.calls.some((c) => c.path.endsWith('/delivery'))).toBe(true));
  });

  it('shows the points of an old answer with a note when the carrier did not answer', async () => {
    const { screen, search } = lockerPicker({ points, stale: { fetchedAt: '2026-11-20T10:00:00.000Z' } });
    await search('Kraków');
    expect(
      await screen.findByText(
        'Znaleźliśmy 2 paczkomaty. Przewoźnik chwilowo nie odpowiada: lista może być nieaktualna.',
      ),
    ).toBeTruthy();
    expect(screen.getByLabelText(/KRA010/)).toBeTruthy();
  });

  it('names the carrier of a point that is not InPost’s, and its opening hours when not 24/7', async () => {
    const orlen: PickupPoint = {
      ...points[1],
      id: 'KR-100042-31-07',
      carrier: 'orlen',
      openingHours: 'Pn-Pt:07:00-20:00',
    } as PickupPoint;
    const { screen, search } = lockerPicker({ points: [orlen] });
    await search('Kraków');
    const radio = await screen.findByLabelText(/ORLEN KR-100042-31-07 · Lubicz 17, 31-503 Kraków/);
    expect(radio.closest('label')?.textContent).toContain('Pn-Pt:07:00-20:00');
  });
});
