import { describe, expect, it } from 'vitest';
import { clockTime, hourBars, type LiveFigures, type LiveHour, liveChange, liveQuery } from './live.ts';
import { MESSAGES } from './messages.ts';

const HOUR = 3_600_000;
// 13:20 UTC is 14:20 in Warsaw in December (UTC+1).
const NOW = Date.UTC(2026, 11, 5, 13, 20);

const hours = (orders: readonly number[]): LiveHour[] =>
  orders.map((n, i) => ({ start: NOW - (orders.length - i) * HOUR, orders: n, revenue: n * 5_000 }));

const figures = (more: Partial<LiveFigures> = {}): LiveFigures => ({
  now: NOW,
  windowMs: 24 * HOUR,
  inProgress: 2,
  inProgressMs: 30 * 60_000,
  hours: hours(Array.from({ length: 24 }, () => 0)),
  totals: {
    lastHour: { orders: 1, revenue: 5_000 },
    last6Hours: { orders: 3, revenue: 15_000 },
    last24Hours: { orders: 15, revenue: 75_000 },
  },
  open: { checkouts: 23, purchases: 15, conversion: 15 / 23, firstFinalAt: NOW, allFinalAt: NOW },
  experiments: [],
  ...more,
});

describe('the live view helpers', () => {
  it('asks for the page’s data filter, real checkouts by default', () => {
    expect(liveQuery(undefined)).toBe('/api/analytics/live');
    expect(liveQuery(true)).toBe('/api/analytics/live?simulated=true');
    expect(liveQuery(false)).toBe('/api/analytics/live?simulated=false');
  });

  it('reads times on the shop’s clock (Warsaw), saying when one falls on a later day', () => {
    expect(clockTime(Date.UTC(2026, 11, 5, 13, 5), NOW)).toEqual({ time: '14:05', days: 0 });
    expect(clockTime(Date.UTC(2026, 11, 5, 23, 10), NOW)).toEqual({ time: '00:10', days: 1 });
    // Summer time: UTC+2.
    expect(clockTime(Date.UTC(2026, 6, 1, 10, 0), Date.UTC(2026, 6, 1, 9, 0))).toEqual({
      time: '12:00',
      days: 0,
    });
  });

  it('scales bars to the busiest hour, labels every sixth hour and the current one', () => {
    const box = { width: 340, height: 150, left: 26, top: 16, bottom: 22 };
    const chart = hourBars(hours([...Array.from({ length: 22 }, () => 0), 4, 2]), box);
    expect(chart.max).toBe(4);
    expect(chart.baseline).toBe(128);
    const [busiest, current] = chart.bars.slice(-2);
    expect(busiest?.height).toBe(112);
    expect(busiest?.y).toBe(16);
    expect(current?.height).toBe(56);
    expect(current?.current).toBe(true);
    expect(chart.bars[0]?.height).toBe(0);
    expect(chart.ticks.map((t) => t.start)).toEqual([0, 6, 12, 18, 23].map((i) => chart.bars[i]?.hour.start));
    const last = chart.bars.at(-1);
    expect((last?.x ?? 0) + (last?.width ?? 0)).toBeLessThanOrEqual(box.width);
    expect(hourBars(hours([0, 0]), box).max).toBe(1);
  });

  it('announces new orders and a changed number of checkouts in progress, not an unchanged answer', () => {
    const before = figures();
    expect(liveChange(null, before)).toBeNull();
    expect(liveChange(before, figures())).toBeNull();
    const paid = figures({
      inProgress: 1,
      totals: { ...before.totals, last24Hours: { orders: 16, revenue: 80_000 } },
    });
    expect(liveChange(before, paid)).toEqual({
      newOrders: 1,
      inProgress: 1,
      orders24h: 16,
      revenue24h: 80_000,
    });
    expect(liveChange(before, figures({ inProgress: 3 }))).toEqual({
      newOrders: 0,
      inProgress: 3,
      orders24h: 15,
      revenue24h: 75_000,
    });
  });

  it('words the open checkouts as final or provisional, in Polish and English', () => {
    const at = { time: '14:05', days: 0 };
    const later = { time: '01:10', days: 1 };
    expect(MESSAGES.pl.live.open(23, '23', '24', 15, '15', '65%', at, at)).toBe(
      '23 checkouty z ostatnich 24 h są jeszcze otwarte: na razie 15 zamówień (konwersja 65%, wstępna); ostateczne o 14:05',
    );
    expect(MESSAGES.pl.live.open(1, '1', '24', 1, '1', '100%', at, later)).toBe(
      '1 checkout z ostatnich 24 h jest jeszcze otwarty: na razie 1 zamówienie (konwersja 100%, wstępna); pierwsze ostateczne o 14:05, wszystkie jutro o 01:10',
    );
    expect(MESSAGES.pl.live.open(5, '5', '24', 2, '2', '40%', at, at)).toContain(
      '5 checkoutów z ostatnich 24 h jest jeszcze otwartych: na razie 2 zamówienia',
    );
    expect(MESSAGES.en.live.open(23, '23', '24', 15, '15', '65%', at, later)).toBe(
      '23 checkouts from the last 24 h are still open: 15 orders so far (conversion 65%, provisional); the first final at 14:05, all tomorrow at 01:10',
    );
  });
});
