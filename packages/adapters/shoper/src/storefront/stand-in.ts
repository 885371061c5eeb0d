/**
 * A stand-in of Shoper's storefront JS API for tests, in its documented style: `useStorefront`
 * calls back later (never during the call), the basket feature initializes after the page
 * (`basket.initialized` on the event bus), `getApiSync` gives undefined until then and `getApi`'s
 * promise waits for it; a change of the basket is announced with `basket.basketUpdated`. Built
 * from Shoper's documentation only; no DOM, so it runs in Node and in a browser page alike.
 */
import type {
  ShoperApis,
  ShoperBasketShipping,
  ShoperFullPrice,
  ShoperProductBasket,
  ShoperStorefront,
  UseStorefront,
} from './storefront-api.ts';

export interface StandInOptions {
  readonly products: readonly ShoperProductBasket[];
  readonly shippings?: readonly ShoperBasketShipping[];
  /** Milliseconds after `useStorefront`'s first call until the basket initializes; null: only `initializeBasket()`. */
  readonly initializeAfterMs?: number | null;
}

export interface StorefrontStandIn {
  readonly useStorefront: UseStorefront;
  readonly storefront: ShoperStorefront;
  /** Initializes the basket feature now (once), announcing `basket.initialized`. */
  initializeBasket(): void;
  /** Replaces the basket's lines and announces `basket.basketUpdated`. */
  setProducts(products: readonly ShoperProductBasket[]): void;
}

/** A FullPrice of a gross PLN amount at a VAT rate (23% unless told), as the basket shows it. */
export function standInPrice(gross: number, vatRate = 23): ShoperFullPrice & Record<string, unknown> {
  const net = Math.round((gross / (1 + vatRate / 100)) * 100) / 100;
  const zl = (value: number) => `${value.toFixed(2).replace('.', ',')} zł`;
  return {
    currency: 'PLN',
    grossValue: gross,
    grossValueFormatted: zl(gross),
    netValue: net,
    netValueFormatted: zl(net),
    taxValue: Math.round((gross - net) * 100) / 100,
    tax: vatRate,
  };
}

/**
 * A stand-in `useStorefront` with a basket of the given lines and shippings.
 *
 * @example
 * const shop = createStorefrontStandIn({
 *   products: [{ id: '1', productId: 12, variantId: 34, quantity: 2, price: standInPrice(49.99) }],
 *   shippings: [{ id: 5, name: 'InPost Paczkomat', isSelected: true, isPickupPointDelivery: true, pickupPoint: { code: 'KRA010' } }],
 * });
 * window.useStorefront = shop.useStorefront;
 */
export function createStorefrontStandIn(options: StandInOptions): StorefrontStandIn {
  let products = [...options.products];
  const shippings = [...(options.shippings ?? [])];
  const handlers = new Map<string, ((message: { body?: unknown }) => void)[]>();
  let initialized = false;
  let waiting: (() => void)[] = [];
  let scheduled = false;

  const emit = (event: string, body?: unknown) => {
    for (const handler of handlers.get(event) ?? []) setTimeout(() => handler({ body }), 0);
  };

  const apis: ShoperApis = {
    basketProductsApi: { get: () => products.map((product) => ({ ...product })) },
    basketShippingsApi: {
      get: () => shippings.map((shipping) => ({ ...shipping })),
      getSelectedShipping: () => shippings.find((shipping) => shipping.isSelected === true),
    },
  };
  const known = (name: string): name is keyof ShoperApis => Object.hasOwn(apis, name);

  const storefront: ShoperStorefront = {
    eventBus: {
      on(event, handler) {
        handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      },
    },
    getApiSync: (name) => (initialized && known(name) ? apis[name] : undefined),
    getApi: (name) => {
      if (!known(name)) return Promise.reject(new Error(`Unknown API: ${String(name)}`));
      if (initialized) return Promise.resolve(apis[name]);
      return new Promise((resolve) => waiting.push(() => resolve(apis[name])));
    },
  };

  const initializeBasket = () => {
    if (initialized) return;
    initialized = true;
    for (const resolve of waiting) resolve();
    waiting = [];
    emit('basket.initialized');
  };

  return {
    storefront,
    initializeBasket,
    useStorefront(callback) {
      const delay = options.initializeAfterMs === undefined ? 0 : options.initializeAfterMs;
      if (!scheduled && delay !== null) setTimeout(initializeBasket, delay);
      scheduled = true;
      setTimeout(() => void callback(storefront), 0);
    },
    setProducts(next) {
      products = [...next];
      emit('basket.basketUpdated');
    },
  };
}
