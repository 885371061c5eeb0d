import { describe, expect, it } from 'vitest';
import { cartOfLines, catalogueLine } from './cart.ts';
import { money } from './money.ts';
import type { ShippingOption } from './schemas.ts';
import { computeTotals } from './totals.ts';

const cart = cartOfLines('cart_1', 'PLN', [
  catalogueLine({ id: 'kawa', name: 'Kawa 250 g', unitPrice: money(4990), vatRate: 0 }, 2),
]);
const flatRate: ShippingOption = {
  id: 'flat_rate:1',
  carrier: 'flat_rate',
  kind: 'courier',
  name: 'Flat rate',
  price: money(1499),
  eta: { minDays: 1, maxDays: 3 },
};

describe('checkout totals', () => {
  it('taxes delivery at the rate the platform reports, so a shop with taxes off shows no VAT on it', () => {
    const totals = computeTotals({ cart, shipping: { ...flatRate, vatRate: 0 } });
    expect(totals.total).toEqual(money(11479));
    expect(totals.vat).toEqual([{ rate: 0, gross: money(11479), net: money(11479), vat: money(0) }]);
  });

  it('taxes delivery at the Polish standard 23% when the platform says nothing', () => {
    const totals = computeTotals({ cart, shipping: flatRate });
    expect(totals.vat.find((row) => row.rate === 23)).toEqual({
      rate: 23,
      gross: money(1499),
      net: money(1219),
      vat: money(280),
    });
  });
});
