import type { Money } from '@kasa/core';
import type { WidgetState } from './types.ts';

/**
 * Delivery and total as the shopper should see them now. Until a delivery is saved (a locker not
 * yet picked, an address not yet complete) the server's totals leave shipping out; the chosen
 * option's price is already the server's quote, so it is added here rather than shown as "–".
 */
export function shownTotals(state: WidgetState): { shipping: Money | undefined; total: Money } {
  const { totals, delivery, shippingOptions } = state.view;
  if (delivery) return { shipping: totals.shipping, total: totals.total };
  const chosen = shippingOptions.find((option) => option.id === state.shippingOptionId);
  if (!chosen) return { shipping: undefined, total: totals.total };
  return {
    shipping: chosen.price,
    total: { amount: totals.total.amount + chosen.price.amount, currency: totals.total.currency },
  };
}
