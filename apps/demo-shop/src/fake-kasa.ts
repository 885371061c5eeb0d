/** A scripted Kasa API for the checkout script tests. Test-only. */
import { money } from '@kasa/core';

/** One request the script made. */
export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** The cart line the fake API and the page show (with markup in its name, to prove it stays text). */
export const line = { name: 'Kubek <b>350</b>', quantity: 1, unitPrice: money(3900), total: money(3900) };

/** A scripted Kasa API: records calls; BLIK code 111111 is refused, the rest paid on the 2nd poll. */
export function fakeKasa() {
  const calls: Call[] = [];
  const view: Record<string, unknown> = {
    id: 'chk_1',
    status: 'open',
    cart: { lines: [line] },
    totals: { subtotal: money(3900), shipping: money(0), paymentFee: money(0), total: money(3900), vat: [] },
    shippingOptions: [
      {
        id: 'inpost',
        carrier: 'InPost',
        kind: 'locker',
        name: 'Paczkomat',
        price: money(1299),
        eta: { minDays: 1, maxDays: 2 },
      },
      {
        id: 'dpd',
        carrier: 'DPD',
        kind: 'courier',
        name: 'Kurier',
        price: money(1599),
        eta: { minDays: 1, maxDays: 1 },
      },
    ],
    paymentMethods: [
      { id: 'pbl', kind: 'pbl', label: 'Przelew' },
      { id: 'blik', kind: 'blik', label: 'BLIK' },
    ],
    missing: [],
  };
  let polls = 0;
  const reply = (status: number, body: unknown) => ({ ok: status < 400, status, json: async () => body });
  const fetch = async (
    url: string,
    init: { method: string; body?: string; headers: Record<string, string> },
  ) => {
    const path = url.replace('http://kasa.test', '');
    const body = init.body ? JSON.parse(init.body) : undefined;
    calls.push({ method: init.method, path, body, headers: init.headers });
    const route = `${init.method} ${path.split('?')[0]}`;
    if (route === 'PUT /api/checkouts/chk_1/contact' && !String(body.email).includes('@')) {
      const issue = { field: 'email', code: 'email_invalid', message: 'Wpisz poprawny adres e-mail.' };
      return reply(422, { error: { code: 'body_invalid', message: 'Błąd', details: { issues: [issue] } } });
    }
    if (route === 'GET /api/pickup-points') {
      const address = { street: 'Prosta', buildingNumber: '1', postcode: '00-950', city: 'Warszawa' };
      return reply(200, { points: [{ id: 'WAW01', address, description: 'Przy sklepie', open247: true }] });
    }
    if (route === 'POST /api/checkouts/chk_1/order') view.order = { id: 'o1', number: 'DEMO-1001' };
    if (route === 'POST /api/checkouts/chk_1/payments') {
      polls = 0;
      if (body.blikCode === '111111') return reply(201, { id: 'pay_0', method: 'blik', status: 'rejected' });
      return reply(201, {
        id: 'pay_1',
        method: 'blik',
        status: 'awaiting_confirmation',
        confirmBy: Date.now() + 120_000,
      });
    }
    if (route === 'GET /api/checkouts/chk_1/payments/pay_1') {
      polls += 1;
      return reply(200, {
        id: 'pay_1',
        method: 'blik',
        status: polls >= 2 ? 'paid' : 'awaiting_confirmation',
      });
    }
    if (route === 'PUT /api/checkouts/chk_1/payment-method') view.paymentMethodId = body.methodId;
    if (route === 'PUT /api/checkouts/chk_1/delivery') view.delivery = body;
    return reply(200, view);
  };
  return { calls, fetch, view };
}
