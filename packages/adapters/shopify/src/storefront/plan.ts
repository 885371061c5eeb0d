import type { Address, Cart, CheckoutView, Contact, PickupPoint, ShippingOption } from '@kasa/core';
import { KasaError } from '@kasa/core';
import type { ShopifyCartView, ShopifyDeliveryOptionView } from './map.ts';

/**
 * Mode A, pure: from Kasa's checkout, which Storefront mutations build the Shopify cart the shopper
 * is handed to, and in which order. No I/O here; handoff.ts runs the plan.
 */

/** The cart attribute carrying the InPost locker id to the order (`note_attributes`). */
export const INPOST_POINT_ATTRIBUTE = 'inpost_point';
/** The cart attribute carrying Kasa's checkout id to the order, so the webhook finds the checkout. */
export const KASA_CHECKOUT_ATTRIBUTE = 'kasa_checkout_id';
/** The cart attribute carrying the shopper's consented visitor id, for Kasa's Shopify pixel. */
export const KASA_VISITOR_ATTRIBUTE = 'kasa_visitor_id';
/** The cart attribute carrying the checkout's experiment arms (`experiment:variation,…`), for the pixel. */
export const KASA_EXPERIMENTS_ATTRIBUTE = 'kasa_experiments';

/** What Kasa's Shopify pixel ties the checkout's events to: the visitor and the arms shown. */
export interface ModeATracking {
  /** Only a visitor id the shopper consented to (the tracker's); never derived here. */
  readonly visitorId?: string;
  /** Experiment key → variation the checkout was shown. */
  readonly experiments?: Readonly<Record<string, string>>;
}

/** Shape of a Kasa id (`ID_PATTERN` in @kasa/core), and of an experiment or variation key. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const KEY = /^(?!(__proto__|constructor|prototype)$)[a-z0-9_.-]{1,64}$/i;
/** As many pairs as the pixel reads. */
const MAX_EXPERIMENTS = 20;

/**
 * The `kasa_experiments` value: `experiment:variation` pairs, by key, joined by commas; pairs that
 * are not two keys are left out. Undefined without any.
 *
 * @example experimentsAttribute({ 'payment-order': 'blik-first', 'delivery-order': 'locker-first' });
 * // 'delivery-order:locker-first,payment-order:blik-first'
 */
export function experimentsAttribute(arms: Readonly<Record<string, string>>): string | undefined {
  const pairs = Object.entries(arms)
    .filter(([key, variation]) => KEY.test(key) && KEY.test(variation))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_EXPERIMENTS)
    .map(([key, variation]) => `${key}:${variation}`);
  return pairs.length > 0 ? pairs.join(',') : undefined;
}

/** What Kasa knows of the checkout when the shopper leaves for Shopify's checkout. */
export interface ModeACheckout {
  readonly checkoutId: string;
  /** The cart as Kasa read it from Shopify (`LineItem.productId` is the ProductVariant gid). */
  readonly cart: Cart;
  readonly contact?: Contact;
  /** The shipping option the shopper chose in Kasa's step. */
  readonly shipping: ShippingOption;
  /** For a locker: the point the shopper picked. */
  readonly pickupPoint?: PickupPoint;
  /** For a courier: where to deliver. */
  readonly address?: Address;
  /** Attributes already on the shopper's Shopify cart (e.g. a gift note); kept, Kasa's win on a clash. */
  readonly keepAttributes?: Readonly<Record<string, string>>;
  /** The visitor and arms for the pixel (attributes kasa_visitor_id, kasa_experiments). */
  readonly tracking?: ModeATracking;
}

/** How the chosen Kasa option is found among the Shopify cart's delivery options once they exist. */
export interface DeliveryChoice {
  readonly kind: ShippingOption['kind'];
  /** Kasa's option id: a Shopify handle when Kasa quoted from a Shopify cart. */
  readonly optionId: string;
  /** The option's name as the shopper saw it (the Shopify rate's title). */
  readonly name: string;
}

export type HandoffStep =
  | { readonly op: 'cartCreate'; readonly input: CartCreateInput }
  | { readonly op: 'cartDeliveryAddressesAdd'; readonly addresses: readonly SelectableAddressInput[] }
  | { readonly op: 'cartSelectedDeliveryOptionsUpdate'; readonly choice: DeliveryChoice };

export interface CartCreateInput {
  readonly lines: readonly { merchandiseId: string; quantity: number }[];
  readonly buyerIdentity: { email?: string; phone?: string; countryCode: 'PL' };
  readonly attributes: readonly { key: string; value: string }[];
}

// A type alias, not an interface: it is passed where GraphQL variables (records) are expected.
export type SelectableAddressInput = {
  readonly selected: true;
  /** The shopper's address is not saved to a customer account. */
  readonly oneTimeUse: true;
  readonly address: { readonly deliveryAddress: Readonly<Record<string, string>> };
};

/**
 * The ProductVariant gid of a Kasa line: the adapter's cart may carry the variant as its number
 * (`45001`, for analytics' plain item ids), the Storefront client's as the gid.
 *
 * @example variantGidOf('45001'); // 'gid://shopify/ProductVariant/45001'
 */
export function variantGidOf(productId: string): string {
  return /^\d+$/.test(productId) ? `gid://shopify/ProductVariant/${productId}` : productId;
}

/**
 * Kasa's checkout as the hand-off needs it: the chosen shipping option looked up among the quoted
 * ones. Throws KasaError('checkout_incomplete') when no delivery is chosen yet.
 *
 * @example modeACheckoutOf(await service.get(id)).shipping.name; // 'InPost Paczkomat 24/7'
 */
export function modeACheckoutOf(view: CheckoutView, tracking: ModeATracking = {}): ModeACheckout {
  const shipping = view.delivery
    ? view.shippingOptions.find((option) => option.id === view.delivery?.optionId)
    : undefined;
  if (!view.delivery || !shipping) {
    throw new KasaError('checkout_incomplete', { details: { missing: ['delivery'] } });
  }
  return {
    checkoutId: view.id,
    cart: view.cart,
    ...(view.contact ? { contact: view.contact } : {}),
    shipping,
    ...(view.delivery.pickupPoint ? { pickupPoint: view.delivery.pickupPoint } : {}),
    ...(view.delivery.address ? { address: view.delivery.address } : {}),
    ...(tracking.visitorId || tracking.experiments ? { tracking } : {}),
  };
}

/** "Długa 5/12" from Kasa's split address; a village without streets gives "Nowa Wieś 5". */
function streetLine(
  street: string | undefined,
  city: string,
  building: string,
  flat: string | undefined,
): string {
  return `${street ?? city} ${building}${flat ? `/${flat}` : ''}`;
}

function deliveryAddressOf(checkout: ModeACheckout): Record<string, string> {
  const names: Record<string, string> = checkout.contact
    ? {
        firstName: checkout.contact.firstName,
        lastName: checkout.contact.lastName,
        phone: checkout.contact.phone,
      }
    : {};
  if (checkout.shipping.kind === 'courier') {
    const a = checkout.address;
    if (!a) throw new KasaError('address_required', { field: 'delivery.address' });
    return {
      ...names,
      address1: streetLine(a.street, a.city, a.buildingNumber, a.flatNumber),
      city: a.city,
      zip: a.postcode,
      countryCode: 'PL',
    };
  }
  const point = checkout.pickupPoint;
  if (!point) throw new KasaError('pickup_point_required', { field: 'delivery.pickupPointId' });
  const p = point.address;
  return {
    ...names,
    address1: p.street ? `${p.street}${p.buildingNumber ? ` ${p.buildingNumber}` : ''}` : p.city,
    // The warehouse sees the locker on the address too, not only in the order's attributes.
    address2: `Paczkomat ${point.id}`,
    city: p.city,
    zip: p.postcode,
    countryCode: 'PL',
  };
}

/**
 * The cart attributes for the order: the ones kept from the shopper's cart, then Kasa's checkout id,
 * for a locker the point id, and for the pixel the consented visitor id and the experiment arms
 * (each only when there is one). Complete, because `cartAttributesUpdate` replaces the whole set.
 *
 * @example
 * attributesFor({ gift: 'yes' }, 'chk_1', 'KRA010', { experiments: { 'delivery-order': 'locker-first' } });
 * // [{ key: 'gift', value: 'yes' }, { key: 'kasa_checkout_id', value: 'chk_1' }, { key: 'inpost_point', value: 'KRA010' },
 * //  { key: 'kasa_experiments', value: 'delivery-order:locker-first' }]
 */
export function attributesFor(
  keep: Readonly<Record<string, string>>,
  checkoutId: string,
  pointId: string | undefined,
  tracking: ModeATracking = {},
): { key: string; value: string }[] {
  const ours: Record<string, string> = { [KASA_CHECKOUT_ATTRIBUTE]: checkoutId };
  if (pointId) ours[INPOST_POINT_ATTRIBUTE] = pointId;
  if (tracking.visitorId && ID.test(tracking.visitorId)) ours[KASA_VISITOR_ATTRIBUTE] = tracking.visitorId;
  const experiments = tracking.experiments ? experimentsAttribute(tracking.experiments) : undefined;
  if (experiments) ours[KASA_EXPERIMENTS_ATTRIBUTE] = experiments;
  // Kasa's own attributes from an earlier visit are never kept: stale ids would mislead the pixel.
  const stale = new Set([INPOST_POINT_ATTRIBUTE, KASA_VISITOR_ATTRIBUTE, KASA_EXPERIMENTS_ATTRIBUTE]);
  const kept = Object.entries(keep).filter(([key]) => !(key in ours) && !stale.has(key));
  return [...kept, ...Object.entries(ours)].map(([key, value]) => ({ key, value }));
}

/**
 * The mutations that build the Shopify cart for a checkout, in order: a new cart with Kasa's lines,
 * the buyer's e-mail, phone and country and the attributes (one call); the delivery address (the
 * shopper's for a courier, the locker's for a locker), selected and one-time; then the delivery
 * option, resolved with {@link chooseDeliveryOption} once Shopify priced the options for that address.
 *
 * A new cart rather than the shopper's own: its lines are exactly what Kasa showed, and a repeat
 * hand-off does not pile addresses on the same cart (Shopify keeps at most 20).
 *
 * @example
 * planHandoff(checkout).map((s) => s.op);
 * // ['cartCreate', 'cartDeliveryAddressesAdd', 'cartSelectedDeliveryOptionsUpdate']
 */
export function planHandoff(checkout: ModeACheckout): HandoffStep[] {
  if (checkout.cart.lines.length === 0) throw new KasaError('cart_empty');
  const pointId = checkout.shipping.kind === 'courier' ? undefined : checkout.pickupPoint?.id;
  const buyerIdentity: CartCreateInput['buyerIdentity'] = {
    ...(checkout.contact ? { email: checkout.contact.email, phone: checkout.contact.phone } : {}),
    countryCode: 'PL',
  };
  return [
    {
      op: 'cartCreate',
      input: {
        lines: checkout.cart.lines.map((line) => ({
          merchandiseId: variantGidOf(line.productId),
          quantity: line.quantity,
        })),
        buyerIdentity,
        attributes: attributesFor(
          checkout.keepAttributes ?? {},
          checkout.checkoutId,
          pointId,
          checkout.tracking,
        ),
      },
    },
    {
      op: 'cartDeliveryAddressesAdd',
      addresses: [
        { selected: true, oneTimeUse: true, address: { deliveryAddress: deliveryAddressOf(checkout) } },
      ],
    },
    {
      op: 'cartSelectedDeliveryOptionsUpdate',
      choice: { kind: checkout.shipping.kind, optionId: checkout.shipping.id, name: checkout.shipping.name },
    },
  ];
}

const LOCKER_WORDS = /paczkomat|inpost|locker|automat/i;
const normal = (s: string) => s.trim().toLowerCase();

/**
 * The Shopify delivery option for Kasa's choice: the same handle, else the same title or rate code,
 * else for a locker the one rate that names a locker (Paczkomat, InPost), for a courier the one that
 * does not. Throws KasaError('shipping_option_unavailable') when none or more than one fits.
 *
 * @example
 * chooseDeliveryOption(options, { kind: 'locker', optionId: 'inpost', name: 'Paczkomat' }).title; // 'InPost Paczkomat 24/7'
 */
export function chooseDeliveryOption(
  options: readonly ShopifyDeliveryOptionView[],
  choice: DeliveryChoice,
): ShopifyDeliveryOptionView {
  const byHandle = options.find((o) => o.handle === choice.optionId);
  if (byHandle) return byHandle;
  const byName = options.filter(
    (o) => normal(o.title) === normal(choice.name) || normal(o.code ?? '') === normal(choice.name),
  );
  if (byName.length === 1 && byName[0]) return byName[0];
  const byKind = options.filter(
    (o) => LOCKER_WORDS.test(`${o.title} ${o.code ?? ''}`) === (choice.kind !== 'courier'),
  );
  if (byName.length === 0 && byKind.length === 1 && byKind[0]) return byKind[0];
  throw new KasaError('shipping_option_unavailable', {
    field: 'delivery.optionId',
    details: {
      platform: 'shopify',
      wanted: choice.name,
      offered: options.map((o) => o.title),
      reason: byName.length > 1 || byKind.length > 1 ? 'ambiguous' : 'missing',
    },
  });
}

/**
 * The planned lines Shopify's cart does not hold in full (Shopify cuts a quantity to the stock, or
 * drops an item out of stock, and only warns): what the shopper would not get at Shopify's checkout.
 *
 * @example
 * shortLines([{ merchandiseId: 'gid://shopify/ProductVariant/45001', quantity: 3 }], view);
 * // [{ merchandiseId: 'gid://shopify/ProductVariant/45001', wanted: 3, got: 1 }]
 */
export function shortLines(
  planned: CartCreateInput['lines'],
  view: ShopifyCartView,
): { merchandiseId: string; wanted: number; got: number }[] {
  const held = new Map<string, number>();
  view.lines.forEach((line, i) => {
    held.set(line.variantId, (held.get(line.variantId) ?? 0) + (view.cart.lines[i]?.quantity ?? 0));
  });
  return planned
    .map((line) => ({
      merchandiseId: line.merchandiseId,
      wanted: line.quantity,
      got: held.get(line.merchandiseId) ?? 0,
    }))
    .filter((line) => line.got < line.wanted);
}
