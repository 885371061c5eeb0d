import { type Cart, cartSchema, fromDecimalString, KasaError, type LineItem, type Money } from '@kasa/core';
import type { MoneyV2, StorefrontCart, StorefrontCartLine, StorefrontDeliveryGroup } from './schemas.ts';

/** Shopify's name of a variant that has no options: not worth showing beside the product's title. */
const DEFAULT_VARIANT_TITLE = 'Default Title';

const GRAMS_PER: Readonly<Record<string, number>> = {
  GRAMS: 1,
  KILOGRAMS: 1000,
  OUNCES: 28.349523125,
  POUNDS: 453.59237,
};

/** A cart line's Shopify ids and weight: what Kasa's Cart has no field for. */
export interface ShopifyLineView {
  /** The CartLine gid (Kasa's `LineItem.id`). */
  readonly lineId: string;
  /** The ProductVariant gid: what Shopify sells and what a new cart line needs (Kasa's `LineItem.productId`). */
  readonly variantId: string;
  /** The Product gid. */
  readonly productId: string;
  /** Weight of one unit in whole grams, when the variant has one. */
  readonly unitWeightGrams?: number;
}

/** A delivery option of a delivery group, priced. */
export interface ShopifyDeliveryOptionView {
  readonly groupId: string;
  readonly handle: string;
  readonly title: string;
  readonly code?: string;
  readonly methodType: string;
  readonly price: Money;
  readonly selected: boolean;
}

/** A Storefront cart as Kasa sees it: Kasa's Cart plus what only Shopify has. */
export interface ShopifyCartView {
  readonly cart: Cart;
  readonly lines: readonly ShopifyLineView[];
  /** Where Shopify's checkout for this cart starts: the hand-off of mode A. */
  readonly checkoutUrl: string;
  readonly total: Money;
  /** The cart's attributes as Shopify keeps them (they reach the order as `note_attributes`). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly deliveryOptions: readonly ShopifyDeliveryOptionView[];
  /** Weight of the whole cart in grams, when every line's variant has a weight. */
  readonly weightGrams?: number;
  /** A mutation's warnings: what Shopify changed on its own (e.g. a quantity cut to the stock). */
  readonly warnings?: readonly { readonly code: string; readonly message: string; readonly target: string }[];
}

/**
 * A Shopify MoneyV2 as Kasa's Money (integer minor units, no floating point).
 *
 * @example moneyOf({ amount: '49.9', currencyCode: 'PLN' }); // money(4990)
 */
export function moneyOf(value: MoneyV2): Money {
  return fromDecimalString(value.amount, value.currencyCode);
}

/**
 * Weight of one unit in whole grams, or undefined when the variant has none.
 *
 * @example gramsOf(0.25, 'KILOGRAMS'); // 250
 */
export function gramsOf(
  weight: number | null | undefined,
  unit: string | null | undefined,
): number | undefined {
  if (weight === null || weight === undefined || weight <= 0 || !unit) return undefined;
  const factor = GRAMS_PER[unit];
  return factor === undefined ? undefined : Math.round(weight * factor);
}

function lineName(line: StorefrontCartLine): string {
  const { title, product } = line.merchandise;
  const name = title && title !== DEFAULT_VARIANT_TITLE ? `${product.title} – ${title}` : product.title;
  return name.slice(0, 200);
}

function lineItem(line: StorefrontCartLine, vatRate: number): LineItem {
  const { merchandise } = line;
  const imageUrl = merchandise.image?.url;
  return {
    id: line.id,
    productId: merchandise.id,
    ...(merchandise.sku ? { sku: merchandise.sku } : {}),
    name: lineName(line),
    quantity: line.quantity,
    unitPrice: moneyOf(line.cost.amountPerQuantity),
    total: moneyOf(line.cost.totalAmount),
    vatRate,
    ...(imageUrl && imageUrl.length <= 2000 ? { imageUrl } : {}),
  };
}

function deliveryOptionsOf(groups: readonly StorefrontDeliveryGroup[]): ShopifyDeliveryOptionView[] {
  return groups.flatMap((group) =>
    group.deliveryOptions.map((option) => ({
      groupId: group.id,
      handle: option.handle,
      title: option.title ?? option.handle,
      ...(option.code ? { code: option.code } : {}),
      methodType: option.deliveryMethodType,
      price: moneyOf(option.estimatedCost),
      selected: group.selectedDeliveryOption?.handle === option.handle,
    })),
  );
}

/** Runs a conversion of a parsed field; a failure is a response Kasa does not understand. */
function converted<T>(operation: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (error instanceof KasaError) throw error;
    throw new KasaError('platform_response_invalid', {
      details: { platform: 'shopify', api: 'storefront', operation, issue: String((error as Error).message) },
    });
  }
}

/**
 * Maps a parsed Storefront cart to Kasa's Cart and Shopify's extras. The Storefront API has no VAT
 * rate per line, so `vatRate` (the shop's rate, Polish standard 23% by default) is given to every line.
 *
 * @example
 * const view = toCartView(parsed.cart, { vatRate: 23 });
 * view.cart.subtotal; // money(8890)
 * view.checkoutUrl; // 'https://kasa-demo.myshopify.com/cart/c/…'
 */
export function toCartView(
  cart: StorefrontCart,
  options: { vatRate?: number; operation?: string } = {},
): ShopifyCartView {
  const operation = options.operation ?? 'cart';
  const vatRate = options.vatRate ?? 23;
  return converted(operation, () => {
    const subtotal = moneyOf(cart.cost.subtotalAmount);
    const nodes = cart.lines.nodes;
    const kasaCart = cartSchema.parse({
      ref: cart.id,
      currency: subtotal.currency,
      lines: nodes.map((line) => lineItem(line, vatRate)),
      subtotal,
    });
    const lines = nodes.map((line): ShopifyLineView => {
      const grams = gramsOf(line.merchandise.weight, line.merchandise.weightUnit);
      return {
        lineId: line.id,
        variantId: line.merchandise.id,
        productId: line.merchandise.product.id,
        ...(grams === undefined ? {} : { unitWeightGrams: grams }),
      };
    });
    const weights = lines.map((l, i) => (l.unitWeightGrams ?? Number.NaN) * (nodes[i]?.quantity ?? 0));
    const weightGrams = weights.reduce((a, b) => a + b, 0);
    return {
      cart: kasaCart,
      lines,
      checkoutUrl: cart.checkoutUrl,
      total: moneyOf(cart.cost.totalAmount),
      attributes: Object.fromEntries(cart.attributes.map((a) => [a.key, a.value ?? ''])),
      deliveryOptions: deliveryOptionsOf(cart.deliveryGroups.nodes),
      ...(lines.length > 0 && Number.isFinite(weightGrams) ? { weightGrams } : {}),
    };
  });
}
