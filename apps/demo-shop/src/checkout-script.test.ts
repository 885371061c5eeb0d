import { money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { CHECKOUT_SCRIPT, renderCheckoutPage } from './checkout-page.ts';
import { FakeDocument, type FakeElement } from './fake-dom.ts';
import { fakeKasa, line } from './fake-kasa.ts';

const cart = {
  ref: 'cart_abc',
  currency: 'PLN',
  lines: [{ ...line, id: 'k', productId: 'k', vatRate: 23 }],
  subtotal: money(3900),
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

async function runPage(stored: Record<string, string> = {}) {
  const markup = renderCheckoutPage({ kasaUrl: 'http://kasa.test/', cart, nonce: 'n' });
  const doc = new FakeDocument(markup);
  const kasa = fakeKasa();
  const ticks: (() => unknown)[] = [];
  const storage = {
    getItem: (k: string) => stored[k] ?? null,
    setItem: (k: string, v: string) => (stored[k] = v),
  };
  const window = {
    location: {
      assign: (url: string) => kasa.calls.push({ method: 'NAVIGATE', path: url, body: null, headers: {} }),
    },
  };
  const run = new Function(
    'document',
    'window',
    'sessionStorage',
    'fetch',
    'setInterval',
    'clearInterval',
    CHECKOUT_SCRIPT,
  );
  run(
    doc,
    window,
    storage,
    kasa.fetch,
    (fn: () => unknown) => ticks.push(fn),
    () => ticks.splice(0),
  );
  await settle();
  const $ = (id: string) => doc.getElementById(id) as FakeElement;
  const type = (id: string, value: string) => {
    $(id).value = value;
  };
  const choose = async (name: string, value: string) => {
    const radios = doc.getElementsByName(name);
    for (const r of radios) r.checked = r.value === value;
    await radios.find((r) => r.checked)?.dispatch('change');
    await settle();
  };
  const tick = async () => {
    await ticks[0]?.();
    await settle();
  };
  return { doc, kasa, $, type, choose, tick, stored };
}

describe('the checkout script against a fake Kasa API', () => {
  it('starts a checkout, collects the details, places the order and pays with BLIK', async () => {
    const { kasa, $, type, choose, tick, stored, doc } = await runPage();
    expect(kasa.calls[0]).toMatchObject({
      method: 'POST',
      path: '/api/checkouts',
      body: { cartRef: 'cart_abc' },
    });
    expect(stored['kasa:checkout:cart_abc']).toBe('chk_1');
    expect($('k-form').hidden).toBe(false);
    expect($('k-lines').textContent).toContain('Kubek <b>350</b>');
    expect(doc.getElementsByName('methodId').map((r) => [r.value, r.checked])).toEqual([
      ['blik', true],
      ['pbl', false],
    ]);
    expect($('k-blik').hidden).toBe(false);

    type('f-email', 'jan@example.pl');
    type('f-phone', '512345678');
    type('f-firstName', 'Jan');
    type('f-lastName', 'Kowalski');
    await choose('optionId', 'inpost');
    expect($('k-locker').hidden).toBe(false);
    type('f-pointQuery', '00-950');
    await $('k-search').dispatch('click');
    await settle();
    expect(kasa.calls.at(-1)?.path).toBe('/api/pickup-points?limit=10&postcode=00-950');
    await choose('pickupPointId', 'WAW01');
    expect(kasa.calls.at(-1)).toMatchObject({
      method: 'PUT',
      body: { optionId: 'inpost', pickupPointId: 'WAW01' },
    });

    type('f-blikCode', '12a3456');
    await $('f-blikCode').dispatch('input');
    expect($('f-blikCode').value).toBe('123 456');
    await $('k-form').dispatch('submit');
    await settle();
    const order = kasa.calls.find((c) => c.path === '/api/checkouts/chk_1/order');
    expect(order?.headers['Idempotency-Key']).toBe('order-chk_1');
    expect(kasa.calls.at(-1)).toMatchObject({
      path: '/api/checkouts/chk_1/payments',
      body: { methodId: 'blik', blikCode: '123456' },
    });
    expect($('k-wait').hidden).toBe(false);
    expect($('k-wait-h').textContent).toBe('Potwierdź płatność w aplikacji banku');
    expect($('k-countdown').textContent).toMatch(/^Pozostały czas: [12]:\d\d$/);

    await tick();
    expect($('k-done').hidden).toBe(true);
    await tick();
    expect($('k-done').hidden).toBe(false);
    expect($('k-done-h').textContent).toBe('Dziękujemy! Zamówienie nr DEMO-1001 opłacone.');
  });

  it('shows API field errors next to the field and does not place the order', async () => {
    const { kasa, $, type, doc } = await runPage();
    type('f-email', 'jan');
    type('f-blikCode', '123456');
    await $('k-form').dispatch('submit');
    await settle();
    expect($('e-email').textContent).toBe('Wpisz poprawny adres e-mail.');
    expect($('f-email').getAttribute('aria-invalid')).toBe('true');
    expect($('e-optionId').textContent).toBe('Wybierz sposób dostawy.');
    expect($('k-alert').hidden).toBe(false);
    expect(doc.activeElement).toBe($('f-email'));
    expect(kasa.calls.some((c) => c.path.endsWith('/order'))).toBe(false);
  });

  it('after a refused BLIK code keeps the order and takes a new code', async () => {
    const { kasa, $, type, choose, tick } = await runPage();
    for (const [id, v] of [
      ['f-email', 'a@b.pl'],
      ['f-phone', '512345678'],
      ['f-firstName', 'A'],
      ['f-lastName', 'B'],
    ])
      type(id ?? '', v ?? '');
    await choose('optionId', 'dpd');
    for (const [id, v] of [
      ['f-address-buildingNumber', '5'],
      ['f-address-postcode', '00-950'],
      ['f-address-city', 'Warszawa'],
    ])
      type(id ?? '', v ?? '');
    type('f-blikCode', '111111');
    await $('k-form').dispatch('submit');
    await settle();
    expect(kasa.calls.find((c) => c.path.endsWith('/delivery'))?.body).toEqual({
      optionId: 'dpd',
      address: { buildingNumber: '5', postcode: '00-950', city: 'Warszawa' },
    });
    expect($('e-blikCode').textContent).toContain('odrzucona');
    expect($('f-blikCode').value).toBe('');
    expect($('k-contact-set').disabled).toBe(true);

    type('f-blikCode', '222222');
    await $('k-form').dispatch('submit');
    await settle();
    expect(kasa.calls.filter((c) => c.path.endsWith('/order'))).toHaveLength(1);
    expect(kasa.calls.at(-1)?.body).toEqual({ methodId: 'blik', blikCode: '222222' });
    await tick();
    await tick();
    expect($('k-done-h').textContent).toContain('DEMO-1001');
  });

  it('resumes the checkout kept in sessionStorage', async () => {
    const { kasa } = await runPage({ 'kasa:checkout:cart_abc': 'chk_1' });
    expect(kasa.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/checkouts/chk_1']);
  });
});
