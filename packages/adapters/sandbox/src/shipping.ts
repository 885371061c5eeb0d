import { compare, type Money, money, type ShippingOption } from '@kasa/core';

/** Default free-shipping threshold: 200,00 zł gross cart subtotal. */
export const DEFAULT_FREE_SHIPPING_THRESHOLD: Money = money(20000, 'PLN');

interface Rate {
  readonly option: Omit<ShippingOption, 'price' | 'regularPrice'>;
  readonly grosze: number;
  /** Whether the free-shipping threshold applies to this option. */
  readonly freeAboveThreshold: boolean;
}

// In display order: the InPost locker first, as most Polish shoppers pick it.
const rates: readonly Rate[] = [
  {
    option: {
      id: 'inpost_locker',
      carrier: 'inpost',
      kind: 'locker',
      name: 'InPost Paczkomat 24/7',
      eta: { minDays: 1, maxDays: 2 },
      pickupCarrier: 'inpost',
    },
    grosze: 1299,
    freeAboveThreshold: true,
  },
  {
    option: {
      id: 'inpost_courier',
      carrier: 'inpost',
      kind: 'courier',
      name: 'InPost Kurier',
      eta: { minDays: 1, maxDays: 2 },
    },
    grosze: 1699,
    freeAboveThreshold: true,
  },
  {
    option: {
      id: 'dpd_courier',
      carrier: 'dpd',
      kind: 'courier',
      name: 'DPD Kurier',
      eta: { minDays: 1, maxDays: 3 },
    },
    grosze: 1899,
    freeAboveThreshold: false,
  },
  {
    // No pickupCarrier: the shop itself is the pickup point.
    option: {
      id: 'store_pickup',
      carrier: 'sklep',
      kind: 'pickup',
      name: 'Odbiór osobisty w sklepie',
      eta: { minDays: 0, maxDays: 1 },
    },
    grosze: 0,
    freeAboveThreshold: false,
  },
];

export interface ShippingQuoteInput {
  /** Gross cart subtotal. */
  readonly subtotal: Money;
  /** Subtotal from which the InPost options are free; `null` disables free shipping. */
  readonly freeShippingThreshold?: Money | null;
}

/**
 * The sandbox shipping options for a cart subtotal, InPost locker first. At or above the
 * threshold the InPost options cost 0 and keep `regularPrice` so the saving can be shown.
 *
 * @example
 * quoteSandboxShipping({ subtotal: money(20000) })[0]; // price 0, regularPrice 12,99 zł
 */
export function quoteSandboxShipping(input: ShippingQuoteInput): ShippingOption[] {
  const { subtotal } = input;
  const threshold =
    input.freeShippingThreshold === undefined ? DEFAULT_FREE_SHIPPING_THRESHOLD : input.freeShippingThreshold;
  // A threshold in another currency cannot be compared, so it never applies.
  const free =
    threshold !== null && threshold.currency === subtotal.currency && compare(subtotal, threshold) >= 0;
  return rates.map(({ option, grosze, freeAboveThreshold }) => {
    const price = money(grosze, subtotal.currency);
    if (free && freeAboveThreshold && grosze > 0) {
      return { ...option, eta: { ...option.eta }, price: money(0, subtotal.currency), regularPrice: price };
    }
    return { ...option, eta: { ...option.eta }, price };
  });
}
