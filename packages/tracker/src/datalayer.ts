import { minorUnitExponent } from '@kasa/core';
import type { WidgetEvent } from './types.ts';

const ECOMMERCE = ['view_cart', 'begin_checkout', 'add_shipping_info', 'add_payment_info', 'purchase'];
type Item = { item_id: string; quantity: number; price: number };

/** The currency's decimal places; 2 for a code no one knows. */
const fractionDigits = (currency: string): number => {
  try {
    return minorUnitExponent(currency);
  } catch {
    return 2;
  }
};

/**
 * Bridges GA4 ecommerce events to the host page's `window.dataLayer` (only when the page has one),
 * each preceded by `{ ecommerce: null }` as Google recommends. Amounts become major units
 * (12999 → 129.99). Only named ecommerce fields are copied, so nothing personal is pushed.
 * `add_shipping_info` and `add_payment_info` reuse the items of the last cart event.
 *
 * @example
 * const push = dataLayerBridge(window);
 * push({ name: 'view_cart', params: { value: 12999, currency: 'PLN', items: [] } });
 */
export function dataLayerBridge(win: Window | undefined): (event: WidgetEvent) => void {
  let items: Item[] | undefined;
  return ({ name, params }) => {
    const layer = (win as { dataLayer?: unknown } | undefined)?.dataLayer;
    if (!Array.isArray(layer) || !ECOMMERCE.includes(name)) return;
    const p = params as Partial<Record<string, unknown>> & {
      value: number;
      currency: string;
      items?: Item[];
    };
    const unit = 10 ** fractionDigits(p.currency);
    const major = (minor: unknown) => (typeof minor === 'number' ? Math.round(minor) / unit : undefined);
    if (p.items)
      items = p.items.map((i) => ({ item_id: i.item_id, quantity: i.quantity, price: major(i.price) ?? 0 }));
    const ecommerce: Record<string, unknown> = {
      currency: p.currency,
      value: major(p.value),
      items,
      transaction_id: p.transaction_id,
      shipping: major(p.shipping),
      tax: major(p.tax),
      shipping_tier: p.shipping_tier,
      payment_type: p.payment_type,
    };
    for (const key of Object.keys(ecommerce)) if (ecommerce[key] === undefined) delete ecommerce[key];
    layer.push({ ecommerce: null });
    layer.push({ event: name, ecommerce });
  };
}
