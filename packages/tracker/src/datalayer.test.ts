// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sample, setup } from './test-helpers.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('dataLayer bridge', () => {
  it('pushes GA4 ecommerce events in major units, each right after an ecommerce clear', () => {
    const dataLayer: unknown[] = [];
    const { tracker } = setup({ page: { dataLayer } });
    tracker.track(sample.beginCheckout);
    tracker.track(sample.purchase);
    const items = [{ item_id: 'SKU-1', quantity: 2, price: 49.99 }];
    expect(dataLayer).toEqual([
      { ecommerce: null },
      { event: 'begin_checkout', ecommerce: { currency: 'PLN', value: 99.98, items } },
      { ecommerce: null },
      {
        event: 'purchase',
        ecommerce: {
          currency: 'PLN',
          value: 99.98,
          items,
          transaction_id: '100234',
          shipping: 12.99,
          tax: 21.13,
        },
      },
    ]);
  });

  it('gives shipping and payment steps the cart items and their tier or type', () => {
    const dataLayer: unknown[] = [];
    const { tracker } = setup({ page: { dataLayer } });
    tracker.track(sample.viewCart);
    tracker.track(sample.shipping);
    tracker.track(sample.payment);
    expect(dataLayer.slice(3)).toEqual([
      {
        event: 'add_shipping_info',
        ecommerce: {
          currency: 'PLN',
          value: 12.99,
          items: expect.any(Array),
          shipping_tier: 'inpost-locker',
        },
      },
      { ecommerce: null },
      {
        event: 'add_payment_info',
        ecommerce: expect.objectContaining({ payment_type: 'blik', value: 112.97 }),
      },
    ]);
  });

  it('pushes nothing for non-ecommerce events, and nothing when the page has no dataLayer', () => {
    const dataLayer: unknown[] = [];
    setup({ page: { dataLayer } }).tracker.track(sample.blur);
    expect(dataLayer).toEqual([]);
    const { tracker, win } = setup();
    tracker.track(sample.purchase);
    expect(win.dataLayer).toBeUndefined();
  });

  it('pushes no context: no ids, no checkout, no attribution', () => {
    const dataLayer: unknown[] = [];
    const { tracker } = setup({ page: { dataLayer, url: 'https://shop.example/?utm_source=x&gclid=abc' } });
    tracker.setConsent({ analytics_storage: 'granted', ad_storage: 'granted' });
    tracker.setCheckout('chk_1');
    tracker.track(sample.purchase);
    const pushed = JSON.stringify(dataLayer);
    for (const leak of ['chk_1', 'shop_1', 'abc', 'visitor', 'session']) expect(pushed).not.toContain(leak);
  });
});
