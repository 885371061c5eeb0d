import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Cart,
  type DiagnosticCheck,
  KasaError,
  type OrderView,
  type RawRequest,
  type ShippingOption,
  type StorefrontAdapter,
  type WebhookEvent,
} from '@kasa/core';
import { type CallRecord, platformFetch, sleep } from '@kasa/platform-http';
import type { AbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { cancelShopifyOrder } from './admin/cancel.ts';
import { createAdminClient, shopifyFor } from './admin/client.ts';
import { orderViewOf } from './admin/orders.ts';
import { markShopifyOrderPaid, readOrder } from './admin/payment.ts';
import { findPlaced, placeShopifyOrder } from './admin/place.ts';
import { parseShopifyConfig, type ShopifyConfig, type ShopifyConfigInput } from './config.ts';
import { diagnoseShopify } from './diagnose.ts';
import { createStorefrontCartClient } from './storefront/client.ts';
import type { ShopifyCartView, ShopifyDeliveryOptionView } from './storefront/map.ts';
import { verifyShopifyWebhook } from './webhook.ts';

export interface ShopifyAdapterOptions {
  /** Called once per call to Shopify (Admin and Storefront), with Kasa's operation name. */
  readonly onCall?: (call: { readonly operation: string }) => void;
  readonly record?: (call: CallRecord) => void;
  /** The fetch under Kasa's call policy (tests); default the global fetch, to `config.endpoint` when set. */
  readonly fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock the Admin calls' cost gauge reads (tests give the one their sleep moves); default Date.now. */
  readonly now?: () => number;
}

export interface ShopifyAdapter extends StorefrontAdapter {
  readonly platform: 'shopify';
  readonly config: ShopifyConfig;
}

/**
 * A fetch that sends what the library addresses to `https://<shop>` to a local fake instead.
 *
 * @example endpointFetch('kasa-fake.myshopify.com', 'http://127.0.0.1:41234')('https://kasa-fake.myshopify.com/admin/api/2025-10/graphql.json');
 */
export function endpointFetch(shop: string, endpoint: string) {
  const origin = `https://${shop}`;
  return (url: string, init?: RequestInit): Promise<Response> =>
    fetch(url.startsWith(origin) ? endpoint + url.slice(origin.length) : url, init);
}

/** The GraphQL document of a request body, for telling queries from mutations. */
function bodyQuery(init: RequestInit): string {
  try {
    return String((JSON.parse(String(init.body ?? '{}')) as { query?: unknown }).query ?? '');
  } catch {
    return '';
  }
}

/**
 * The cart with each line's variant as its number (`45001`, not `gid://shopify/ProductVariant/45001`):
 * Kasa's analytics take item ids without `:` or `/`; orderCreate turns the number back into the gid.
 */
function withPlainVariantIds(cart: Cart): Cart {
  const plain = (id: string) => /^gid:\/\/shopify\/ProductVariant\/(\d+)$/.exec(id)?.[1] ?? id;
  return { ...cart, lines: cart.lines.map((line) => ({ ...line, productId: plain(line.productId) })) };
}

/** How long a cart read answers the quote that follows it, and how many carts are kept. */
const VIEW_FRESH_MS = 10_000;
const VIEWS_KEPT = 500;

const LOCKER = /paczkomat|inpost|locker|parcel|automat/i;

/** A Storefront delivery option as Kasa's shipping option; the handle is its id. */
function shippingOptionOf(option: ShopifyDeliveryOptionView): ShippingOption {
  const label = `${option.title} ${option.code ?? ''}`;
  const kind = option.methodType === 'PICK_UP' ? 'pickup' : LOCKER.test(label) ? 'locker' : 'courier';
  return {
    id: option.handle,
    carrier: LOCKER.test(label) ? 'inpost' : option.title.split(' ')[0]?.toLowerCase() || 'shopify',
    kind,
    name: option.title,
    price: option.price,
    eta: kind === 'locker' ? { minDays: 1, maxDays: 2 } : { minDays: 1, maxDays: 3 },
    ...(kind === 'locker' ? { pickupCarrier: 'inpost' } : {}),
  };
}

/**
 * The Shopify storefront adapter. Carts and delivery options come from the Storefront Cart API (the
 * prices are Shopify's, never the browser's); in mode B (a merchant's own custom app) Kasa's
 * checkout places the order with Admin GraphQL `orderCreate` and records the payment. In mode A
 * Shopify's checkout takes the order, so placing one here is refused.
 *
 * @example
 * const adapter = createShopifyAdapter({ shop: 'sklep.myshopify.com', adminAccessToken, apiSecretKey, storefrontPrivateToken, mode: 'B', customApp: true });
 * const order = await adapter.placeOrder(input);
 */
export function createShopifyAdapter(
  input: ShopifyConfigInput | ShopifyConfig,
  options: ShopifyAdapterOptions = {},
): ShopifyAdapter {
  const config = parseShopifyConfig(input);
  const baseFetch =
    options.fetch ?? (config.endpoint ? endpointFetch(config.shop, config.endpoint) : undefined);
  const shopify = shopifyFor(config);
  // Names each call record after the adapter step that made it (`placeOrder: KasaOrderCreate`).
  const steps = new AsyncLocalStorage<string>();
  const stepOf = () => steps.getStore();
  const step = <T>(name: string, work: () => Promise<T>): Promise<T> => steps.run(name, work);
  const admin = createAdminClient(config, {
    shopify,
    stepOf,
    ...(baseFetch ? { fetch: baseFetch } : {}),
    ...(options.onCall ? { onCall: options.onCall } : {}),
    ...(options.record ? { record: options.record } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  // The Storefront calls under the same policy: a timeout per try, queries retried, mutations not blind.
  const storefrontFetch = platformFetch({
    platform: 'shopify',
    api: 'storefront',
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(baseFetch ? { fetch: baseFetch } : {}),
    record: (call) => {
      options.onCall?.({ operation: call.operation });
      options.record?.(call);
    },
    operation: (_url, init) => {
      const name = /\b(?:query|mutation)\s+(\w+)/.exec(String(init.body ?? ''))?.[1] ?? 'storefront';
      const current = stepOf();
      return current ? `${current}: ${name}` : name;
    },
    idempotent: (_url, init) => !/^\s*mutation\b/.test(bodyQuery(init)),
  });
  const storefront = createStorefrontCartClient({
    shop: config.shop,
    storefrontAccessToken: config.storefrontPrivateToken,
    // The configured version, as the Admin client and mode A's hand-off use.
    apiVersion: config.apiVersion,
    apiSecretKey: config.apiSecretKey,
    fetch: storefrontFetch as AbstractFetchFunc,
  });

  const requireModeB = (operation: string) => {
    if (config.mode === 'B') return;
    throw new KasaError('platform_config_invalid', {
      details: {
        platform: 'shopify',
        operation,
        issues: [
          {
            path: 'shopify.mode',
            message:
              'shopify.mode is "A": Shopify checkout takes the payment and creates the order; Kasa writes orders only in mode "B" (a custom app).',
          },
        ],
      },
    });
  };

  // The cart just read, for the quote that follows it (Kasa's server reads the cart, then quotes).
  const views = new Map<string, { view: ShopifyCartView; at: number }>();
  const remember = (ref: string, view: ShopifyCartView) => {
    views.delete(ref);
    views.set(ref, { view, at: Date.now() });
    if (views.size > VIEWS_KEPT) views.delete(views.keys().next().value ?? '');
  };
  const recent = (ref: string) => {
    const kept = views.get(ref);
    return kept && Date.now() - kept.at < VIEW_FRESH_MS ? kept.view : undefined;
  };

  async function getCart(ref: string): Promise<Cart> {
    const view = await storefront.readCart(ref);
    remember(ref, view);
    return withPlainVariantIds(view.cart);
  }

  async function quoteShipping(input: {
    cart: Cart;
    destination?: { postcode?: string };
  }): Promise<ShippingOption[]> {
    const ref = input.cart.ref;
    let view = recent(ref) ?? (await storefront.readCart(ref));
    if (view.deliveryOptions.length === 0) {
      views.delete(ref);
      try {
        // Shopify offers rates only for a cart with a delivery address: add the destination (one-time use).
        view = await storefront.mutate('cartDeliveryAddressesAdd', {
          cartId: ref,
          addresses: [
            {
              address: {
                deliveryAddress: { countryCode: 'PL', zip: input.destination?.postcode ?? '00-950' },
              },
              selected: true,
              oneTimeUse: true,
            },
          ],
        });
      } catch (error) {
        // Refused, e.g. an address added by an earlier try whose answer was lost: read what the cart has.
        if (!(error instanceof KasaError) || error.code !== 'platform_rejected') throw error;
        view = await storefront.readCart(ref);
        if (view.deliveryOptions.length === 0) throw error;
      }
    }
    remember(ref, view);
    const seen = new Set<string>();
    return view.deliveryOptions.flatMap((o) => {
      if (seen.has(o.handle)) return [];
      seen.add(o.handle);
      return [shippingOptionOf(o)];
    });
  }

  async function getOrder(orderId: string): Promise<OrderView> {
    const view = orderViewOf(await readOrder(admin, orderId));
    if (view === undefined)
      throw new KasaError('order_not_found', { details: { platform: 'shopify', reason: 'not_kasa' } });
    return view;
  }

  return {
    platform: 'shopify',
    config,
    getCart: (ref) => step('getCart', () => getCart(ref)),
    quoteShipping: (input) => step('quoteShipping', () => quoteShipping(input)),
    async placeOrder(order) {
      requireModeB('placeOrder');
      const policy = {
        attempts: config.retry.attempts,
        searchLagMs: config.orderSearchLagMs,
        sleep: options.sleep ?? sleep,
      };
      return step('placeOrder', () => placeShopifyOrder(admin, order, policy));
    },
    async markPaid({ orderId, payment }) {
      requireModeB('markPaid');
      await step('markPaid', () => markShopifyOrderPaid(admin, orderId, payment));
    },
    findOrderByCheckout: (checkoutId) => step('findOrderByCheckout', () => findPlaced(admin, checkoutId)),
    getOrder: (orderId) => step('getOrder', () => getOrder(orderId)),
    cancelOrder: ({ orderId, reason }) =>
      step('cancelOrder', () => cancelShopifyOrder(admin, orderId, reason)),
    verifyWebhook: (req: RawRequest): Promise<WebhookEvent> =>
      verifyShopifyWebhook(shopify, config.shop, req),
    diagnose: (): Promise<DiagnosticCheck[]> => step('doctor', () => diagnoseShopify(config, admin)),
  };
}
