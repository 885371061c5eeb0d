import { type Currency, type Money, multiply, sum } from './money.ts';
import type { Cart, LineItem } from './schemas.ts';

/** What a catalogue knows of a product: enough to price a cart line. */
export interface CatalogueProduct {
  readonly id: string;
  readonly name: string;
  /** Gross, VAT included. */
  readonly unitPrice: Money;
  readonly vatRate: number;
  readonly imageUrl?: string | undefined;
}

/**
 * A cart line for `quantity` of `product` at the catalogue's gross price.
 *
 * @example catalogueLine(kubek, 2).total; // { amount: 7800, currency: 'PLN' }
 */
export function catalogueLine(product: CatalogueProduct, quantity: number): LineItem {
  return {
    id: product.id,
    productId: product.id,
    name: product.name,
    quantity,
    unitPrice: product.unitPrice,
    total: multiply(product.unitPrice, quantity),
    vatRate: product.vatRate,
    ...(product.imageUrl === undefined ? {} : { imageUrl: product.imageUrl }),
  };
}

/**
 * A cart of `lines`, its subtotal their sum.
 *
 * @example cartOfLines('cart_1', 'PLN', [catalogueLine(kubek, 2)]).subtotal; // 78,00 zł
 */
export function cartOfLines(ref: string, currency: Currency, lines: LineItem[]): Cart {
  return {
    ref,
    currency,
    lines,
    subtotal: sum(
      lines.map((line) => line.total),
      currency,
    ),
  };
}
