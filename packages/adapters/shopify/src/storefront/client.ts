import '@shopify/shopify-api/adapters/node';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cart, CartRef } from '@kasa/core';
import { KasaError } from '@kasa/core';
import { ApiVersion, LogSeverity, type Shopify, shopifyApi } from '@shopify/shopify-api';
import { type AbstractFetchFunc, abstractFetch, setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { libraryErrorToKasa, userErrorToKasa } from './errors.ts';
import { type ShopifyCartView, toCartView } from './map.ts';
import { type CartMutation, OPERATIONS } from './queries.ts';
import { cartPayloadSchema, parseStorefront, storefrontCartSchema } from './schemas.ts';

/** The Storefront API version Kasa's documents are written for. */
export const STOREFRONT_API_VERSION = ApiVersion.April26;

export interface StorefrontCartClientOptions {
  /** The shop's permanent domain, e.g. `kasa-demo.myshopify.com`. */
  readonly shop: string;
  /** A private Storefront API token (sent as `Shopify-Storefront-Private-Token`). Never logged. */
  readonly storefrontAccessToken: string;
  readonly apiVersion?: ApiVersion;
  /**
   * A library instance to reuse (e.g. the Admin adapter's); it must be a custom store app with
   * `privateAppStorefrontAccessToken`. Without it the client makes its own.
   */
  readonly shopify?: Shopify;
  /** The app's secret, for a client that makes its own instance (the library requires one; unused here). */
  readonly apiSecretKey?: string;
  /**
   * The fetch the library's client uses, e.g. one that points at a local fake. Installed with
   * `setAbstractFetchFunc` just while the client is constructed (the client keeps it by value), then
   * the previous one is put back, so other clients of the library are not redirected.
   */
  readonly fetch?: AbstractFetchFunc;
  /** VAT rate given to every line (the Storefront API has none per line). Default 23. */
  readonly vatRate?: number;
  /** Called once per call to Shopify, with Kasa's operation name (never the variables). */
  readonly onCall?: (call: { readonly operation: string }) => void;
}

/** Variables of each cart mutation, as the Storefront API takes them. */
export interface CartMutationVariables {
  cartCreate: { input: Record<string, unknown> };
  cartLinesAdd: { cartId: string; lines: readonly { merchandiseId: string; quantity: number }[] };
  cartLinesUpdate: { cartId: string; lines: readonly { id: string; quantity: number }[] };
  cartBuyerIdentityUpdate: {
    cartId: string;
    buyerIdentity: { email?: string; phone?: string; countryCode?: string };
  };
  cartDeliveryAddressesAdd: { cartId: string; addresses: readonly Record<string, unknown>[] };
  cartSelectedDeliveryOptionsUpdate: {
    cartId: string;
    selectedDeliveryOptions: readonly { deliveryGroupId: string; deliveryOptionHandle: string }[];
  };
  cartAttributesUpdate: { cartId: string; attributes: readonly { key: string; value: string }[] };
}

/** Per call: on whose behalf Kasa's server asks. */
export interface BuyerContext {
  /**
   * The shopper's IP, sent as `Shopify-Storefront-Buyer-IP` so Shopify throttles and screens per
   * shopper rather than per Kasa server (what Shopify asks of private-token calls). Only to Shopify.
   */
  readonly buyerIp?: string;
}

export interface StorefrontCartClient {
  /** Kasa's Cart for a Storefront cart id. Throws KasaError('cart_not_found') when Shopify has none. */
  getCart(ref: CartRef): Promise<Cart>;
  /** The cart with Shopify's extras (variant ids, weight, delivery options, attributes, checkout URL). */
  readCart(ref: CartRef, buyer?: BuyerContext): Promise<ShopifyCartView>;
  /** Runs one cart mutation; `userErrors` become a KasaError (see `userErrorToKasa`). */
  mutate<M extends CartMutation>(
    operation: M,
    variables: CartMutationVariables[M],
    buyer?: BuyerContext,
  ): Promise<ShopifyCartView>;
}

const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]{2,39})$/;

/** The buyer-IP header, when the IP looks like one (a proxy's 'unknown' is not sent). */
const buyerHeaders = (buyer: BuyerContext | undefined): Record<string, string> =>
  buyer?.buyerIp && IP.test(buyer.buyerIp) ? { 'Shopify-Storefront-Buyer-IP': buyer.buyerIp } : {};

/**
 * What the given fetch threw during the current request. The library turns a throwing fetch into
 * its own "no response" error; a KasaError from the call policy (e.g. the unknown outcome of a
 * mutation) is kept here so the caller gets it, not a generic failure.
 */
const fetchFailures = new AsyncLocalStorage<{ error?: unknown }>();

function remembering(fetch: AbstractFetchFunc): AbstractFetchFunc {
  return async (...args) => {
    try {
      return await fetch(...args);
    } catch (error) {
      const store = fetchFailures.getStore();
      if (store) store.error = error;
      throw error;
    }
  };
}

/** Builds the library's Storefront client, with `fetch` installed only while it is constructed. */
function storefrontClientOf(options: StorefrontCartClientOptions) {
  const shopify =
    options.shopify ??
    shopifyApi({
      apiSecretKey: options.apiSecretKey ?? 'kasa-storefront-only',
      // The library demands an Admin token for a custom store app; the Storefront client never sends it.
      adminApiAccessToken: 'kasa-storefront-only-no-admin-token',
      isCustomStoreApp: true,
      isEmbeddedApp: false,
      hostName: 'kasa.invalid',
      apiVersion: options.apiVersion ?? STOREFRONT_API_VERSION,
      privateAppStorefrontAccessToken: options.storefrontAccessToken,
      logger: { level: LogSeverity.Error, httpRequests: false },
    });
  const session = shopify.session.customAppSession(options.shop);
  const make = () =>
    new shopify.clients.Storefront({ session, apiVersion: options.apiVersion ?? STOREFRONT_API_VERSION });
  if (!options.fetch) return make();
  const previous = abstractFetch;
  setAbstractFetchFunc(remembering(options.fetch));
  try {
    return make();
  } finally {
    setAbstractFetchFunc(previous);
  }
}

/**
 * A Storefront Cart API client over `@shopify/shopify-api`: reads carts as Kasa's Cart and runs the
 * cart mutations of mode A. Answers are zod-checked; `userErrors` and HTTP failures are KasaErrors.
 *
 * @example
 * const client = createStorefrontCartClient({ shop: 'kasa-demo.myshopify.com', storefrontAccessToken: token });
 * const cart = await client.getCart('gid://shopify/Cart/c1-abc?key=def');
 * cart.subtotal; // money(8890)
 */
export function createStorefrontCartClient(options: StorefrontCartClientOptions): StorefrontCartClient {
  const client = storefrontClientOf(options);
  const vatRate = options.vatRate ?? 23;

  async function request(
    operation: keyof typeof OPERATIONS,
    variables: Record<string, unknown>,
    buyer: BuyerContext | undefined,
  ) {
    options.onCall?.({ operation });
    const failure: { error?: unknown } = {};
    try {
      const response = await fetchFailures.run(failure, () =>
        client.request(OPERATIONS[operation], { variables, headers: buyerHeaders(buyer) }),
      );
      return response.data as Record<string, unknown> | undefined;
    } catch (error) {
      throw libraryErrorToKasa(operation, failure.error instanceof KasaError ? failure.error : error);
    }
  }

  async function readCart(ref: CartRef, buyer?: BuyerContext): Promise<ShopifyCartView> {
    const data = await request('cart', { id: ref }, buyer);
    const cart = parseStorefront(storefrontCartSchema.nullable(), data?.cart ?? null, 'cart');
    if (!cart) throw new KasaError('cart_not_found', { details: { platform: 'shopify' } });
    return toCartView(cart, { vatRate, operation: 'cart' });
  }

  return {
    readCart,
    getCart: async (ref) => (await readCart(ref)).cart,
    async mutate(operation, variables, buyer) {
      const data = await request(operation, variables as unknown as Record<string, unknown>, buyer);
      const payload = parseStorefront(cartPayloadSchema, data?.[operation], operation);
      if (payload.userErrors.length > 0) throw userErrorToKasa(operation, payload.userErrors);
      if (!payload.cart) {
        throw new KasaError('platform_response_invalid', {
          details: {
            platform: 'shopify',
            api: 'storefront',
            operation,
            field: 'cart',
            issue: 'no cart and no userErrors',
          },
        });
      }
      const view = toCartView(payload.cart, { vatRate, operation });
      return payload.warnings.length > 0 ? { ...view, warnings: payload.warnings } : view;
    },
  };
}
