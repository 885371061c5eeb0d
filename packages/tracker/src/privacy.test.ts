// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { looksPersonal } from './privacy.ts';
import { sample, setup } from './test-helpers.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('personal data guard', () => {
  it.each(['jan.kowalski@example.pl', '512345678', '512 345 678', '+48 512-345-678', '777123', '777 123'])(
    'treats %j as personal',
    (value) => expect(looksPersonal(value)).toBe(true),
  );

  it.each(['one-page', 'inpost-locker', 'SKU-1', '12345', 'blik', 'postcode_invalid'])(
    'lets %j through',
    (value) => expect(looksPersonal(value)).toBe(false),
  );

  it.each([
    ['an e-mail', { name: 'checkout_step_view', params: { section: 'contact', layout: 'jan@example.pl' } }],
    [
      'a phone number',
      { name: 'add_shipping_info', params: { ...sample.shipping.params, shipping_tier: '512345678' } },
    ],
    ['a BLIK code', { name: 'experiment_exposure', params: { experiment: 'layout', variation: '777123' } }],
    [
      'an e-mail in an item',
      {
        ...sample.viewCart,
        params: { ...sample.viewCart.params, items: [{ item_id: 'a@b.pl', quantity: 1, price: 1 }] },
      },
    ],
  ])('refuses an event carrying %s, warns without the value and counts it as dropped', async (_, event) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dataLayer: unknown[] = [];
    const { tracker, attempts } = setup({ page: { dataLayer } });
    tracker.track(event as never);
    tracker.track(sample.step);
    await tracker.flush();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      dropped: 1,
      events: [{ name: 'checkout_step_view', params: { section: 'contact' } }],
    });
    expect(dataLayer).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/looks like personal data/);
    expect(String(warn.mock.calls[0]?.[0])).not.toMatch(/jan@|512345678|777123|a@b/);
    warn.mockRestore();
  });

  it('accepts numeric order numbers and SKUs, which are not phones or BLIK codes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dataLayer: unknown[] = [];
    const { tracker, events } = setup({ page: { dataLayer } });
    const items = [{ item_id: '590123412345', quantity: 1, price: 9998 }];
    tracker.track({ ...sample.viewCart, params: { ...sample.viewCart.params, items } });
    // The purchase goes to the page's dataLayer only: the server records it for Kasa.
    tracker.track({
      ...sample.purchase,
      params: { ...sample.purchase.params, transaction_id: '123456', items },
    });
    await tracker.flush();
    expect(await events()).toHaveLength(1);
    expect(dataLayer).toContainEqual({
      event: 'purchase',
      ecommerce: expect.objectContaining({ transaction_id: '123456' }),
    });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
