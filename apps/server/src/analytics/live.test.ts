import { HOUR_MS } from '@kasa/analytics';
import { describe, expect, it } from 'vitest';
import { IN_PROGRESS_MS, type LiveCheckout, liveFigures } from './live.ts';

const NOW = Date.UTC(2026, 11, 5, 13, 20);
const MIN = 60_000;
const WINDOW = 24 * HOUR_MS;

/** A checkout begun `agoMs` before NOW; purchased `paidAgoMs` before NOW when given. */
function checkout(agoMs: number, more: Partial<LiveCheckout> & { paidAgoMs?: number } = {}): LiveCheckout {
  const { paidAgoMs, ...rest } = more;
  const purchaseTs = paidAgoMs === undefined ? null : NOW - paidAgoMs;
  return {
    firstTs: NOW - agoMs,
    lastTs: purchaseTs ?? NOW - agoMs,
    beganTs: NOW - agoMs,
    purchaseTs,
    revenue: purchaseTs === null ? 0 : 10_000,
    abandonedTs: null,
    simulated: false,
    experiments: {},
    ...rest,
  };
}

describe('liveFigures', () => {
  it('counts checkouts active in the last 30 minutes without an order as in progress', () => {
    const live = liveFigures(
      [
        checkout(5 * MIN),
        checkout(40 * MIN, { lastTs: NOW - 10 * MIN }),
        checkout(IN_PROGRESS_MS + MIN),
        checkout(10 * MIN, { paidAgoMs: 2 * MIN }),
        // Left (the browser said so) and nothing happened since.
        checkout(8 * MIN, { lastTs: NOW - 3 * MIN, abandonedTs: NOW - 3 * MIN }),
        // Left, then came back.
        checkout(9 * MIN, { lastTs: NOW - MIN, abandonedTs: NOW - 4 * MIN }),
      ],
      { now: NOW, windowMs: WINDOW },
    );
    expect(live.inProgress).toBe(3);
  });

  it('sums orders and gross revenue over the last hour, 6 hours and 24 hours, each purchase once', () => {
    const live = liveFigures(
      [
        checkout(70 * MIN, { paidAgoMs: 30 * MIN, revenue: 12_345 }),
        checkout(5 * HOUR_MS, { paidAgoMs: 4 * HOUR_MS, revenue: 20_000 }),
        checkout(30 * HOUR_MS, { paidAgoMs: 23 * HOUR_MS, revenue: 5_000 }),
        checkout(40 * HOUR_MS, { paidAgoMs: 30 * HOUR_MS, revenue: 99_999 }),
        checkout(10 * MIN),
      ],
      { now: NOW, windowMs: WINDOW },
    );
    expect(live.totals).toEqual({
      lastHour: { orders: 1, revenue: 12_345 },
      last6Hours: { orders: 2, revenue: 32_345 },
      last24Hours: { orders: 3, revenue: 37_345 },
    });
  });

  it('puts each purchase in its clock hour, the hour under way last', () => {
    const live = liveFigures(
      [
        checkout(30 * MIN, { paidAgoMs: 5 * MIN, revenue: 1_000 }), // 13:15
        checkout(2 * HOUR_MS, { paidAgoMs: 90 * MIN, revenue: 2_000 }), // 11:50
        checkout(2 * HOUR_MS, { paidAgoMs: 80 * MIN, revenue: 3_000 }), // 12:00
        checkout(HOUR_MS, { paidAgoMs: -MIN, revenue: 4_000 }), // a minute ahead of the clock
      ],
      { now: NOW, windowMs: WINDOW },
    );
    expect(live.hours).toHaveLength(24);
    expect(live.hours.at(-1)).toEqual({ start: Date.UTC(2026, 11, 5, 13), orders: 2, revenue: 5_000 });
    expect(live.hours.at(-2)).toEqual({ start: Date.UTC(2026, 11, 5, 12), orders: 1, revenue: 3_000 });
    expect(live.hours.at(-3)).toEqual({ start: Date.UTC(2026, 11, 5, 11), orders: 1, revenue: 2_000 });
    expect(live.hours[0]?.start).toBe(Date.UTC(2026, 11, 4, 14));
    expect(live.hours.reduce((sum, h) => sum + h.orders, 0)).toBe(4);
  });

  it('calls the checkouts begun inside the window open, with their purchases so far and when they become final', () => {
    const live = liveFigures(
      [
        checkout(20 * HOUR_MS, { paidAgoMs: 19 * HOUR_MS }),
        checkout(3 * HOUR_MS, { paidAgoMs: 2 * HOUR_MS }),
        checkout(2 * HOUR_MS),
        checkout(10 * MIN),
        // Final already: its window has passed, the report counts it.
        checkout(25 * HOUR_MS, { paidAgoMs: 24.5 * HOUR_MS }),
        // A cart only, never a checkout.
        checkout(HOUR_MS, { beganTs: null }),
      ],
      { now: NOW, windowMs: WINDOW },
    );
    expect(live.open).toEqual({
      checkouts: 4,
      purchases: 2,
      conversion: 0.5,
      firstFinalAt: NOW - 20 * HOUR_MS + WINDOW,
      allFinalAt: NOW - 10 * MIN + WINDOW,
    });
  });

  it('has no conversion and no final time without open checkouts', () => {
    const live = liveFigures([], { now: NOW, windowMs: WINDOW });
    expect(live.open).toEqual({
      checkouts: 0,
      purchases: 0,
      conversion: null,
      firstFinalAt: null,
      allFinalAt: null,
    });
    expect(live.totals.last24Hours).toEqual({ orders: 0, revenue: 0 });
    expect(live.inProgress).toBe(0);
  });

  it('counts the open checkouts of each experiment arm, listing running experiments with every arm', () => {
    const layout = { 'checkout-layout': 'one-page' };
    const multi = { 'checkout-layout': 'multi-step' };
    const live = liveFigures(
      [
        checkout(HOUR_MS, { experiments: layout, paidAgoMs: 50 * MIN }),
        checkout(2 * HOUR_MS, { experiments: layout }),
        checkout(3 * HOUR_MS, { experiments: multi, paidAgoMs: 2 * HOUR_MS }),
        checkout(30 * HOUR_MS, { experiments: multi }),
        checkout(MIN, { experiments: { 'payment-order': 'blik-first' } }),
      ],
      {
        now: NOW,
        windowMs: WINDOW,
        experiments: [
          { key: 'checkout-layout', variations: ['one-page', 'multi-step'] },
          { key: 'express-pay', variations: ['off', 'on'] },
        ],
      },
    );
    expect(live.experiments).toEqual([
      {
        key: 'checkout-layout',
        arms: [
          { variation: 'one-page', checkouts: 2, purchases: 1, conversion: 0.5 },
          { variation: 'multi-step', checkouts: 1, purchases: 1, conversion: 1 },
        ],
      },
      {
        key: 'express-pay',
        arms: [
          { variation: 'off', checkouts: 0, purchases: 0, conversion: null },
          { variation: 'on', checkouts: 0, purchases: 0, conversion: null },
        ],
      },
      {
        key: 'payment-order',
        arms: [{ variation: 'blik-first', checkouts: 1, purchases: 0, conversion: 0 }],
      },
    ]);
  });

  it('keeps to real or simulated checkouts when asked, and mixes both otherwise', () => {
    const checkouts = [
      checkout(10 * MIN, { paidAgoMs: 5 * MIN }),
      checkout(10 * MIN, { paidAgoMs: 5 * MIN, simulated: true }),
      checkout(20 * MIN, { simulated: true }),
    ];
    const real = liveFigures(checkouts, { now: NOW, windowMs: WINDOW, simulated: false });
    const simulated = liveFigures(checkouts, { now: NOW, windowMs: WINDOW, simulated: true });
    const both = liveFigures(checkouts, { now: NOW, windowMs: WINDOW });
    expect([
      real.totals.lastHour.orders,
      simulated.totals.lastHour.orders,
      both.totals.lastHour.orders,
    ]).toEqual([1, 1, 2]);
    expect([real.open.checkouts, simulated.open.checkouts, both.open.checkouts]).toEqual([1, 2, 3]);
    expect([real.inProgress, simulated.inProgress]).toEqual([0, 1]);
  });
});
