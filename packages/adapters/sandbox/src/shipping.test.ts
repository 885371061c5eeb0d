import { money } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { quoteSandboxShipping } from './shipping.ts';

const byId = (subtotal: number, threshold?: ReturnType<typeof money> | null) =>
  new Map(
    quoteSandboxShipping({
      subtotal: money(subtotal),
      ...(threshold === undefined ? {} : { freeShippingThreshold: threshold }),
    }).map((o) => [o.id, o]),
  );

describe('sandbox shipping quote', () => {
  it('lists the InPost locker first, then InPost courier, DPD and pickup in the shop', () => {
    const options = quoteSandboxShipping({ subtotal: money(5000) });
    expect(options.map((o) => [o.id, o.kind, o.price.amount])).toEqual([
      ['inpost_locker', 'locker', 1299],
      ['inpost_courier', 'courier', 1699],
      ['dpd_courier', 'courier', 1899],
      ['store_pickup', 'pickup', 0],
    ]);
    expect(options[0]?.pickupCarrier).toBe('inpost');
    expect(options[3]?.pickupCarrier).toBeUndefined();
    expect(options.map((o) => o.eta)).toEqual([
      { minDays: 1, maxDays: 2 },
      { minDays: 1, maxDays: 2 },
      { minDays: 1, maxDays: 3 },
      { minDays: 0, maxDays: 1 },
    ]);
  });

  it('charges full price at 199,99 zł', () => {
    const options = byId(19999);
    expect(options.get('inpost_locker')?.price).toEqual(money(1299));
    expect(options.get('inpost_locker')?.regularPrice).toBeUndefined();
    expect(options.get('inpost_courier')?.price).toEqual(money(1699));
  });

  it('makes both InPost options free at 200,00 zł and keeps the regular price', () => {
    const options = byId(20000);
    expect(options.get('inpost_locker')?.price).toEqual(money(0));
    expect(options.get('inpost_locker')?.regularPrice).toEqual(money(1299));
    expect(options.get('inpost_courier')?.price).toEqual(money(0));
    expect(options.get('inpost_courier')?.regularPrice).toEqual(money(1699));
    expect(options.get('dpd_courier')?.price).toEqual(money(1899));
    expect(options.get('dpd_courier')?.regularPrice).toBeUndefined();
    expect(options.get('store_pickup')?.regularPrice).toBeUndefined();
  });

  it('takes a configurable threshold, or none', () => {
    expect(byId(9999, money(10000)).get('inpost_locker')?.price).toEqual(money(1299));
    expect(byId(10000, money(10000)).get('inpost_locker')?.price).toEqual(money(0));
    expect(byId(1_000_000, null).get('inpost_locker')?.price).toEqual(money(1299));
  });
});
