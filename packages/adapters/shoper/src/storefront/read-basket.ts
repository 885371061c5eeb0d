import type { ShoperBasket, ShoperBasketLine } from '../basket-ref.ts';
import type {
  ShoperBasketShipping,
  ShoperBasketShippingsApi,
  ShoperProductBasket,
  ShoperStorefront,
} from './storefront-api.ts';

/** Why a basket could not be read; each leaves the shop's own checkout as the shopper's way on. */
export type BasketUnreadable =
  | 'api_missing'
  | 'basket_empty'
  | 'field_missing'
  | 'line_unsupported'
  | 'too_many_lines';

export type ShoperBasketReading =
  | {
      readonly ok: true;
      readonly basket: ShoperBasket;
      /** The pickup point chosen in the basket (an InPost locker code), when Shoper shows one; not part of the ref. */
      readonly pickupPointCode?: string;
    }
  | { readonly ok: false; readonly reason: BasketUnreadable; readonly detail: string };

// The limits parseBasketRef enforces, so a basket read here never makes a ref the server calls damaged.
const MAX_LINES = 100;
const MAX_QUANTITY = 999;
const MAX_UNIT_PRICE = 100_000_000;
const MAX_ID = 2 ** 31 - 1;
const DEFAULT_WAIT_MS = 5_000;

const unreadable = (reason: BasketUnreadable, detail: string): ShoperBasketReading => ({
  ok: false,
  reason,
  detail,
});

/** A Shoper id: a positive integer (a string of digits is taken too, should a theme pass one). */
function idOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : undefined;
}

/** PLN float → grosze; undefined for anything that is not a finite, non-negative amount. */
function groszeOf(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  const grosze = Math.round(value * 100);
  return grosze <= MAX_UNIT_PRICE ? grosze : undefined;
}

function lineOf(product: ShoperProductBasket, index: number): ShoperBasketLine | ShoperBasketReading {
  const at = `line ${index + 1}`;
  if (typeof product !== 'object' || product === null)
    return unreadable('field_missing', `${at}: not an object`);
  if (product.isExchangedWithLoyaltyPoints === true) {
    return unreadable('line_unsupported', `${at}: paid with loyalty points`);
  }
  const productId = idOf(product.productId);
  if (productId === undefined) return unreadable('field_missing', `${at}: productId`);
  const stockId = idOf(product.variantId);
  if (stockId === undefined) return unreadable('field_missing', `${at}: variantId`);
  const quantity = product.quantity;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
    return unreadable('field_missing', `${at}: quantity`);
  }
  if (quantity > MAX_QUANTITY)
    return unreadable('line_unsupported', `${at}: more than ${MAX_QUANTITY} pieces`);
  const currency = product.price?.currency;
  if (currency !== undefined && currency.toUpperCase() !== 'PLN') {
    return unreadable('line_unsupported', `${at}: price in ${currency}`);
  }
  const shownUnitPrice = groszeOf(product.price?.grossValue);
  if (shownUnitPrice === undefined) return unreadable('field_missing', `${at}: price.grossValue`);
  return { productId, stockId, quantity, shownUnitPrice };
}

/** Resolves with an API, or undefined when it is absent or does not come within `waitMs`. */
async function apiOf<Name extends 'basketProductsApi' | 'basketShippingsApi'>(
  storefront: ShoperStorefront,
  name: Name,
  waitMs: number,
) {
  try {
    const ready = storefront.getApiSync?.(name);
    if (ready) return ready;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, waitMs, undefined);
    });
    try {
      return await Promise.race([storefront.getApi(name), late]);
    } finally {
      clearTimeout(timer);
    }
  } catch {
    return undefined;
  }
}

function selectedShipping(api: ShoperBasketShippingsApi | undefined): ShoperBasketShipping | undefined {
  try {
    return api?.getSelectedShipping() ?? api?.get().find((shipping) => shipping?.isSelected === true);
  } catch {
    return undefined;
  }
}

/**
 * Reads the shopper's Shoper basket through the storefront JS API (`basketProductsApi.get()` and
 * `basketShippingsApi.getSelectedShipping()`): product id, stock id (the line's `variantId`),
 * quantity and the gross unit price shown, in grosze, plus the chosen shipping's id. Never throws:
 * a missing API, an empty basket or a line without a needed field gives `{ ok: false, reason }`, and
 * the shop's own checkout stays the way on. The prices are a claim the server checks against REST.
 *
 * @example
 * useStorefront(async (storefront) => {
 *   const reading = await readShoperBasket(storefront);
 *   if (reading.ok) encodeBasketRef(reading.basket); // 'shoper1.eyJsIjpbWzEyLDM0LDIsNDk5OV1dLCJzIjo1fQ'
 * });
 */
export async function readShoperBasket(
  storefront: ShoperStorefront | undefined,
  options: { readonly waitMs?: number } = {},
): Promise<ShoperBasketReading> {
  if (typeof storefront !== 'object' || storefront === null || typeof storefront.getApi !== 'function') {
    return unreadable('api_missing', 'no storefront JS API on this page');
  }
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const productsApi = await apiOf(storefront, 'basketProductsApi', waitMs);
  if (!productsApi) return unreadable('api_missing', 'basketProductsApi');
  let products: readonly ShoperProductBasket[];
  try {
    products = productsApi.get();
  } catch {
    return unreadable('api_missing', 'basketProductsApi.get() failed');
  }
  if (!Array.isArray(products)) return unreadable('field_missing', 'basketProductsApi.get() gave no list');
  if (products.length === 0) return unreadable('basket_empty', 'the basket has no products');
  if (products.length > MAX_LINES) return unreadable('too_many_lines', `more than ${MAX_LINES} lines`);
  const lines: ShoperBasketLine[] = [];
  for (const [index, product] of products.entries()) {
    const line = lineOf(product, index);
    if ('ok' in line) return line;
    lines.push(line);
  }
  const shipping = selectedShipping(await apiOf(storefront, 'basketShippingsApi', waitMs));
  const shippingId = idOf(shipping?.id);
  const pickupPointCode = shipping?.isPickupPointDelivery ? shipping.pickupPoint?.code : undefined;
  return {
    ok: true,
    basket: { lines, ...(shippingId === undefined ? {} : { shippingId }) },
    ...(typeof pickupPointCode === 'string' && pickupPointCode !== '' ? { pickupPointCode } : {}),
  };
}
