import type { CheckoutView, Money, StorefrontAdapter } from '@kasa/core';
import { KasaError } from '@kasa/core';
import { type CallRecord, platformFetch } from '@kasa/platform-http';
import type { ApiVersion } from '@shopify/shopify-api';
import type { AbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { endpointFetch, type ShopifyAdapter } from '../adapter.ts';
import type { ShopifyConfig } from '../config.ts';
import {
  type BuyerContext,
  createStorefrontCartClient,
  type StorefrontCartClient,
  type StorefrontCartClientOptions,
} from './client.ts';
import type { ShopifyCartView } from './map.ts';
import {
  chooseDeliveryOption,
  KASA_CHECKOUT_ATTRIBUTE,
  type ModeACheckout,
  type ModeATracking,
  modeACheckoutOf,
  planHandoff,
  shortLines,
} from './plan.ts';

/** Where the shopper goes next, and what Shopify priced. */
export interface HandoffResult {
  /** The Shopify cart built for the checkout. */
  readonly cartId: string;
  /** Shopify's checkout for that cart: redirect the shopper here; Shopify takes the payment. */
  readonly checkoutUrl: string;
  /** The delivery option selected on the Shopify cart. */
  readonly delivery: { readonly handle: string; readonly title: string; readonly price: Money };
  /** Shopify's estimate of the total with delivery. */
  readonly total: Money;
  /** True when Shopify prices the delivery differently from what Kasa showed (tell the shopper). */
  readonly shippingPriceChanged: boolean;
}

export interface HandoffOptions {
  /**
   * How long to wait before reading the cart again while Shopify still prices delivery for the new
   * address (delivery groups may come back empty at first). Default 300 ms, at most 3 reads.
   */
  readonly pendingDeliveryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** The shopper's IP for Shopify (`Shopify-Storefront-Buyer-IP`); never logged. */
  readonly buyerIp?: string;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const PENDING_READS = 3;

async function pricedDelivery(
  client: StorefrontCartClient,
  view: ShopifyCartView,
  options: HandoffOptions,
): Promise<ShopifyCartView> {
  let current = view;
  for (let read = 0; current.deliveryOptions.length === 0 && read < PENDING_READS; read++) {
    await (options.sleep ?? wait)(options.pendingDeliveryDelayMs ?? 300);
    current = await client.readCart(current.cart.ref, options);
  }
  return current;
}

/**
 * Mode A's hand-off: builds the Shopify cart for Kasa's checkout (lines, buyer identity, delivery
 * address, delivery option, attributes `kasa_checkout_id` and `inpost_point`) and answers its
 * `checkoutUrl`. Three Storefront calls, more only while Shopify is still pricing delivery.
 * Shopper details go to Shopify only; nothing of them is logged or returned.
 *
 * @example
 * const { checkoutUrl } = await handOffToShopify(client, { checkoutId, cart, contact, shipping, pickupPoint });
 * // redirect the shopper to checkoutUrl
 */
export async function handOffToShopify(
  client: StorefrontCartClient,
  checkout: ModeACheckout,
  options: HandoffOptions = {},
): Promise<HandoffResult> {
  let view: ShopifyCartView | undefined;
  for (const step of planHandoff(checkout)) {
    if (step.op === 'cartCreate') {
      view = await client.mutate('cartCreate', { input: { ...step.input } }, options);
      const short = shortLines(step.input.lines, view);
      if (short.length > 0) {
        throw new KasaError('platform_rejected', {
          details: {
            platform: 'shopify',
            api: 'storefront',
            operation: 'cartCreate',
            reason: 'cart_changed',
            lines: short,
            warnings: (view.warnings ?? []).map((w) => w.code),
            hint: 'Shopify has less in stock than the checkout’s cart; the shopper must see the cart again.',
          },
        });
      }
      continue;
    }
    const cartId = (view as ShopifyCartView).cart.ref;
    if (step.op === 'cartDeliveryAddressesAdd') {
      view = await client.mutate('cartDeliveryAddressesAdd', { cartId, addresses: step.addresses }, options);
      continue;
    }
    const priced = await pricedDelivery(client, view as ShopifyCartView, options);
    const option = chooseDeliveryOption(priced.deliveryOptions, step.choice);
    view = await client.mutate(
      'cartSelectedDeliveryOptionsUpdate',
      {
        cartId,
        selectedDeliveryOptions: [{ deliveryGroupId: option.groupId, deliveryOptionHandle: option.handle }],
      },
      options,
    );
  }
  const final = view as ShopifyCartView;
  const selected = final.deliveryOptions.find((o) => o.selected);
  if (!selected || final.attributes[KASA_CHECKOUT_ATTRIBUTE] !== checkout.checkoutId) {
    throw new KasaError('platform_response_invalid', {
      details: {
        platform: 'shopify',
        api: 'storefront',
        operation: 'handoff',
        issue: selected ? 'the cart lost Kasa’s checkout id' : 'no delivery option is selected on the cart',
      },
    });
  }
  return {
    cartId: final.cart.ref,
    checkoutUrl: final.checkoutUrl,
    delivery: { handle: selected.handle, title: selected.title, price: selected.price },
    total: final.total,
    shippingPriceChanged: selected.price.amount !== checkout.shipping.price.amount,
  };
}

/**
 * The client options for a shop's configuration (S2's `ShopifyConfig`).
 *
 * @example createStorefrontCartClient(storefrontOptionsOf(config));
 */
export function storefrontOptionsOf(
  config: Pick<ShopifyConfig, 'shop' | 'storefrontPrivateToken' | 'apiVersion' | 'apiSecretKey'>,
  extra: Pick<StorefrontCartClientOptions, 'fetch' | 'onCall' | 'vatRate' | 'shopify'> = {},
): StorefrontCartClientOptions {
  return {
    shop: config.shop,
    storefrontAccessToken: config.storefrontPrivateToken,
    // The configuration holds the version as text; the library's enum has the same values.
    apiVersion: config.apiVersion as ApiVersion,
    apiSecretKey: config.apiSecretKey,
    ...extra,
  };
}

/**
 * Mode A for a configured shop: a function the server calls when the shopper leaves Kasa's step.
 * Refuses to run for a shop in mode B (Kasa takes the payment there).
 *
 * @example
 * const handOff = createModeAHandoff(config);
 * const { checkoutUrl } = await handOff(checkout);
 */
export function createModeAHandoff(
  config: Pick<ShopifyConfig, 'shop' | 'storefrontPrivateToken' | 'apiVersion' | 'apiSecretKey' | 'mode'>,
  extra: Pick<StorefrontCartClientOptions, 'fetch' | 'onCall' | 'vatRate' | 'shopify'> & HandoffOptions = {},
): (checkout: ModeACheckout, buyer?: BuyerContext) => Promise<HandoffResult> {
  if (config.mode !== 'A') {
    throw new KasaError('platform_config_invalid', {
      details: {
        issues: [
          {
            path: 'shopify.mode',
            message: 'The Shopify checkout hand-off is mode "A"; this shop is in mode "B".',
          },
        ],
      },
    });
  }
  const client = createStorefrontCartClient(storefrontOptionsOf(config, extra));
  return (checkout, buyer) => handOffToShopify(client, checkout, { ...extra, ...buyer });
}

/**
 * The server's hand-off: Kasa's checkout view in, Shopify's checkout URL out; `tracking` (the
 * consented visitor id, the arms shown) goes on the cart for Kasa's pixel.
 */
export type ShopifyHandoff = (
  view: CheckoutView,
  buyer?: BuyerContext,
  tracking?: ModeATracking,
) => Promise<HandoffResult>;

/** The GraphQL document of a request body (its first word tells a query from a mutation). */
function documentOf(init: RequestInit | undefined): string {
  try {
    return String((JSON.parse(String(init?.body ?? '{}')) as { query?: unknown }).query ?? '');
  } catch {
    return '';
  }
}

/**
 * The mode A hand-off for the configured store, or undefined when it is not Shopify in mode A.
 * Storefront calls go through Kasa's call policy (a timeout per try; the cart query retried, the
 * mutations never blindly) and to `config.endpoint` when the shop is a local fake.
 *
 * @example
 * const handOff = modeAHandoffOf(adapter);
 * if (handOff) return { checkoutUrl: (await handOff(await service.get(id))).checkoutUrl };
 */
export function modeAHandoffOf(
  adapter: Pick<StorefrontAdapter, 'platform'>,
  options: {
    readonly record?: (call: CallRecord) => void;
    readonly onCall?: (call: { operation: string }) => void;
  } = {},
): ShopifyHandoff | undefined {
  if (adapter.platform !== 'shopify') return undefined;
  const { config } = adapter as ShopifyAdapter;
  if (config?.mode !== 'A') return undefined;
  const fetch = platformFetch({
    platform: 'shopify',
    api: 'storefront',
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    ...(config.endpoint ? { fetch: endpointFetch(config.shop, config.endpoint) } : {}),
    ...(options.record ? { record: options.record } : {}),
    operation: (_url, init) => /\b(?:query|mutation)\s+(\w+)/.exec(documentOf(init))?.[1] ?? 'storefront',
    idempotent: (_url, init) => !/^\s*mutation\b/.test(documentOf(init)),
  });
  const handOff = createModeAHandoff(config, {
    fetch: fetch as AbstractFetchFunc,
    ...(options.onCall ? { onCall: options.onCall } : {}),
  });
  return (view, buyer, tracking) => handOff(modeACheckoutOf(view, tracking), buyer);
}
