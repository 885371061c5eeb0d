import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fillContact, fillCourier, SHOPPER, setup, T0, type } from '../testing/setup.ts';
import { makeView } from '../testing/view.ts';
import { memoryStorage, progressKey, SHOPPER_KEY, sanitiseProgress } from './storage.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('progress storage', () => {
  it('keeps progress per checkout, debounced, and never the BLIK code', async () => {
    const { controller, storage } = setup();
    await controller.ready;
    type(controller, 'email', SHOPPER.email);
    controller.setField('blikCode', '123456');
    controller.chooseShipping('dpd');
    await vi.advanceTimersByTimeAsync(100);
    expect(storage.data.has(progressKey('chk_test1'))).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    const saved = storage.data.get(progressKey('chk_test1')) as Record<string, unknown>;
    expect(saved).toMatchObject({
      email: SHOPPER.email,
      shippingOptionId: 'dpd',
      paymentMethodId: 'blik',
      step: 1,
    });
    expect(saved).not.toHaveProperty('blikCode');
    expect(JSON.stringify(saved)).not.toContain('123456');
  });

  it('restores progress on the next visit, without overwriting what was typed before the script ran', async () => {
    const storage = memoryStorage();
    await storage.set(progressKey('chk_test1'), {
      email: 'old@example.pl',
      firstName: 'Zofia',
      blikCode: '999999',
      shippingOptionId: 'dpd',
      savedAt: T0 - 1000,
    });
    const { controller } = setup({ storage, restored: { email: 'typed@example.pl' } });
    await controller.ready;
    expect(controller.getState().form).toMatchObject({
      email: 'typed@example.pl',
      firstName: 'Zofia',
      blikCode: '',
    });
    expect(controller.getState().shippingOptionId).toBe('dpd');
  });

  it('saves restored parts the server does not have yet', async () => {
    const storage = memoryStorage();
    const { email, firstName, lastName } = SHOPPER;
    await storage.set(progressKey('chk_test1'), {
      email,
      phone: SHOPPER.phone,
      firstName,
      lastName,
      savedAt: T0,
    });
    const { controller, api } = setup({ storage });
    await controller.ready;
    expect(api.callsTo('PUT', '/contact')).toHaveLength(1);
  });

  it('clears the progress after a cash-on-delivery order', async () => {
    const { controller, storage } = setup();
    fillCourier(controller);
    controller.choosePaymentMethod('cod');
    await vi.advanceTimersByTimeAsync(500);
    await controller.placeOrderAndPay();
    await vi.advanceTimersByTimeAsync(500);
    expect(storage.data.has(progressKey('chk_test1'))).toBe(false);
  });

  it('remembers nothing of the shopper for another checkout unless asked to', async () => {
    const storage = memoryStorage();
    const first = setup({ storage });
    fillContact(first.controller);
    first.controller.chooseShipping('inpost-locker');
    await first.controller.searchPoints('31-154');
    first.controller.choosePoint('KRA022');
    await vi.advanceTimersByTimeAsync(500);
    expect([...storage.data.keys()]).toEqual([progressKey('chk_test1')]);
    const next = setup({ storage, view: makeView({ id: 'chk_test2' }) });
    await next.controller.ready;
    expect(next.controller.getState().form.email).toBe('');
    expect(next.controller.getState().shippingOptionId).toBeUndefined();
  });

  it('with "remember me", fills in the contact and the last locker on the next checkout, first in the list', async () => {
    const storage = memoryStorage();
    const first = setup({ storage });
    fillContact(first.controller);
    first.controller.setField('consents.remember', true);
    first.controller.chooseShipping('inpost-locker');
    await first.controller.searchPoints('31-154');
    first.controller.choosePoint('KRA022');
    await vi.advanceTimersByTimeAsync(500);
    expect(storage.data.get(SHOPPER_KEY)).toMatchObject({ email: SHOPPER.email, point: { id: 'KRA022' } });

    const next = setup({ storage, view: makeView({ id: 'chk_test2' }) });
    await next.controller.ready;
    const state = next.controller.getState();
    expect(state.form).toMatchObject({
      email: SHOPPER.email,
      phone: SHOPPER.phone,
      firstName: SHOPPER.firstName,
      'consents.remember': true,
    });
    expect(state.shippingOptionId).toBe('inpost-locker');
    expect(state.pickupPointId).toBe('KRA022');
    await next.controller.searchPoints('31-154');
    expect(next.controller.getState().points.items.map((p) => p.id)).toEqual(['KRA022', 'KRA010']);

    // Unticked: forgotten at once.
    next.controller.setField('consents.remember', false);
    await vi.advanceTimersByTimeAsync(500);
    expect(storage.data.has(SHOPPER_KEY)).toBe(false);
  });

  it('ignores stale or malformed progress', () => {
    expect(sanitiseProgress({ email: 'a', savedAt: T0 - 40 * 24 * 3600_000 }, T0)).toBeUndefined();
    expect(sanitiseProgress({ email: 42, 'invoice.wanted': 'yes', step: 7, savedAt: T0 }, T0)).toEqual({});
  });
});
