import { describe, expect, it } from 'vitest';
import { makeView, points } from '../testing/view.ts';
import { initialState } from './state.ts';
import type { WidgetConfig } from './types.ts';

const config: WidgetConfig = { api: 'https://kasa.test', layout: 'one-page', locale: 'pl' };

describe('initialState', () => {
  it('shows a payment taken for an order the shop never confirmed as returned, not as a purchase', () => {
    const order = { id: 'ord_1', number: '1001', total: makeView().totals.total };
    const payment = { id: 'pay_1', method: 'blik' as const };
    const owed = makeView({
      order,
      status: 'awaiting_payment',
      payment: { ...payment, status: 'paid', reason: 'order_unconfirmed' },
    });
    expect(initialState(owed, config).checkout.section).toBe('paid');
    const refunded = makeView({
      order,
      status: 'cancelled',
      payment: { ...payment, status: 'cancelled', reason: 'payment_refunded' },
    });
    expect(initialState(refunded, config)).toMatchObject({
      checkout: { section: 'failed' },
      notice: 'payment_refunded',
    });
    const due = makeView({
      order,
      status: 'cancelled',
      payment: { ...payment, status: 'paid', reason: 'refund_due' },
    });
    expect(initialState(due, config)).toMatchObject({
      checkout: { section: 'failed' },
      notice: 'refund_due',
    });
  });

  it('preselects BLIK when the shop offers it and nothing was chosen', () => {
    const state = initialState(makeView(), config);
    expect(state.paymentMethodId).toBe('blik');
    expect(state.blik.status).toBe('idle');
    expect(state.checkout).toMatchObject({ section: 'contact', orderPlaced: false });
  });

  it('leaves the method empty when BLIK is not offered', () => {
    const view = makeView();
    expect(
      initialState({ ...view, paymentMethods: view.paymentMethods.filter((m) => m.kind !== 'blik') }, config)
        .paymentMethodId,
    ).toBeUndefined();
  });

  it('preselects the delivery option when there is only one', () => {
    const view = makeView();
    expect(
      initialState({ ...view, shippingOptions: view.shippingOptions.slice(0, 1) }, config).shippingOptionId,
    ).toBe('dpd');
    expect(initialState(view, config).shippingOptionId).toBeUndefined();
  });

  it('prefills contact, delivery, company, consents and method from the view', () => {
    const view = makeView({
      contact: { email: 'a@example.pl', phone: '+48601234567', firstName: 'A', lastName: 'B' },
      delivery: { optionId: 'inpost-locker', pickupPoint: points[0] },
      company: { nip: '1234563218', name: 'Firma' },
      consents: { terms: true, marketingEmail: false, marketingSms: true },
      paymentMethodId: 'card',
    });
    const state = initialState(view, config);
    expect(state.form).toMatchObject({
      email: 'a@example.pl',
      phone: '601 234 567',
      'invoice.wanted': true,
      'invoice.nip': '1234563218',
      'invoice.companyName': 'Firma',
      'consents.terms': true,
      'consents.marketingSms': true,
    });
    expect(state).toMatchObject({
      shippingOptionId: 'inpost-locker',
      pickupPointId: 'KRA010',
      paymentMethodId: 'card',
    });
    expect(state.points.items).toEqual([points[0]]);
    expect(state.checkout.completed).toEqual({ contact: true, delivery: true, payment: true });
  });

  it('puts restored values on top of the view, ignoring options the shop no longer offers', () => {
    const view = makeView({
      contact: { email: 'a@example.pl', phone: '+48601234567', firstName: 'A', lastName: 'B' },
    });
    const state = initialState(view, config, {
      email: 'typed@example.pl',
      blikCode: '012345',
      shippingOptionId: 'gone',
      paymentMethodId: 'cod',
      step: 2,
    });
    expect(state.form.email).toBe('typed@example.pl');
    expect(state.form.blikCode).toBe('012 345');
    expect(state.blik).toEqual({ status: 'code_entered', digits: '012345' });
    expect(state.shippingOptionId).toBeUndefined();
    expect(state.paymentMethodId).toBe('cod');
    expect(state.step).toBe(2);
  });

  it('shows a BLIK payment still awaiting the bank app after a reload', () => {
    const view = makeView({
      order: { id: 'ord_1', number: '1001', total: { amount: 100, currency: 'PLN' } },
      status: 'awaiting_payment',
      payment: { id: 'pay_1', method: 'blik', status: 'awaiting_confirmation', confirmBy: 5000 },
    });
    const state = initialState(view, config);
    expect(state.blik).toMatchObject({ status: 'awaiting_app_confirmation', deadline: 5000 });
    expect(state.checkout).toMatchObject({ section: 'paying', orderPlaced: true });
  });

  it('opens a paid checkout on the thank-you view', () => {
    const view = makeView({
      status: 'paid',
      order: { id: 'ord_1', number: '1001', total: { amount: 100, currency: 'PLN' } },
    });
    expect(initialState(view, config).checkout.section).toBe('paid');
  });
});
