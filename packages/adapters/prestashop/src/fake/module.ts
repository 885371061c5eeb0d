import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FakeRequest, FakeResponse } from '@kasa/adapter-testing';
import { z } from 'zod';
import { CART_REF } from '../module-client.ts';
import { parseKasaNote } from '../note.ts';
import { signPrestaShopWebhook } from '../webhook.ts';
import { type FakeShop, type Row, SHOP_IDS, STATES, two } from './shop.ts';

/**
 * The Kasa module's endpoint as examples/prestashop-module implements it: a shared key checked in
 * constant time, JSON in and out, amounts as PrestaShop computes them with two decimals.
 */

const json = (status: number, body: unknown): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const attachSchema = z.object({
  cart: z.int().positive(),
  source_cart: z.int().positive().optional(),
  checkout: z.string().min(1).max(100),
  carrier: z.int().positive(),
  point: z
    .string()
    .regex(/^[A-Z0-9-]{3,20}$/)
    .optional(),
  email: z.string().min(3),
  phone: z.string(),
  expected_total: z
    .string()
    .regex(/^\d+\.\d{2}$/)
    .optional(),
  cod: z.object({ module: z.string(), label: z.string() }).optional(),
});

/** The module's version is kept in step with this package's (module-files.test.ts checks the module). */
const MODULE_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const iso = (psDate: string) => `${psDate.replace(' ', 'T')}+00:00`;

export function shopJson(shop: FakeShop) {
  return {
    ps_version: '8.2.1',
    module_version: MODULE_VERSION,
    lang_id: SHOP_IDS.lang,
    currency_id: SHOP_IDS.currency,
    currency_iso: 'PLN',
    country_id: SHOP_IDS.countryPL,
    guest_group_id: SHOP_IDS.guestGroup,
    states: {
      ws_payment: STATES.ws_payment,
      error: STATES.error,
      cod: STATES.cod,
      cancelled: STATES.cancelled,
    },
    payment_modules: [...shop.modules]
      .filter(([, m]) => m.payment)
      .map(([name, m]) => ({ name, active: m.active })),
  };
}

export function cartJson(shop: FakeShop, cartId: number) {
  const cart = shop.table('carts').get(cartId);
  const totals = shop.totals(cartId);
  if (!cart || !totals) return undefined;
  return {
    id: cartId,
    currency_iso: 'PLN',
    id_customer: Number(cart.id_customer ?? 0),
    id_address_delivery: Number(cart.id_address_delivery ?? 0),
    id_address_invoice: Number(cart.id_address_invoice ?? 0),
    id_carrier: Number(cart.id_carrier ?? 0),
    date_add: iso(cart.date_add ?? ''),
    lines: totals.lines.map((l) => ({
      id_product: l.product.id,
      id_product_attribute: Number(l.row.id_product_attribute),
      id_customization: Number(l.row.id_customization),
      name: l.product.name,
      reference: l.product.reference,
      quantity: Number(l.row.quantity),
      unit_price_tax_incl: two(l.unit),
      total_tax_incl: two(l.total),
      tax_rate: l.product.taxRate.toFixed(3),
      image_url: null,
    })),
    totals: { products: two(totals.products), shipping: two(totals.shipping), total: two(totals.total) },
  };
}

function carriersJson(shop: FakeShop, cartId: number) {
  const products = shop.totals(cartId)?.products ?? 0;
  return [...shop.carriers.values()].map((carrier) => {
    const price = shop.shippingPrice(carrier, products);
    return {
      id: carrier.id,
      id_reference: carrier.id,
      name: carrier.name,
      delay: carrier.delay,
      price: two(price),
      regular_price: price === carrier.price ? null : two(carrier.price),
      locker: carrier.locker,
      module: carrier.module,
    };
  });
}

function orderJson(shop: FakeShop, order: Row | undefined) {
  if (!order) return null;
  const state = shop.stateSpec(Number(order.current_state));
  const transaction = shop.paymentsOf(order).find((p) => p.transaction_id)?.transaction_id;
  return {
    id: Number(order.id),
    reference: order.reference ?? '',
    state: Number(order.current_state),
    paid: state?.paid ?? false,
    module: order.module ?? '',
    payment: order.payment ?? '',
    total_paid: two(Math.round(Number(order.total_paid ?? '0') * 100)),
    transaction_id: transaction ?? null,
    date_add: iso(order.date_add ?? ''),
  };
}

function addressJson(shop: FakeShop, id: number) {
  const address = shop.table('addresses').get(id);
  return address ? { id, company: address.company ?? '', vat_number: address.vat_number ?? '' } : null;
}

export function handleModule(shop: FakeShop, moduleKey: string, req: FakeRequest): FakeResponse {
  const given = Buffer.from(String(req.headers['x-kasa-key'] ?? ''));
  const expected = Buffer.from(moduleKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return json(401, { error: 'unauthorized', message: 'Missing or wrong X-Kasa-Key.' });
  }
  const action = req.url.searchParams.get('action');
  switch (action) {
    case 'info':
      return json(200, { shop: shopJson(shop), doctor: doctorJson(shop, req.url.searchParams.get('probe')) });
    case 'cart': {
      const ref = req.url.searchParams.get('cart') ?? '';
      const id = Number(CART_REF.exec(ref)?.[1] ?? 0);
      const cart = id > 0 && shop.cartRef(id) === ref ? cartJson(shop, id) : undefined;
      if (!cart) return json(404, { error: 'cart_not_found', message: 'No cart with this reference.' });
      return json(200, { shop: shopJson(shop), cart, carriers: carriersJson(shop, id) });
    }
    case 'attach':
      return attach(shop, req);
    case 'order': {
      const id = Number(req.url.searchParams.get('cart') ?? 0);
      const cart = cartJson(shop, id);
      if (!cart) return json(404, { error: 'cart_not_found', message: 'No cart with this id.' });
      const customer = shop.table('customers').get(cart.id_customer);
      const note = customer?.note ? parseKasaNote(customer.note) : undefined;
      return json(200, {
        shop: shopJson(shop),
        cart,
        kasa: note
          ? {
              checkout: note.checkoutId,
              expected_total: note.total ? two(note.total.amount) : null,
              cancelled: note.cancelled,
            }
          : null,
        delivery_address: addressJson(shop, cart.id_address_delivery),
        invoice_address: addressJson(shop, cart.id_address_invoice),
        locker: shop.lockerOf(id) ?? null,
        order: orderJson(shop, shop.orderForCart(id)),
      });
    }
    default:
      return json(400, { error: 'unknown_action', message: `Unknown action ${action ?? '(none)'}.` });
  }
}

/**
 * What `kasa doctor` reads from the module: where a locker goes (the InPost module's table or the
 * module's own), whether the webhook URL is set, and the webhook secret proved by signing the probe.
 */
function doctorJson(shop: FakeShop, probe: string | null) {
  const inpost = shop.modules.get('inpostshipping')?.active ?? false;
  const table = inpost && (shop.options.inpostTable ?? true);
  return {
    // As KasaLockerStore::status(): where save() puts a locker, and whether the InPost table exists.
    lockers: {
      storage: inpost ? 'inpost_cart_choice' : 'kasa_cart',
      inpost_module: inpost,
      inpost_table: table,
      locker_carriers: shop.options.lockerCarriers ?? [],
    },
    webhook_url: shop.options.webhookUrlSet ?? true,
    probe_signature:
      probe !== null && /^[A-Za-z0-9_-]{16,64}$/.test(probe)
        ? signPrestaShopWebhook(probe, shop.options.webhookSecret)
        : null,
  };
}

function attach(shop: FakeShop, req: FakeRequest): FakeResponse {
  if (req.method !== 'POST') return json(405, { error: 'method_not_allowed', message: 'POST only.' });
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    return json(400, { error: 'bad_request', message: 'The body is not JSON.' });
  }
  const parsed = attachSchema.safeParse(body);
  if (!parsed.success)
    return json(400, { error: 'bad_request', message: parsed.error.issues[0]?.message ?? '' });
  const request = parsed.data;
  const cart = shop.table('carts').get(request.cart);
  const totals = shop.totals(request.cart);
  if (!cart || !totals) return json(404, { error: 'cart_not_found', message: 'No cart with this id.' });
  if (request.expected_total !== undefined && two(totals.total) !== request.expected_total) {
    return json(409, {
      error: 'total_mismatch',
      total: two(totals.total),
      message: 'PrestaShop computes another total.',
    });
  }
  if (request.point && shop.modules.get('inpostshipping')?.active && shop.options.inpostTable === false) {
    // InPostCartChoiceModel::add() on a missing table: the module logs it and answers 500.
    return json(500, { error: 'internal', message: 'The Kasa module failed; see the PrestaShop log.' });
  }
  shop.kasaCarts.set(request.cart, request.checkout);
  if (request.source_cart !== undefined) shop.sourceCarts.set(request.cart, request.source_cart);
  const storage = request.point
    ? shop.storeLocker(request.cart, request.point, request.email, request.phone)
    : null;
  let order = shop.orderForCart(request.cart);
  if (request.cod && !order) {
    const customer = shop.table('customers').get(Number(cart.id_customer));
    const result = shop.validateOrder({
      cartId: request.cart,
      stateId: STATES.cod,
      amountPaid: two(totals.total),
      label: request.cod.label,
      module: request.cod.module,
      secureKey: customer?.secure_key,
    });
    if (!result.ok) return json(500, { error: 'order_failed', message: result.body });
    order = shop.orderForCart(request.cart);
  }
  return json(200, {
    shop: shopJson(shop),
    cart: cartJson(shop, request.cart),
    locker: request.point && storage ? { point: request.point, storage } : null,
    order: orderJson(shop, order),
  });
}
