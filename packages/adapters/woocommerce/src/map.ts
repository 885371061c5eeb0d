import {
  add,
  type Cart,
  cartOfLines,
  cartSchema,
  type LineItem,
  type Money,
  money,
  type OrderView,
  type OrderViewStatus,
  type PlacedOrder,
  type PlaceOrderInput,
  type ShippingKind,
  type ShippingOption,
  shippingOptionSchema,
} from '@kasa/core';
import type { z } from 'zod';
import type { WooCommerceConfig } from './config.ts';
import { restMoney, storeMoney } from './money.ts';
import { convertField, parseAnswer, type RestOrder, type StoreCart } from './schemas.ts';

/** Order meta keys Kasa writes and reads. `_parcel_machine_id` is where the official InPost plugin reads the locker. */
export const META = {
  checkoutId: '_kasa_checkout_id',
  idempotencyKey: '_kasa_idempotency_key',
  paymentProvider: '_kasa_payment_provider',
  locker: '_parcel_machine_id',
  nip: '_billing_nip',
  /** Where WooCommerce keeps the Additional Checkout Field `kasa/inpost-point` (location `order`). */
  lockerField: '_wc_other/kasa/inpost-point',
} as const;

/** The Additional Checkout Field the Kasa plugin registers for the locker id. */
export const LOCKER_FIELD = 'kasa/inpost-point';

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  times: '×',
  hellip: '…',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  laquo: '«',
  raquo: '»',
};

/** Product and rate names arrive HTML-escaped (`Kawa &ndash; 250 g`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const POLISH_RATES = [23, 8, 5, 0];

/** The VAT rate of a line from its net and tax, snapped to a Polish rate when rounding blurred it. */
export function vatRateOf(net: Money, tax: Money): number {
  if (net.amount <= 0) return 0;
  const exact = (tax.amount * 100) / net.amount;
  const nearest = POLISH_RATES.reduce((a, b) => (Math.abs(b - exact) < Math.abs(a - exact) ? b : a));
  return Math.abs(nearest - exact) < 1 ? nearest : Math.round(exact * 10) / 10;
}

/** Validates a value we built against a core schema, naming the field if the platform's data broke it. */
function core<S extends z.ZodType>(schema: S, value: unknown, operation: string): z.output<S> {
  return parseAnswer(schema, value, operation);
}

/**
 * The Store API cart as a core Cart. Lines are gross (net + tax, before coupons); the unit price is
 * the gross line divided by the quantity, or the shop's display price when that does not divide.
 */
export function toCart(ref: string, cart: StoreCart, operation: string): Cart {
  const currency = cart.totals.currency_code;
  const lines = cart.items.map((item, i): LineItem => {
    const at = (field: string, value: string, minor: number) =>
      convertField(operation, `items.${i}.${field}`, () => storeMoney(value, currency, minor));
    const minor = item.totals.currency_minor_unit;
    const net = at('totals.line_subtotal', item.totals.line_subtotal, minor);
    const tax = at('totals.line_subtotal_tax', item.totals.line_subtotal_tax, minor);
    const total = add(net, tax);
    const unitPrice =
      total.amount % item.quantity === 0
        ? money(total.amount / item.quantity, currency)
        : at('prices.price', item.prices.price, item.prices.currency_minor_unit);
    const image = item.images?.[0]?.thumbnail ?? item.images?.[0]?.src;
    return {
      id: item.key,
      productId: String(item.id),
      ...(item.sku ? { sku: item.sku } : {}),
      name: decodeEntities(item.name).slice(0, 200),
      quantity: item.quantity,
      unitPrice,
      total,
      vatRate: vatRateOf(net, tax),
      ...(image && /^https?:\/\//.test(image) && image.length <= 2000 ? { imageUrl: image } : {}),
    };
  });
  return core(cartSchema, cartOfLines(ref, currency, lines), operation);
}

/** A setting names a rate by its method id (a prefix, e.g. `easypack_parcel_machines`) or by its rate id (`flat_rate:3`). */
const matches = (rate: { method_id: string; rate_id: string }, names: readonly string[]) =>
  names.some((name) => (name.includes(':') ? rate.rate_id === name : rate.method_id.startsWith(name)));

/** "1–2 dni robocze" → { minDays: 1, maxDays: 2 }; otherwise a default for the kind. */
function etaOf(deliveryTime: string | undefined, kind: ShippingKind): ShippingOption['eta'] {
  const range = /(\d+)\s*(?:[-–]\s*(\d+))?/.exec(deliveryTime ?? '');
  if (range?.[1] !== undefined) {
    const minDays = Number(range[1]);
    return { minDays, maxDays: Math.max(minDays, Number(range[2] ?? range[1])) };
  }
  return kind === 'pickup' ? { minDays: 0, maxDays: 1 } : { minDays: 1, maxDays: 3 };
}

/** The rates of the cart's (first) shipping package as core options, gross (price + taxes). */
export function toShippingOptions(
  cart: StoreCart,
  config: WooCommerceConfig,
  operation: string,
): ShippingOption[] {
  const rates = cart.shipping_rates[0]?.shipping_rates ?? [];
  return rates.map((rate, i) => {
    const at = (field: string, value: string) =>
      convertField(operation, `shipping_rates.0.shipping_rates.${i}.${field}`, () =>
        storeMoney(value, rate.currency_code, rate.currency_minor_unit),
      );
    const kind: ShippingKind = matches(rate, config.lockerMethods)
      ? 'locker'
      : matches(rate, config.pickupMethods)
        ? 'pickup'
        : 'courier';
    // A locker rate is an InPost Paczkomat (the points Kasa's map offers), whichever method sells it.
    const carrier =
      kind === 'locker' || rate.method_id.startsWith('easypack') ? 'inpost' : rate.method_id.slice(0, 50);
    const net = at('price', rate.price);
    const tax = at('taxes', rate.taxes);
    const option = {
      id: rate.rate_id,
      carrier,
      kind,
      name: decodeEntities(rate.name).slice(0, 100) || rate.rate_id,
      price: add(net, tax),
      // The shop's own tax on the rate (0 in a shop with taxes off), never an assumed 23%.
      vatRate: vatRateOf(net, tax),
      eta: etaOf(rate.delivery_time, kind),
      ...(kind === 'locker' ? { pickupCarrier: carrier } : {}),
    };
    return core(shippingOptionSchema, option, operation);
  });
}

/** A meta value as a non-empty string, if the order has it. */
export function metaOf(order: RestOrder, key: string): string | undefined {
  const found = order.meta_data.find((m) => m.key === key);
  if (found === undefined) return undefined;
  const value = typeof found.value === 'number' ? String(found.value) : found.value;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** WooCommerce order statuses as Kasa's; cash on delivery is told by the gateway, not the status. */
export function statusOf(order: RestOrder, config: WooCommerceConfig): OrderViewStatus {
  if (order.status === 'cancelled' || order.status === 'refunded') return 'cancelled';
  if (order.status === 'failed') return 'payment_error';
  if (order.payment_method === config.gateways.cod)
    return order.status === 'completed' ? 'paid' : 'cash_on_delivery';
  if (order.status === 'processing' || order.status === 'completed') return 'paid';
  if (order.status === 'pending' || order.status === 'on-hold' || order.status === 'checkout-draft') {
    return 'awaiting_payment';
  }
  // A status a plugin added: trust the payment date.
  return order.date_paid_gmt === null ? 'awaiting_payment' : 'paid';
}

const isoOf = (gmt: string | null, fallback: () => string) => {
  if (gmt === null) return fallback();
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(gmt) ? gmt : `${gmt}Z`);
  return Number.isNaN(date.getTime()) ? fallback() : date.toISOString();
};

export function toPlaced(order: RestOrder, operation: string, now: () => Date): PlacedOrder {
  return {
    id: String(order.id),
    number: order.number,
    total: convertField(operation, 'total', () => restMoney(order.total, order.currency)),
    createdAt: isoOf(order.date_created_gmt, () => now().toISOString()),
  };
}

export function toOrderView(
  order: RestOrder,
  checkoutId: string,
  config: WooCommerceConfig,
  operation: string,
): OrderView {
  const pickupPointId = metaOf(order, META.locker) ?? metaOf(order, META.lockerField);
  const nip = metaOf(order, META.nip);
  const name = order.billing.company.trim();
  const transactionId = order.transaction_id.trim();
  return {
    id: String(order.id),
    number: order.number,
    checkoutId,
    total: convertField(operation, 'total', () => restMoney(order.total, order.currency)),
    status: statusOf(order, config),
    ...(pickupPointId === undefined ? {} : { pickupPointId }),
    ...(nip !== undefined && name !== '' ? { company: { nip, name } } : {}),
    ...(transactionId === '' ? {} : { transactionId }),
  };
}

/** A WooCommerce address (Store API and REST share the field names). */
export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phone: string;
  email?: string;
}

interface Place {
  readonly street?: string | undefined;
  readonly buildingNumber?: string | undefined;
  readonly flatNumber?: string | undefined;
  readonly postcode: string;
  readonly city: string;
}

/** "ul. Floriańska 15/4"; a village without streets gives its name: "Wólka 12". */
const streetLine = (p: Place) =>
  `${p.street ?? p.city} ${p.buildingNumber ?? ''}${p.flatNumber ? `/${p.flatNumber}` : ''}`.trim();

/**
 * Billing and shipping addresses for the Store API checkout. A locker order ships to the locker's
 * address (line 2 names the locker); billing is the invoice address, else the delivery address,
 * else the locker's, since WooCommerce requires one: `billingFromLocker` says so, and the Kasa
 * plugin then clears that address the shopper never gave.
 */
export function addressesOf(input: PlaceOrderInput): {
  billing: WooAddress;
  shipping: WooAddress;
  billingFromLocker: boolean;
} {
  const { contact, pickupPoint, address, company } = input;
  const person = { first_name: contact.firstName, last_name: contact.lastName, phone: contact.phone };
  const locker: Place | undefined = pickupPoint ? pickupPoint.address : undefined;
  const deliverTo: Place | undefined = address ?? locker;
  const billTo: Place | undefined = company?.address ?? address ?? locker;
  const blank = { address_1: '', address_2: '', city: '', postcode: '' };
  const lines = (p: Place | undefined) =>
    p === undefined ? blank : { address_1: streetLine(p), address_2: '', city: p.city, postcode: p.postcode };
  const shipping: WooAddress = {
    ...person,
    company: '',
    ...lines(deliverTo),
    ...(address === undefined && pickupPoint ? { address_2: `Paczkomat ${pickupPoint.id}` } : {}),
    state: '',
    country: 'PL',
  };
  const billing: WooAddress = {
    ...person,
    company: company?.name ?? '',
    ...lines(billTo),
    state: '',
    country: 'PL',
    email: contact.email,
  };
  return { billing, shipping, billingFromLocker: billTo !== undefined && billTo === locker };
}
