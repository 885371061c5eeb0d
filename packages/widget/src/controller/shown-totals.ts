import { computeTotals, type Money } from '@kasa/core';
import type { WidgetState } from './types.ts';

/**
 * Delivery, total and the VAT in it as the shopper should see them now. Until a delivery is saved
 * (a locker not yet picked, an address not yet complete) the server's totals leave shipping out;
 * the chosen option's price is already the server's quote, so the totals are worked out with it by
 * core's own computeTotals (the server's rules, the delivery's VAT rate included) rather than
 * showing "–", and the VAT line always belongs to the total shown.
 */
export function shownTotals(state: WidgetState): { shipping: Money | undefined; total: Money; vat: Money } {
  const { totals, delivery, shippingOptions, cart, paymentMethods, paymentMethodId } = state.view;
  const chosen = delivery
    ? undefined
    : shippingOptions.find((option) => option.id === state.shippingOptionId);
  const shown = chosen
    ? computeTotals({
        cart,
        shipping: chosen,
        paymentMethod: paymentMethods.find((method) => method.id === paymentMethodId),
      })
    : totals;
  return {
    shipping: delivery || chosen ? shown.shipping : undefined,
    total: shown.total,
    vat: {
      amount: shown.vat.reduce((sum, line) => sum + line.vat.amount, 0),
      currency: shown.total.currency,
    },
  };
}
