import { computeTotals } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { makeView } from '../testing/view.ts';
import { shownTotals } from './shown-totals.ts';
import type { WidgetState } from './types.ts';

const pln = (amount: number) => ({ amount, currency: 'PLN' });
const view = makeView();
const locker = view.shippingOptions.find((option) => option.id === 'inpost-locker');
const state = (overrides: Partial<WidgetState['view']>, shippingOptionId?: string) =>
  ({ shippingOptionId, view: { ...view, ...overrides } }) as unknown as WidgetState;
const vatOf = (totals: WidgetState['view']['totals']) =>
  pln(totals.vat.reduce((sum, line) => sum + line.vat.amount, 0));

describe('the totals the shopper sees', () => {
  it('shows no delivery price before an option is chosen, and the goods VAT', () => {
    expect(shownTotals(state({}))).toEqual({ shipping: undefined, total: pln(6999), vat: pln(1030) });
  });

  it("adds the chosen option's quoted price before the delivery is saved, and its VAT with it", () => {
    // The goods carry 10,30 zł of VAT; the locker's 12,99 zł at 23% adds 2,43 zł.
    expect(shownTotals(state({}, 'inpost-locker'))).toEqual({
      shipping: pln(1299),
      total: pln(8298),
      vat: pln(1273),
    });
  });

  it("follows the delivery's own VAT rate (a shop with taxes off charges none on it)", () => {
    const untaxed = { ...locker, vatRate: 0 } as NonNullable<typeof locker>;
    expect(shownTotals(state({ shippingOptions: [untaxed] }, 'inpost-locker')).vat).toEqual(pln(1030));
  });

  it("uses the server's totals once the delivery is saved", () => {
    const totals = computeTotals({ cart: view.cart, shipping: locker });
    const saved = state({ delivery: { optionId: 'inpost-locker' }, totals }, 'inpost-locker');
    expect(shownTotals(saved)).toEqual({ shipping: pln(1299), total: totals.total, vat: vatOf(totals) });
  });
});
