import { checkoutEventSchema } from '@kasa/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fillContact, fillCourier, SHOPPER, setup, T0, type } from '../testing/setup.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const names = (events: { name: string }[]) => events.map((event) => event.name);

describe('events', () => {
  it('emits begin_checkout once, with the items and the server total', () => {
    const { events } = setup();
    expect(events.filter((e) => e.name === 'begin_checkout')).toEqual([
      {
        name: 'begin_checkout',
        params: {
          value: 6999,
          currency: 'PLN',
          layout: 'one-page',
          items: [
            { item_id: 'KUBEK-01', quantity: 2, price: 2500 },
            { item_id: 'p-herbata', quantity: 1, price: 1999 },
          ],
        },
      },
    ]);
  });

  it('field_blur names the field and whether it is filled, never the value', () => {
    const { controller, events } = setup();
    type(controller, 'email', SHOPPER.email);
    type(controller, 'address.flatNumber', '');
    expect(events.filter((e) => e.name === 'field_blur')).toEqual([
      { name: 'field_blur', params: { field: 'email', section: 'contact', filled: true } },
      { name: 'field_blur', params: { field: 'flatNumber', section: 'delivery', filled: false } },
    ]);
  });

  it('field_error carries the field and the code', () => {
    const { controller, events } = setup();
    type(controller, 'phone', '123');
    expect(events.find((e) => e.name === 'field_error')).toEqual({
      name: 'field_error',
      params: { field: 'phone', section: 'contact', code: 'phone_invalid' },
    });
  });

  it('reports each section as it is shown: contact, then delivery once the contact is saved', async () => {
    const { controller, events } = setup();
    fillContact(controller);
    await controller.idle();
    expect(events.filter((e) => e.name === 'checkout_step_view').map((e) => e.params)).toEqual([
      { section: 'contact', layout: 'one-page' },
      { section: 'delivery', layout: 'one-page' },
    ]);
  });

  it('never lets personal data or the BLIK code into any event, across a whole purchase', async () => {
    const { controller, events } = setup({ config: { termsUrl: 'https://shop.test/regulamin' } });
    type(controller, 'email', 'zofia.nowak@'); // a field error on the way
    fillCourier(controller);
    controller.setField('invoice.wanted', true);
    type(controller, 'invoice.nip', SHOPPER.nip);
    type(controller, 'invoice.companyName', SHOPPER.companyName);
    controller.setField('consents.terms', true);
    controller.setField('blikCode', '500500');
    controller.blurField('blikCode');
    await controller.placeOrderAndPay();
    await vi.advanceTimersByTimeAsync(1000);
    controller.setField('blikCode', '777 001');
    await controller.placeOrderAndPay();
    await vi.advanceTimersByTimeAsync(1000);
    expect(controller.getState().checkout.section).toBe('paid');

    expect(new Set(names(events))).toEqual(
      new Set([
        'begin_checkout',
        'checkout_step_view',
        'field_blur',
        'field_error',
        'add_shipping_info',
        'add_payment_info',
        'blik_code_submitted',
        'payment_failed',
        'purchase',
      ]),
    );
    const text = JSON.stringify(events).toLowerCase();
    const secrets = [
      ...Object.values(SHOPPER),
      'zofia.nowak',
      '601234567',
      '62262',
      '500500',
      '500 500',
      '777001',
      '777 001',
    ];
    for (const secret of secrets)
      expect(text, `events contain "${secret}"`).not.toContain(secret.toLowerCase());
    // And every event fits the shared event schema (bounded tokens, no free text).
    for (const event of events) {
      expect(() =>
        checkoutEventSchema.parse({ id: 'evt-00000001', ts: T0, shopId: 'shop', ...event }),
      ).not.toThrow();
    }
    expect(events.find((e) => e.name === 'purchase')?.params).toMatchObject({
      transaction_id: 'ord_1',
      value: 6999 + 1599,
      shipping: 1599,
      tax: 935 + 95,
      payment_type: 'blik',
    });
    expect(events.filter((e) => e.name === 'blik_code_submitted').map((e) => e.params)).toEqual([
      { attempt: 1 },
      { attempt: 2 },
    ]);
    expect(events.find((e) => e.name === 'payment_failed')?.params).toEqual({
      payment_type: 'blik',
      reason: 'blik_code_rejected',
    });
  });
});
