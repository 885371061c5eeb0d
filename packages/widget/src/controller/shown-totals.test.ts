import { computeTotals } from '@kasa/core';
import fc from 'fast-check';
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

describe('the shown VAT before the delivery is saved', () => {
  it("equals core's computeTotals for any cart, delivery price and rate, and payment fee", () => {
    const line = fc.record({
      total: fc.integer({ min: 1, max: 2_000_000 }),
      vatRate: fc.constantFrom(23, 8, 5, 0),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.option(fc.constantFrom(23, 8, 5, 0), { nil: undefined }),
        fc.integer({ min: 0, max: 2_000 }),
        (lines, price, vatRate, fee) => {
          const cart = {
            ...view.cart,
            lines: lines.map((l, i) => ({
              ...view.cart.lines[0],
              id: `l${i}`,
              total: pln(l.total),
              vatRate: l.vatRate,
            })),
          } as WidgetState['view']['cart'];
          const option = {
            ...locker,
            price: pln(price),
            ...(vatRate === undefined ? {} : { vatRate }),
          } as NonNullable<typeof locker>;
          const method = {
            id: 'cod',
            kind: 'cod',
            provider: 'sandbox',
            label: 'Za pobraniem',
            fee: pln(fee),
          } as const;
          const server = computeTotals({ cart, paymentMethod: method });
          const shown = shownTotals(
            state(
              {
                cart,
                totals: server,
                shippingOptions: [option],
                paymentMethods: [method],
                paymentMethodId: 'cod',
              },
              option.id,
            ),
          );
          const saved = computeTotals({ cart, shipping: option, paymentMethod: method });
          expect(shown.total).toEqual(saved.total);
          expect(shown.vat).toEqual(vatOf(saved));
        },
      ),
    );
  });
});
