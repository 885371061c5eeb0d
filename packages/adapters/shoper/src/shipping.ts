import { type Cart, money, type ShippingOption } from '@kasa/core';
import { grosze } from './cart.ts';
import { plName, type Shipping } from './rest/schemas.ts';

/** Engines and names of shippings that deliver to an InPost parcel locker. */
const LOCKER_ENGINES = new Set(['paczkomaty', 'inpost']);
const LOCKER_NAME = /inpost|paczkomat/i;

/**
 * Whether a shipping delivers to an InPost locker: one of the configured ids, else (none configured)
 * by its engine (`paczkomaty`) or its name (InPost, Paczkomat).
 *
 * @example isLockerShipping({ shipping_id: 1, engine: 'paczkomaty', tax_id: 1 }, []); // true
 */
export function isLockerShipping(shipping: Shipping, lockerIds: readonly number[]): boolean {
  if (lockerIds.length > 0) return lockerIds.includes(shipping.shipping_id);
  const name = shipping.name ?? plName(shipping.translations) ?? '';
  return LOCKER_ENGINES.has((shipping.engine ?? '').toLowerCase()) || LOCKER_NAME.test(name);
}

/** A shipping whose cost REST states outright (not by weight, amount or quantity tiers). */
const hasFixedCost = (s: Shipping) => (s.depend_on_w ?? 0) === 0 && s.cost !== undefined;

/** Whether the shipping serves an order of this amount (`min_cost`/`max_cost`, 0 = no bound). */
const servesAmount = (s: Shipping, subtotalGrosze: number) =>
  grosze(s.min_cost ?? 0) <= subtotalGrosze &&
  ((s.max_cost ?? 0) === 0 || subtotalGrosze <= grosze(s.max_cost ?? 0));

function kindOf(
  shipping: Shipping,
  lockerIds: readonly number[],
): Pick<ShippingOption, 'kind' | 'carrier' | 'pickupCarrier'> {
  if (isLockerShipping(shipping, lockerIds))
    return { kind: 'locker', carrier: 'inpost', pickupCarrier: 'inpost' };
  if (shipping.engine === 'personal') return { kind: 'pickup', carrier: 'shop' };
  return { kind: 'courier', carrier: shipping.engine ?? 'courier' };
}

/**
 * Kasa's shipping options from the shop's shippings: active ones with a fixed cost that serve the
 * cart's amount, free from `free_shipping` (the regular price kept), VAT from the shipping's tax.
 * Shippings priced by weight, amount or quantity tiers are left out (their tiers are not priced here).
 *
 * @example toShippingOptions(shippings, cart, new Map([[1, 23]]), []);
 * // [{ id: '1', kind: 'locker', carrier: 'inpost', pickupCarrier: 'inpost', price: { amount: 1299, currency: 'PLN' }, … }]
 */
export function toShippingOptions(
  shippings: readonly Shipping[],
  cart: Pick<Cart, 'subtotal'>,
  taxRates: ReadonlyMap<number, number>,
  lockerIds: readonly number[],
): ShippingOption[] {
  const subtotal = cart.subtotal.amount;
  return shippings
    .filter((s) => s.active !== false && hasFixedCost(s) && servesAmount(s, subtotal))
    .map((s) => {
      const regular = grosze(s.cost ?? 0);
      const threshold = s.free_shipping ?? 0;
      const free = threshold > 0 && subtotal >= grosze(threshold);
      const kind = kindOf(s, lockerIds);
      const vatRate = taxRates.get(s.tax_id);
      return {
        id: String(s.shipping_id),
        ...kind,
        name: (plName(s.translations) ?? s.name ?? `Dostawa ${s.shipping_id}`).slice(0, 100),
        price: money(free ? 0 : regular),
        ...(free && regular > 0 ? { regularPrice: money(regular) } : {}),
        eta: kind.kind === 'pickup' ? { minDays: 0, maxDays: 1 } : { minDays: 1, maxDays: 2 },
        ...(vatRate === undefined ? {} : { vatRate }),
      };
    });
}
