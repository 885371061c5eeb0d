import { describe, expect, it } from 'vitest';
import { median } from './aggregates.ts';
import {
  cartAbandonmentRate,
  checkoutAbandonmentRate,
  checkoutConversionRate,
  medianTimeToPurchase,
  paymentFailureRates,
} from './definitions.ts';
import { H, handDataset, MIN, NOW, T0 } from './test-helpers.ts';

const summaries = handDataset();
const options = { now: NOW };

describe('metric definitions on the hand-computed shop (see test-helpers.ts)', () => {
  it('cart abandonment: carts viewed without a purchase within 24 h of the view, E pending', () => {
    // Carts viewed: A B C D E F; E viewed 12 h before now → pending. Decided: A B C D F = 5.
    // Purchased within 24 h of the view: A (20 m), F (10 m). D paid 30 h after → abandoned.
    // Abandoned: B C D = 3 → 3 / 5 = 0.6.
    expect(cartAbandonmentRate(summaries, options)).toEqual({ count: 3, total: 5, rate: 0.6, pending: 1 });
  });

  it('checkout abandonment: checkouts begun without a purchase within the window, E pending', () => {
    // Begun: A B D E F G (C never began); E began 12 h before now → pending. Decided: A B D F G = 5.
    // Converted within 24 h of the start: A (15 m), F (9 m). Abandoned: B, D (paid after 30 h), G = 3 → 0.6.
    expect(checkoutAbandonmentRate(summaries, options)).toEqual({
      count: 3,
      total: 5,
      rate: 0.6,
      pending: 1,
    });
  });

  it('checkout conversion is 1 − checkout abandonment over the same checkouts', () => {
    // 5 decided − 3 abandoned = 2 → 2 / 5 = 0.4.
    expect(checkoutConversionRate(summaries, options)).toEqual({ count: 2, total: 5, rate: 0.4, pending: 1 });
  });

  it('takes the window from the options: with 48 h, D (paid after 30 h) converts', () => {
    // Decided still A B D F G; converted A D F; abandoned B G = 2 → 2 / 5 = 0.4.
    const rate = checkoutAbandonmentRate(summaries, { now: NOW, windowMs: 48 * H });
    expect(rate).toEqual({ count: 2, total: 5, rate: 0.4, pending: 1 });
  });

  it('counts a checkout as pending until its window closes, even when already purchased', () => {
    // At T0 + 10 h no 24 h window has closed, not even A's (purchased at T0 + 20 m): all 6 begun are pending.
    expect(checkoutAbandonmentRate(summaries, { now: T0 + 10 * H })).toEqual({
      count: 0,
      total: 0,
      rate: null,
      pending: 6,
    });
  });

  it('median time to purchase counts every purchase with a known start, pending ones too', () => {
    // A 15 m, D 30 h, E 10 m, F 9 m → sorted 9 m, 10 m, 15 m, 1800 m → (10 m + 15 m) / 2 = 12.5 m.
    expect(medianTimeToPurchase(summaries, options)).toEqual({ medianMs: 12.5 * MIN, count: 4 });
  });

  it('payment failure rate by method, BLIK rejections and time-outs apart', () => {
    // BLIK: A paid (1 attempt); F rejected + timed out + paid (3) → 4 attempts, 2 failures → 0.5.
    // Card: D failed then paid → 2 attempts, 1 failure → 0.5. pbl: E paid → 1 attempt, 0 failures.
    // All: 7 attempts, 3 failures → 3 / 7.
    const { methods, total } = paymentFailureRates(summaries, options);
    expect(methods).toEqual([
      {
        method: 'blik',
        attempts: 4,
        failures: 2,
        rate: 0.5,
        blikRejected: 1,
        blikTimeouts: 1,
        otherFailures: 0,
      },
      {
        method: 'pbl',
        attempts: 1,
        failures: 0,
        rate: 0,
        blikRejected: 0,
        blikTimeouts: 0,
        otherFailures: 0,
      },
      {
        method: 'card',
        attempts: 2,
        failures: 1,
        rate: 0.5,
        blikRejected: 0,
        blikTimeouts: 0,
        otherFailures: 1,
      },
    ]);
    expect(total).toMatchObject({ attempts: 7, failures: 3, rate: 3 / 7 });
  });
});

describe('filters apply the same way to every metric', () => {
  it('by device: mobile is A E F G; decided A F G; G abandoned → 1 / 3', () => {
    const rate = checkoutAbandonmentRate(summaries, { now: NOW, filters: { device: 'mobile' } });
    expect(rate).toEqual({ count: 1, total: 3, rate: 1 / 3, pending: 1 });
  });

  it('by variant: multi-step is F G; G abandoned → 1 / 2', () => {
    expect(checkoutAbandonmentRate(summaries, { now: NOW, filters: { variant: 'multi-step' } }).rate).toBe(
      0.5,
    );
  });

  it('by source of the last touch (google: A D) or the first touch (facebook: D F)', () => {
    // Last touch google: A converted, D late → 1 / 2. First touch facebook: D late, F converted → 1 / 2.
    expect(checkoutAbandonmentRate(summaries, { now: NOW, filters: { source: 'google' } }).total).toBe(2);
    const first = checkoutConversionRate(summaries, {
      now: NOW,
      filters: { source: 'facebook', touch: 'first' },
    });
    expect(first).toMatchObject({ count: 1, total: 2 });
  });

  it('by date range on firstTs: from T0 + 2 h leaves C D E F G; decided D F G; abandoned D G → 2 / 3', () => {
    const from = T0 + 2 * H;
    const rate = checkoutAbandonmentRate(summaries, { now: NOW, filters: { from } });
    expect(rate).toEqual({ count: 2, total: 3, rate: 2 / 3, pending: 1 });
    expect(checkoutAbandonmentRate(summaries, { now: NOW, filters: { to: from } }).total).toBe(2);
  });

  it('by simulated flag', () => {
    const marked = summaries.map((s) => (s.checkoutId === 'G' ? { ...s, simulated: true } : s));
    expect(checkoutAbandonmentRate(marked, { now: NOW, filters: { simulated: false } }).total).toBe(4);
    expect(checkoutAbandonmentRate(marked, { now: NOW, filters: { simulated: true } }).total).toBe(1);
  });
});

describe('median', () => {
  it('is the middle value, the mean of the middle two for an even count, null for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
