/**
 * The ids a mapped event carries, read from what Kasa's pre-checkout step put into the cart's
 * attributes (they reach the checkout and the order) or, without them, derived from Shopify's tokens
 * (`shopifyCheckoutId` in @kasa/core, which the server uses too for the order webhook's purchase).
 * Nothing here needs zod: the pixel bundle stays small, and tests check the output against Kasa's
 * real schema.
 */
import type { Attribute } from '@shopify/web-pixels-extension';

/** Cart attributes Kasa's pre-checkout step sets (`cartAttributesUpdate`). */
export const CART_ATTRIBUTES = {
  checkoutId: 'kasa_checkout_id',
  visitorId: 'kasa_visitor_id',
  /** Experiment assignments as `experiment:variation` pairs separated by commas. */
  experiments: 'kasa_experiments',
  /** The InPost locker the shopper chose; it reaches the order's note attributes. */
  locker: 'inpost_point',
} as const;

/** Shape of Kasa's ids (the same as `ID_PATTERN` in @kasa/core). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Shape of an experiment or variation key in Kasa's events. */
const KEY = /^(?!(__proto__|constructor|prototype)$)[a-z0-9_.-]{1,64}$/i;
const MAX_EXPERIMENTS = 20;

/**
 * An attribute's value by key, trimmed; undefined when absent or empty.
 *
 * @example attributeValue([{ key: 'kasa_checkout_id', value: 'chk_1' }], 'kasa_checkout_id'); // 'chk_1'
 */
export function attributeValue(attributes: readonly Attribute[] | null | undefined, key: string) {
  const value = attributes?.find((attribute) => attribute.key === key)?.value?.trim();
  return value ? value : undefined;
}

/** The value when it has the shape of a Kasa id, else undefined. */
export const asId = (value: string | null | undefined): string | undefined =>
  value && ID.test(value) ? value : undefined;

/**
 * The token of a Storefront cart id, without the `?key=` secret that grants access to the cart.
 *
 * @example cartToken('gid://shopify/Cart/c1-abc?key=secret'); // 'c1-abc'
 */
export function cartToken(cartId: string | null | undefined): string | undefined {
  const token = cartId?.split('?')[0]?.split('/').pop();
  return token ? token : undefined;
}

/**
 * Experiment assignments from the `kasa_experiments` attribute; pairs that are not two keys are
 * left out.
 *
 * @example parseExperiments('layout:one-page, bogus'); // { layout: 'one-page' }
 */
export function parseExperiments(value: string | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  const pairs = value
    .split(',')
    .map((pair) => pair.trim().split(':'))
    .filter((pair): pair is [string, string] => pair.length === 2 && pair.every((part) => KEY.test(part)))
    .slice(0, MAX_EXPERIMENTS);
  return pairs.length ? Object.fromEntries(pairs) : undefined;
}

/**
 * A Shopify id (numeric or `gid://shopify/Type/123`) as a token Kasa's events accept: its last path
 * segment, other characters made `_`, cut to 64.
 *
 * @example tokenOf('gid://shopify/ProductVariant/4123'); // '4123'
 */
export function tokenOf(id: string | null | undefined): string | undefined {
  const last = id?.split('?')[0]?.split('/').pop()?.trim();
  if (!last) return undefined;
  return last.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 64);
}
