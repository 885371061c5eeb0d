import { type Cart, type LineItem, type Money, money, type ShippingOption } from '@kasa/core';
import { parseAmount } from './amounts.ts';
import type { ModuleCarrier, ModuleCart } from './module-client.ts';

/**
 * PrestaShop data → Kasa's core types. Amounts are the ones PrestaShop computed (tax included, its
 * own rounding), never recomputed here.
 */

function amountOrThrow(value: string, currency: string, field: string): Money {
  const parsed = parseAmount(value, currency);
  if (parsed === undefined) throw new RangeError(`${field}: not an amount: ${value}`);
  return parsed;
}

/** A cart line's id carries what the webservice needs to rebuild the row: product, combination, customization. */
export function lineId(line: { id_product: number; id_product_attribute: number; id_customization: number }) {
  const base = `${line.id_product}-${line.id_product_attribute}`;
  return line.id_customization > 0 ? `${base}-${line.id_customization}` : base;
}

export function parseLineId(
  id: string,
): { idProduct: number; idProductAttribute: number; idCustomization: number } | undefined {
  const match = /^(\d{1,10})-(\d{1,10})(?:-(\d{1,10}))?$/.exec(id);
  if (!match) return undefined;
  return {
    idProduct: Number(match[1]),
    idProductAttribute: Number(match[2]),
    idCustomization: Number(match[3] ?? 0),
  };
}

export function toCart(ref: string, cart: ModuleCart): Cart {
  const currency = cart.currency_iso;
  const lines: LineItem[] = cart.lines.map((line, index) => {
    const where = `cart.lines.${index}`;
    return {
      id: lineId(line),
      productId: String(line.id_product),
      ...(line.reference.trim() ? { sku: line.reference.trim().slice(0, 100) } : {}),
      name: line.name.trim().slice(0, 200),
      quantity: line.quantity,
      unitPrice: amountOrThrow(line.unit_price_tax_incl, currency, `${where}.unit_price_tax_incl`),
      total: amountOrThrow(line.total_tax_incl, currency, `${where}.total_tax_incl`),
      vatRate: Number(line.tax_rate),
      ...(line.image_url && /^https?:\/\//.test(line.image_url) ? { imageUrl: line.image_url } : {}),
    };
  });
  return {
    ref,
    currency,
    lines,
    // PrestaShop's own total without shipping, not the products' sum: with PS_ROUND_TYPE 2 (round
    // each line) the two can differ by a grosz, and validateOrder charges the total.
    subtotal: money(
      amountOrThrow(cart.totals.total, currency, 'cart.totals.total').amount -
        amountOrThrow(cart.totals.shipping, currency, 'cart.totals.shipping').amount,
      currency,
    ),
  };
}

/** `"1-2 dni robocze"`, `"24h"`, `"3 dni"` → days; unknown text → 1–3 days. */
export function etaFromDelay(delay: string): { minDays: number; maxDays: number } {
  const range = /(\d{1,2})\s*[-–]\s*(\d{1,2})/.exec(delay);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    return { minDays: Math.min(min, max), maxDays: Math.max(min, max) };
  }
  const hours = /(\d{1,3})\s*h/i.exec(delay);
  if (hours) {
    const days = Math.max(1, Math.ceil(Number(hours[1]) / 24));
    return { minDays: days, maxDays: days };
  }
  const single = /(\d{1,2})/.exec(delay);
  if (single) return { minDays: Number(single[1]), maxDays: Number(single[1]) };
  return { minDays: 1, maxDays: 3 };
}

export const carrierOptionId = (carrierId: number): string => `carrier-${carrierId}`;

export function parseCarrierOptionId(id: string): number | undefined {
  const match = /^carrier-(\d{1,10})$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

/**
 * Carriers the module priced for the cart → shipping options. A carrier of the official InPost
 * module's locker service (or one the merchant marked) is a `locker` option with InPost points.
 */
export function toShippingOptions(carriers: readonly ModuleCarrier[], currency: string): ShippingOption[] {
  return carriers.map((carrier, index) => {
    const price = amountOrThrow(carrier.price, currency, `carriers.${index}.price`);
    const regular = carrier.regular_price ? parseAmount(carrier.regular_price, currency) : undefined;
    const kind = carrier.locker ? 'locker' : 'courier';
    const carrierName = carrier.module === 'inpostshipping' || carrier.locker ? 'inpost' : carrier.name;
    return {
      id: carrierOptionId(carrier.id),
      carrier: carrierName.trim().slice(0, 50),
      kind,
      name: carrier.name.trim().slice(0, 100),
      price,
      ...(regular && regular.amount > price.amount ? { regularPrice: regular } : {}),
      eta: etaFromDelay(carrier.delay),
      ...(kind === 'locker' ? { pickupCarrier: 'inpost' } : {}),
    };
  });
}

/**
 * PrestaShop writes dates as `YYYY-MM-DD HH:MM:SS` in the shop's time zone, without the zone. The
 * module sends ISO 8601 with an offset; a bare webservice date is read as UTC.
 */
export function isoDate(value: string, fallback: Date): string {
  const bare = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value);
  const parsed = Date.parse(bare ? `${bare[1]}T${bare[2]}Z` : value);
  return Number.isNaN(parsed) ? fallback.toISOString() : new Date(parsed).toISOString();
}

export const zero = (currency: string): Money => money(0, currency);
