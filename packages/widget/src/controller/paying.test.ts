import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/fake-api.ts';
import { fillCourier, fillLocker, setup, T0 } from '../testing/setup.ts';
import { makeView, points } from '../testing/view.ts';
import { progressKey } from './storage.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A shopper with a locker and a BLIK code typed, ready to press "Kupuję i płacę". */
function ready(code: string) {
  const harness = setup();
  fillLocker(harness.controller);
  harness.controller.setField('blikCode', code);
  return harness;
}

describe('placeOrderAndPay', () => {
  it('checks everything first and asks for focus on the first problem, without calling the API', async () => {
    const { controller, api } = setup();
    controller.chooseShipping('inpost-locker');
    await controller.idle();
    const before = api.calls.length;
    await controller.placeOrderAndPay();
    const { errors, focus } = controller.getState();
    expect(Object.keys(errors)).toEqual([
      'email',
      'phone',
      'firstName',
      'lastName',
      'pickupPoint',
      'blikCode',
    ]);
    expect(focus?.target).toBe('email');
    expect(api.calls.length).toBe(before);
  });

  it('saves what the server lacks, places the order with an idempotency key, then starts a BLIK payment', async () => {
    const { controller, api } = ready('012 345');
    await controller.placeOrderAndPay();
    expect(api.calls.map((c) => `${c.method} ${c.path.replace('/api/checkouts/chk_test1', '')}`)).toEqual([
      'PUT /contact',
      'PUT /delivery',
      'PUT /payment-method',
      'POST /order',
      'POST /payments',
    ]);
    expect(api.callsTo('POST', '/order')[0]?.headers['idempotency-key']).toBe('order-chk_test1');
    // Digits only, as a string: the leading zero survives.
    expect(api.callsTo('POST', '/payments')[0]?.body).toEqual({ blikCode: '012345' });
    expect(controller.getState().blik.status).toBe('awaiting_app_confirmation');
    expect(controller.getState().form.blikCode).toBe('');
  });

  it('follows the payment until the bank approves, then shows paid and clears the stored progress', async () => {
    const { controller, api, storage } = ready('777123');
    await vi.advanceTimersByTimeAsync(500);
    expect(storage.data.has(progressKey('chk_test1'))).toBe(true);
    await controller.placeOrderAndPay();
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.callsTo('GET', '/payments/pay_1')).toHaveLength(1);
    expect(controller.getState().checkout.section).toBe('paid');
    expect(storage.data.has(progressKey('chk_test1'))).toBe(false);
  });

  it('after a declined code, shows why, clears the code, and pays the same order with the next code', async () => {
    const { controller, api } = ready('500500');
    await controller.placeOrderAndPay();
    await vi.advanceTimersByTimeAsync(1000);
    expect(controller.getState()).toMatchObject({
      errors: { blikCode: 'blik_code_rejected' },
      form: { blikCode: '' },
      blik: { status: 'idle' },
      checkout: { section: 'payment', orderPlaced: true, paymentAttempts: 1 },
      focus: { target: 'blikCode' },
    });
    controller.setField('blikCode', '777 001');
    await controller.placeOrderAndPay();
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.callsTo('POST', '/order')).toHaveLength(1);
    expect(api.ordersCreated).toBe(1);
    expect(api.callsTo('POST', '/payments').map((c) => c.body)).toEqual([
      { blikCode: '500500' },
      { blikCode: '777001' },
    ]);
    expect(controller.getState().checkout.section).toBe('paid');
  });

  it('shows a code refused at once (expired) on the BLIK field', async () => {
    const { controller } = ready('700701');
    await controller.placeOrderAndPay();
    expect(controller.getState().errors.blikCode).toBe('blik_code_expired');
    expect(controller.getState().blik.status).toBe('idle');
  });

  it('counts down to confirmBy; after the window a new code first settles the old attempt', async () => {
    const { controller, api } = ready('999123');
    await controller.placeOrderAndPay();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(controller.getState().now).toBe(T0 + 30_000);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(controller.getState().blik.status).toBe('timeout');
    await controller.retryPayment();
    expect(api.callsTo('POST', '/payments/pay_1/cancel')).toHaveLength(1);
    expect(controller.getState()).toMatchObject({
      blik: { status: 'idle' },
      errors: { blikCode: 'blik_timeout' },
    });
  });

  it('"Anuluj" cancels at the provider and returns to the BLIK field, saying so without an error', async () => {
    const { controller, api } = ready('999123');
    await controller.placeOrderAndPay();
    await controller.cancelPayment();
    expect(api.callsTo('POST', '/cancel')).toHaveLength(1);
    expect(controller.getState()).toMatchObject({ blik: { status: 'idle' }, notice: 'blik_cancelled' });
    expect(controller.getState().errors.blikCode).toBeUndefined();
    expect(controller.getState().focus?.target).toBe('blikCode');
  });

  it('a cancel that comes too late shows the order paid', async () => {
    const { controller } = ready('777555');
    await controller.placeOrderAndPay();
    await controller.cancelPayment();
    expect(controller.getState().checkout.section).toBe('paid');
  });

  it('cash on delivery: the order is enough, no payment is started', async () => {
    const { controller, api } = setup();
    fillCourier(controller);
    controller.choosePaymentMethod('cod');
    await controller.placeOrderAndPay();
    expect(api.callsTo('POST', '/payments')).toHaveLength(0);
    expect(controller.getState()).toMatchObject({
      checkout: { section: 'paid' },
      view: { status: 'cash_on_delivery' },
    });
  });

  it('leaves for the provider when the payment is a redirect', async () => {
    const { controller, api, navigate } = setup();
    fillLocker(controller);
    controller.choosePaymentMethod('card');
    await controller.placeOrderAndPay();
    expect(api.callsTo('POST', '/payments')[0]?.body).toEqual({});
    expect(navigate).toHaveBeenCalledWith('https://pay.example/p/1');
  });

  it('a double tap places one order and starts one payment', async () => {
    const { controller, api } = ready('999123');
    await Promise.all([controller.placeOrderAndPay(), controller.placeOrderAndPay()]);
    expect(api.callsTo('POST', '/order')).toHaveLength(1);
    expect(api.callsTo('POST', '/payments')).toHaveLength(1);
  });

  it('switching to another method and back keeps everything entered', async () => {
    const { controller } = ready('123 456');
    controller.choosePaymentMethod('card');
    controller.choosePaymentMethod('blik');
    expect(controller.getState().form).toMatchObject({
      email: 'zofia.nowak@example.pl',
      blikCode: '123 456',
    });
  });

  it('with ssr: true touches no network, timers or storage', async () => {
    const fetch = vi.fn();
    const { createController } = await import('./controller.ts');
    const { initialState } = await import('./state.ts');
    const { makeView } = await import('../testing/view.ts');
    const config = { api: 'https://kasa.test', layout: 'one-page', locale: 'pl' } as const;
    const storage = { get: vi.fn(), set: vi.fn(), delete: vi.fn() };
    const controller = createController({
      state: initialState(makeView(), config),
      config,
      fetch,
      storage,
      ssr: true,
    });
    controller.setField('email', 'zofia@example.pl');
    controller.blurField('email');
    await controller.placeOrderAndPay();
    expect(vi.getTimerCount()).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
    expect(storage.get).not.toHaveBeenCalled();
  });
});

describe('back from the bank page', () => {
  const placed = (payment: { status: 'redirect' | 'rejected'; reason?: 'payment_failed' }) =>
    makeView({
      status: 'awaiting_payment',
      contact: { email: 'z@example.pl', phone: '+48601234567', firstName: 'Zofia', lastName: 'Nowak' },
      delivery: { optionId: 'inpost-locker', pickupPoint: points[0] },
      paymentMethodId: 'pbl',
      order: { id: 'ord_1', number: '1001', total: { amount: 8298, currency: 'PLN' } },
      payment: { id: 'pay_1', method: 'pbl', ...payment },
      missing: [],
    });

  it('says at once that the bank declined, and the same order can be paid again', async () => {
    const { controller, navigate } = setup({
      view: placed({ status: 'rejected', reason: 'payment_failed' }),
    });
    expect(controller.getState().notice).toBe('payment_declined');
    await controller.placeOrderAndPay();
    expect(controller.getState().notice).toBeUndefined();
    expect(navigate).toHaveBeenCalledWith('https://pay.example/p/1');
  });

  it('says a payment left at the bank is unfinished, then asks the server once how it ended', async () => {
    const api = fakeApi(placed({ status: 'redirect' }), () => Date.now());
    api.attempts.set('pay_1', { id: 'pay_1', method: 'pbl', status: 'rejected', checks: 0 });
    const { controller, navigate } = setup({ api });
    expect(controller.getState().notice).toBe('payment_unfinished');
    await vi.advanceTimersByTimeAsync(10);
    expect(controller.getState().notice).toBe('payment_declined');
    expect(api.callsTo('GET', '/payments/pay_1')).toHaveLength(1);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('shows the order paid when the bank approved while the shopper was on the way back', async () => {
    const api = fakeApi(placed({ status: 'redirect' }), () => Date.now());
    api.attempts.set('pay_1', { id: 'pay_1', method: 'pbl', status: 'paid', checks: 0 });
    const { controller } = setup({ api });
    await vi.advanceTimersByTimeAsync(10);
    expect(controller.getState().checkout.section).toBe('paid');
  });
});

describe('a payment taken whose order the shop has not confirmed yet', () => {
  it('says the payment was received while the order is confirmed, and follows it until it is', async () => {
    const { controller, api } = ready('777900');
    await controller.placeOrderAndPay();
    await vi.advanceTimersByTimeAsync(1000);
    expect(controller.getState().checkout.section).toBe('paid');
    expect(controller.getState().payment).toMatchObject({ status: 'paid', reason: 'order_unconfirmed' });
    const polls = api.callsTo('GET', '/payments/pay_1').length;
    await vi.advanceTimersByTimeAsync(3000);
    expect(api.callsTo('GET', '/payments/pay_1').length).toBeGreaterThan(polls);
    api.orderOutcome('pay_1', 'confirmed');
    await vi.advanceTimersByTimeAsync(2000);
    expect(controller.getState()).toMatchObject({ checkout: { section: 'paid' }, view: { status: 'paid' } });
    expect(controller.getState().payment?.reason).toBeUndefined();
    const settled = api.callsTo('GET', '/payments/pay_1').length;
    await vi.advanceTimersByTimeAsync(3000);
    expect(api.callsTo('GET', '/payments/pay_1')).toHaveLength(settled);
  });

  it('says the payment was returned when the shop never confirmed the order', async () => {
    const { controller, api } = ready('777900');
    await controller.placeOrderAndPay();
    await vi.advanceTimersByTimeAsync(1000);
    api.orderOutcome('pay_1', 'refunded');
    await vi.advanceTimersByTimeAsync(2000);
    expect(controller.getState()).toMatchObject({
      checkout: { section: 'failed' },
      view: { status: 'cancelled' },
      notice: 'payment_refunded',
    });
  });
});
