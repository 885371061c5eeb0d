/**
 * Shopify's standard customer events as Kasa's checkout events, so Kasa's KRs, funnel and experiments
 * read a Shopify checkout like its own. Pure apart from hashing: no I/O, nothing identifying copied
 * (e-mail, phone, names and addresses of the checkout are never read).
 *
 * | Shopify                            | Kasa                                                  |
 * | ---------------------------------- | ----------------------------------------------------- |
 * | `cart_viewed`                      | `view_cart`                                           |
 * | `product_removed_from_cart`        | `remove_from_cart`                                    |
 * | `checkout_started`                 | `begin_checkout` (section contact), and one `experiment_exposure` per arm in `kasa_experiments` |
 * | `checkout_contact_info_submitted`  | `checkout_step_view` delivery                         |
 * | `checkout_address_info_submitted`  | `checkout_step_view` delivery                         |
 * | `checkout_shipping_info_submitted` | `add_shipping_info` (else `checkout_step_view` delivery) |
 * | `payment_info_submitted`           | `add_payment_info` (else `checkout_step_view` payment) |
 * | `checkout_completed`               | `checkout_step_view` paying + `purchase` (server-only) |
 */
import { type CheckoutEvent, shopifyCheckoutId } from '@kasa/core';
import type {
  Attribute,
  CartLine,
  Checkout,
  CheckoutLineItem,
  PixelEventsCartViewed,
  PixelEventsCheckoutAddressInfoSubmitted,
  PixelEventsCheckoutCompleted,
  PixelEventsCheckoutContactInfoSubmitted,
  PixelEventsCheckoutShippingInfoSubmitted,
  PixelEventsCheckoutStarted,
  PixelEventsPaymentInfoSubmitted,
  PixelEventsProductRemovedFromCart,
} from '@shopify/web-pixels-extension';
import { currencyOf, minorUnits } from './amounts.ts';
import { asId, attributeValue, CART_ATTRIBUTES, cartToken, parseExperiments, tokenOf } from './ids.ts';
import { paymentKindOf, shippingKindOf } from './payment-kinds.ts';

/** The layout Kasa's reports show for a checkout that Shopify's own checkout page served. */
export const SHOPIFY_LAYOUT = 'shopify';

/** The Shopify events the pixel maps (and subscribes to). */
export const MAPPED_EVENTS = [
  'cart_viewed',
  'product_removed_from_cart',
  'checkout_started',
  'checkout_contact_info_submitted',
  'checkout_address_info_submitted',
  'checkout_shipping_info_submitted',
  'payment_info_submitted',
  'checkout_completed',
] as const;

export type MappedShopifyEvent =
  | PixelEventsCartViewed
  | PixelEventsProductRemovedFromCart
  | PixelEventsCheckoutStarted
  | PixelEventsCheckoutContactInfoSubmitted
  | PixelEventsCheckoutAddressInfoSubmitted
  | PixelEventsCheckoutShippingInfoSubmitted
  | PixelEventsPaymentInfoSubmitted
  | PixelEventsCheckoutCompleted;

export interface MapOptions {
  /** Kasa's shop id (the pixel's settings). */
  readonly shopId: string;
  /**
   * The cart as the page had it when the pixel loaded (`init.data.cart`): where cart events find
   * Kasa's attributes and the cart's id when the event itself has none (`product_removed_from_cart`).
   */
  readonly cart?: { readonly id?: string | null; readonly attributes?: readonly Attribute[] } | null;
}

type Context = Omit<CheckoutEvent, 'name' | 'params'>;
type Item = { item_id: string; quantity: number; price: number };

const EVENT_ID = /^[A-Za-z0-9_-]{8,80}$/;
const MAX_ITEMS = 200;

/** Kasa's event id for the n-th event made from one Shopify event: stable, so a resend counts once. */
function eventId(shopifyId: string, n: number): string | undefined {
  const base = `shp-${shopifyId.replace(/[^A-Za-z0-9_-]+/g, '_')}`.slice(0, 76);
  const id = n === 0 ? base : `${base}-${n}`;
  return EVENT_ID.test(id) ? id : undefined;
}

function deviceOf(userAgent: string | undefined): Context['device'] {
  if (!userAgent) return undefined;
  if (/iPad|Tablet/i.test(userAgent)) return 'tablet';
  return /Mobi|Android/i.test(userAgent) ? 'mobile' : 'desktop';
}

/** The ids and context every event of one Shopify event shares; undefined when there is no checkout id. */
async function contextOf(
  event: MappedShopifyEvent,
  attributes: readonly Attribute[] | null | undefined,
  token: string | undefined,
  options: MapOptions,
): Promise<Context | undefined> {
  const ts = Date.parse(event.timestamp);
  const fromStep = asId(attributeValue(attributes, CART_ATTRIBUTES.checkoutId));
  const checkoutId = fromStep ?? (token ? await shopifyCheckoutId(token) : undefined);
  if (!checkoutId || !Number.isFinite(ts) || !asId(options.shopId)) return undefined;
  const visitorId = asId(attributeValue(attributes, CART_ATTRIBUTES.visitorId)) ?? asId(event.clientId);
  const experiments = parseExperiments(attributeValue(attributes, CART_ATTRIBUTES.experiments));
  const device = deviceOf(event.context?.navigator?.userAgent);
  return {
    id: '',
    ts,
    shopId: options.shopId,
    checkoutId,
    ...(visitorId ? { visitorId } : {}),
    ...(experiments ? { experiments } : {}),
    ...(device ? { device } : {}),
  };
}

function lineOf(id: string | null | undefined, quantity: number, price: number | undefined): Item[] {
  const itemId = tokenOf(id);
  return itemId && price !== undefined && Number.isInteger(quantity) && quantity >= 1 && quantity <= 999
    ? [{ item_id: itemId, quantity, price }]
    : [];
}

const checkoutItems = (lines: readonly CheckoutLineItem[]): Item[] =>
  lines
    .flatMap((line) => lineOf(line.variant?.id, line.quantity, minorUnits(line.variant?.price)))
    .slice(0, MAX_ITEMS);

const cartItems = (lines: readonly CartLine[]): Item[] =>
  lines
    .flatMap((line) => lineOf(line.merchandise?.id, line.quantity, minorUnits(line.merchandise?.price)))
    .slice(0, MAX_ITEMS);

/** The checkout's total and currency as Kasa's `value`/`currency`; undefined when either is unusable. */
function totalOf(checkout: Checkout): { value: number; currency: string } | undefined {
  const currency = currencyOf(checkout.currencyCode ?? checkout.totalPrice?.currencyCode);
  const value = minorUnits(checkout.totalPrice);
  return currency && value !== undefined ? { value, currency } : undefined;
}

/** One event's name and params, kept paired (a distributive Pick). */
type Body = CheckoutEvent extends infer E
  ? E extends CheckoutEvent
    ? Pick<E, 'name' | 'params'>
    : never
  : never;

const stepView = (section: 'delivery' | 'payment' | 'paying'): Body => ({
  name: 'checkout_step_view',
  params: { section, layout: SHOPIFY_LAYOUT },
});

function checkoutBodies(event: MappedShopifyEvent & { data: { checkout: Checkout } }): Body[] {
  const checkout = event.data.checkout;
  const total = totalOf(checkout);
  switch (event.name) {
    case 'checkout_started':
      return total
        ? [
            {
              name: 'begin_checkout',
              params: { ...total, items: checkoutItems(checkout.lineItems ?? []), layout: SHOPIFY_LAYOUT },
            },
          ]
        : [];
    case 'checkout_contact_info_submitted':
    case 'checkout_address_info_submitted':
      return [stepView('delivery')];
    case 'checkout_shipping_info_submitted': {
      const option = checkout.delivery?.selectedDeliveryOptions?.[0];
      const tier = tokenOf(option?.handle ?? option?.title);
      return total && tier
        ? [
            {
              name: 'add_shipping_info',
              params: { ...total, shipping_tier: tier, shipping_kind: shippingKindOf(checkout) },
            },
          ]
        : [stepView('delivery')];
    }
    case 'payment_info_submitted': {
      const kind = paymentKindOf(checkout);
      return total && kind
        ? [{ name: 'add_payment_info', params: { ...total, payment_type: kind } }]
        : [stepView('payment')];
    }
    case 'checkout_completed': {
      const orderId = asId(tokenOf(checkout.order?.id));
      const currency = currencyOf(checkout.currencyCode ?? checkout.totalPrice?.currencyCode);
      const value = minorUnits(checkout.totalPrice);
      const kind = paymentKindOf(checkout);
      const purchase: Body[] =
        orderId && currency && value !== undefined
          ? [
              {
                name: 'purchase',
                params: {
                  value,
                  currency,
                  transaction_id: orderId,
                  shipping: minorUnits(checkout.shippingLine?.price) ?? 0,
                  tax: minorUnits(checkout.totalTax) ?? 0,
                  items: checkoutItems(checkout.lineItems ?? []),
                  ...(kind ? { payment_type: kind } : {}),
                },
              },
            ]
          : [];
      return [stepView('paying'), ...purchase];
    }
    default:
      return [];
  }
}

/**
 * The experiment arms the cart's `kasa_experiments` put this checkout in, as exposures when the
 * checkout starts: for a shopper sent straight to Shopify's checkout (the `shopify-step`
 * experiment's control) nothing else reports the arm was shown. Kasa's summary merges an arm
 * reported twice (by Kasa's step and here) into one.
 */
function exposureBodies(event: MappedShopifyEvent, context: Context): Body[] {
  if (event.name !== 'checkout_started') return [];
  return Object.entries(context.experiments ?? {}).map(([experiment, variation]) => ({
    name: 'experiment_exposure',
    params: { experiment, variation },
  }));
}

function cartBodies(event: PixelEventsCartViewed | PixelEventsProductRemovedFromCart): Body[] {
  if (event.name === 'cart_viewed') {
    const cart = event.data.cart;
    const currency = currencyOf(cart?.cost?.totalAmount?.currencyCode);
    const value = minorUnits(cart?.cost?.totalAmount);
    return cart && currency && value !== undefined
      ? [{ name: 'view_cart', params: { value, currency, items: cartItems(cart.lines ?? []) } }]
      : [];
  }
  const line = event.data.cartLine;
  const currency = currencyOf(line?.cost?.totalAmount?.currencyCode);
  const value = minorUnits(line?.cost?.totalAmount);
  return line && currency && value !== undefined
    ? [{ name: 'remove_from_cart', params: { value, currency, items: cartItems([line]) } }]
    : [];
}

/**
 * Kasa's events for one Shopify standard event: none for an event it does not map or cannot read
 * (no checkout id, no total), and more than one for `checkout_completed`. The ids are stable, so a
 * resent event is counted once. `purchase` is among them for completeness (and for tests), but only
 * the server may record it: {@link browserEvents} leaves it out of what the pixel sends, and Kasa
 * takes the purchase from the verified `orders/paid` webhook.
 *
 * @example
 * const events = await toKasaEvents(checkoutStarted, { shopId: 'demo' });
 * events[0]?.name; // 'begin_checkout'
 */
export async function toKasaEvents(event: MappedShopifyEvent, options: MapOptions): Promise<CheckoutEvent[]> {
  const isCart = event.name === 'cart_viewed' || event.name === 'product_removed_from_cart';
  const cart = (event.name === 'cart_viewed' ? event.data.cart : undefined) ?? options.cart;
  const attributes = isCart ? cart?.attributes : event.data.checkout.attributes;
  const token = isCart ? cartToken(cart?.id) : (event.data.checkout.token ?? undefined);
  const context = await contextOf(event, attributes, token, options);
  if (!context) return [];
  const bodies = isCart ? cartBodies(event) : [...checkoutBodies(event), ...exposureBodies(event, context)];
  return bodies.flatMap((body, n) => {
    const id = eventId(event.id, n);
    return id ? [{ ...context, id, ...body } satisfies CheckoutEvent] : [];
  });
}

/** Names only the server may record; the collector refuses them from browsers. */
const SERVER_ONLY = new Set<string>(['purchase', 'payment_failed']);

/**
 * The events a browser may send to Kasa's collector (all but the server's own).
 *
 * @example browserEvents(await toKasaEvents(completed, { shopId: 'demo' })).map((e) => e.name); // ['checkout_step_view']
 */
export const browserEvents = (events: readonly CheckoutEvent[]): CheckoutEvent[] =>
  events.filter((event) => !SERVER_ONLY.has(event.name));
