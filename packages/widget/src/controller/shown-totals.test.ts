import { describe, expect, it } from 'vitest';
import { shownTotals } from './shown-totals.ts';
import type { WidgetState } from './types.ts';

const pln = (amount: number) => ({ amount, currency: 'PLN' });
const state = (overrides: Partial<WidgetState['view']>, shippingOptionId?: string) =>
  ({
    shippingOptionId,
    view: {
      totals: { subtotal: pln(9980), shipping: pln(0), paymentFee: pln(0), total: pln(9980), vat: [] },
      shippingOptions: [{ id: 'inpost-locker', price: pln(1299) }],
      ...overrides,
    },
  }) as unknown as WidgetState;

describe('the totals the shopper sees', () => {
  it('shows no delivery price before an option is chosen', () => {
    expect(shownTotals(state({}))).toEqual({ shipping: undefined, total: pln(9980) });
  });

  it("adds the chosen option's quoted price before the delivery is saved", () => {
    expect(shownTotals(state({}, 'inpost-locker'))).toEqual({ shipping: pln(1299), total: pln(11279) });
  });

  it("uses the server's totals once the delivery is saved", () => {
    const saved = state(
      {
        delivery: { optionId: 'inpost-locker' },
        totals: { subtotal: pln(9980), shipping: pln(1299), paymentFee: pln(0), total: pln(11279), vat: [] },
      },
      'inpost-locker',
    );
    expect(shownTotals(saved)).toEqual({ shipping: pln(1299), total: pln(11279) });
  });
});
