/**
 * The part of Shoper's storefront JS API the basket reader uses, typed from Shoper's documentation
 * (storefront.developers.shoper.pl: JavaScript APIs, Basket Products API, Basket Shippings API, and
 * the ProductBasket, BasketShipping, FullPrice and PickupPoint models). Only the fields Kasa reads
 * are listed; the real objects carry more. Not checked against a live shop: every field is read
 * defensively (see read-basket.ts), because a theme or an API version may differ.
 */

/** FullPrice model: a price with its gross and net values (PLN floats, not grosze). */
export interface ShoperFullPrice {
  readonly currency?: string;
  readonly grossValue?: number;
  readonly netValue?: number;
}

/** ProductBasket model: one line of the basket. `variantId` is the Shoper stock the line buys. */
export interface ShoperProductBasket {
  readonly id?: string;
  readonly productId?: number;
  readonly variantId?: number;
  readonly quantity?: number;
  readonly name?: string;
  /** The unit price the basket shows (gross for consumers). */
  readonly price?: ShoperFullPrice;
  readonly isExchangedWithLoyaltyPoints?: boolean;
}

/** PickupPoint model: the point chosen for a pickup-point shipping (an InPost locker's code, e.g. KRA010). */
export interface ShoperPickupPoint {
  readonly code?: string;
  readonly supplier?: { readonly code?: string; readonly name?: string };
}

/** BasketShipping model: a shipping method offered in the basket. */
export interface ShoperBasketShipping {
  readonly id?: number;
  readonly name?: string;
  readonly isSelected?: boolean;
  readonly isPickupPointDelivery?: boolean;
  readonly pickupPoint?: ShoperPickupPoint | null;
  readonly price?: ShoperFullPrice;
}

/** `basketProductsApi`: `get()` answers synchronously with the basket's lines. */
export interface ShoperBasketProductsApi {
  get(): readonly ShoperProductBasket[];
}

/** `basketShippingsApi`: `getSelectedShipping()` answers synchronously, undefined when none is chosen. */
export interface ShoperBasketShippingsApi {
  get(): readonly ShoperBasketShipping[];
  getSelectedShipping(): ShoperBasketShipping | undefined;
}

/** The storefront's event bus: handlers get `{ body }`. */
export interface ShoperEventBus {
  on(event: string, handler: (message: { body?: unknown }) => void): unknown;
}

/** APIs by name, as `getApi` / `getApiSync` know them. */
export interface ShoperApis {
  basketProductsApi: ShoperBasketProductsApi;
  basketShippingsApi: ShoperBasketShippingsApi;
}

/**
 * The object `useStorefront(callback)` hands to its callback. Basket APIs exist only once the basket
 * feature is initialized (the `basket.initialized` event): before that `getApiSync` gives undefined
 * and `getApi`'s promise waits.
 */
export interface ShoperStorefront {
  readonly eventBus: ShoperEventBus;
  getApi<Name extends keyof ShoperApis>(name: Name): Promise<ShoperApis[Name]>;
  getApiSync<Name extends keyof ShoperApis>(name: Name): ShoperApis[Name] | undefined;
}

/** `window.useStorefront`: calls back with the storefront object once Shoper's scripts are ready. */
export type UseStorefront = (callback: (storefront: ShoperStorefront) => unknown) => unknown;
