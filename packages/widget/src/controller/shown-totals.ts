import { type Money, SHIPPING_VAT_RATE } from '@kasa/core';
import type { WidgetState } from './types.ts';

/** VAT in a gross amount of minor units, rounded half away from zero (core's vatFromGross, integer rates). */
const vatIn = (gross: number, rate: number) => Math.round((gross * rate) / (100 + rate));

/**
 * Delivery, total and the VAT in it as the shopper should see them now. Until a delivery is saved
 * (a locker not yet picked, an address not yet complete) the server's totals leave shipping out;
 * the chosen option's price is already the server's quote, so it is added here, and its VAT with
 * it, so the VAT line always belongs to the total shown. The VAT follows core's computeTotals rule
 * (delivery at its own rate; at the standard rate, one line with the payment fee), in plain numbers
 * rather than core's exact decimal arithmetic, which the bundle cannot afford: the test holds the
 * two equal for integer rates (Polish rates are 23, 8, 5 and 0).
 */
export function shownTotals(state: WidgetState): { shipping: Money | undefined; total: Money; vat: Money } {
  const { totals, delivery, shippingOptions } = state.view;
  const { currency } = totals.total;
  const vat = totals.vat.reduce((sum, line) => sum + line.vat.amount, 0);
  const chosen = delivery
    ? undefined
    : shippingOptions.find((option) => option.id === state.shippingOptionId);
  if (!chosen)
    return { shipping: delivery && totals.shipping, total: totals.total, vat: { amount: vat, currency } };
  const price = chosen.price.amount;
  const fee = totals.paymentFee.amount;
  const rate = chosen.vatRate ?? SHIPPING_VAT_RATE;
  const added = rate === SHIPPING_VAT_RATE ? vatIn(price + fee, rate) - vatIn(fee, rate) : vatIn(price, rate);
  return {
    shipping: chosen.price,
    total: { amount: totals.total.amount + price, currency },
    vat: { amount: vat + added, currency },
  };
}
