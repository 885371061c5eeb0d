import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHOPPER, setup, T0 } from '../testing/setup.ts';
import { makeView, points } from '../testing/view.ts';
import { memoryStorage, progressKey } from './storage.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const contact = {
  email: SHOPPER.email,
  phone: '+48601234567',
  firstName: SHOPPER.firstName,
  lastName: SHOPPER.lastName,
};

/** What a page saved before it left for the bank: written early, so older than the server's state. */
const staleProgress = {
  email: '',
  phone: '',
  firstName: '',
  lastName: '',
  paymentMethodId: 'blik',
  step: 1,
  savedAt: T0 - 60_000,
};

async function withProgress(progress: object) {
  const storage = memoryStorage();
  await storage.set(progressKey('chk_test1'), progress);
  return storage;
}

describe('restoring stored progress', () => {
  it('never empties or unlocks a placed order: a declined bank payment comes back to the summary, filled in', async () => {
    const view = makeView({
      status: 'awaiting_payment',
      contact,
      delivery: { optionId: 'inpost-locker', pickupPoint: points[0] },
      paymentMethodId: 'pbl',
      order: { id: 'ord_1', number: 'KS-000001', total: { amount: 8298, currency: 'PLN' } },
      payment: { id: 'pay_1', method: 'pbl', status: 'rejected', reason: 'payment_failed' },
      missing: [],
    });
    const storage = await withProgress(staleProgress);
    const { controller } = setup({ view, storage, config: { layout: 'multi-step' } });
    await controller.ready;
    const state = controller.getState();
    expect(state.step).toBe(3);
    expect(state.form).toMatchObject({ email: SHOPPER.email, firstName: SHOPPER.firstName });
    expect(state.paymentMethodId).toBe('pbl');
    expect(state.pickupPointId).toBe('KRA010');
  });

  it('fills in only what the server does not hold yet', async () => {
    const view = makeView({ contact, missing: ['delivery', 'paymentMethod'] });
    const storage = await withProgress({
      email: 'old@example.pl',
      'address.city': 'Kraków',
      'consents.marketingSms': true,
      shippingOptionId: 'dpd',
      savedAt: T0 - 1000,
    });
    const { controller } = setup({ view, storage });
    await controller.ready;
    const { form, shippingOptionId } = controller.getState();
    expect(form.email).toBe(SHOPPER.email);
    expect(form['address.city']).toBe('Kraków');
    expect(form['consents.marketingSms']).toBe(false);
    expect(shippingOptionId).toBe('dpd');
  });

  it('goes back to a stored step only as far as the steps before it are complete', async () => {
    const empty = await withProgress({ step: 3, savedAt: T0 - 1000 });
    const first = setup({ storage: empty, config: { layout: 'multi-step' } });
    await first.controller.ready;
    expect(first.controller.getState().step).toBe(1);

    const filled = await withProgress({
      ...contact,
      phone: SHOPPER.phone,
      shippingOptionId: 'inpost-locker',
      pickupPointId: 'KRA010',
      step: 3,
      savedAt: T0 - 1000,
    });
    const second = setup({ storage: filled, config: { layout: 'multi-step' } });
    await second.controller.ready;
    expect(second.controller.getState().step).toBe(3);
  });
});
