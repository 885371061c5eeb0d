import { createHmac } from 'node:crypto';
import { KasaError } from '@kasa/core';
import { z } from 'zod';
import type { Http, HttpReply } from './http.ts';
import { excerpt, parseReply, tryJson } from './seam.ts';

/**
 * The Kasa module's JSON endpoint (examples/prestashop-module): what the webservice lacks. Cart
 * lines and totals as PrestaShop computes them, carrier prices for a cart, the chosen locker, and the
 * cash-on-delivery order in its own state. Authenticated with a shared key (`X-Kasa-Key`).
 */

const amount = z.string().regex(/^\d{1,13}(\.\d{1,9})?$/, { message: 'expected a decimal amount' });
const id = z.int().nonnegative();

export const shopContextSchema = z.object({
  ps_version: z.string(),
  module_version: z.string(),
  lang_id: id,
  currency_id: id,
  currency_iso: z.string().regex(/^[A-Z]{3}$/),
  country_id: id,
  guest_group_id: id,
  states: z.object({ ws_payment: id, error: id, cod: id, cancelled: id }),
  payment_modules: z.array(z.object({ name: z.string(), active: z.boolean() })),
});
export type ShopContext = z.infer<typeof shopContextSchema>;

export const cartLineSchema = z.object({
  id_product: id,
  id_product_attribute: id,
  id_customization: id,
  name: z.string().min(1),
  reference: z.string(),
  quantity: z.int().positive(),
  unit_price_tax_incl: amount,
  total_tax_incl: amount,
  tax_rate: z.string().regex(/^\d{1,3}(\.\d{1,6})?$/),
  image_url: z.string().nullish(),
});

export const moduleCartSchema = z.object({
  id: id,
  currency_iso: z.string().regex(/^[A-Z]{3}$/),
  id_customer: id,
  id_address_delivery: id,
  id_address_invoice: id,
  id_carrier: id,
  date_add: z.string(),
  lines: z.array(cartLineSchema),
  totals: z.object({ products: amount, shipping: amount, total: amount }),
});
export type ModuleCart = z.infer<typeof moduleCartSchema>;

export const carrierSchema = z.object({
  id: id,
  id_reference: id,
  name: z.string().min(1),
  delay: z.string(),
  price: amount,
  /** The price before a free-shipping rule applied, when one did. */
  regular_price: amount.nullish(),
  locker: z.boolean(),
  module: z.string(),
});
export type ModuleCarrier = z.infer<typeof carrierSchema>;

export const orderInfoSchema = z.object({
  id: id,
  reference: z.string(),
  state: id,
  paid: z.boolean(),
  module: z.string(),
  /** The payment label on the order; Kasa's carries the transaction id after `#`. */
  payment: z.string(),
  total_paid: amount,
  transaction_id: z.string().nullish(),
  date_add: z.string(),
});
export type ModuleOrder = z.infer<typeof orderInfoSchema>;

const addressInfo = z.object({ id: id, company: z.string(), vat_number: z.string() }).nullable();

export const cartReplySchema = z.object({
  shop: shopContextSchema,
  cart: moduleCartSchema,
  carriers: z.array(carrierSchema),
});

export const attachReplySchema = z.object({
  shop: shopContextSchema,
  cart: moduleCartSchema,
  locker: z.object({ point: z.string(), storage: z.enum(['inpost_cart_choice', 'kasa_cart']) }).nullable(),
  order: orderInfoSchema.nullable(),
});

export const orderReplySchema = z.object({
  shop: shopContextSchema,
  cart: moduleCartSchema,
  kasa: z
    .object({ checkout: z.string(), expected_total: amount.nullish(), cancelled: z.boolean() })
    .nullable(),
  delivery_address: addressInfo,
  invoice_address: addressInfo,
  locker: z.string().nullable(),
  order: orderInfoSchema.nullable(),
});
export type ModuleOrderReply = z.infer<typeof orderReplySchema>;

export interface AttachRequest {
  readonly cart: number;
  /** The shopper's storefront cart Kasa's cart was made from: the module empties it once the order exists. */
  readonly source_cart?: number;
  readonly checkout: string;
  readonly carrier: number;
  readonly point?: string;
  readonly email: string;
  readonly phone: string;
  /** What the shopper agreed to pay; the module refuses (409) when PrestaShop computes another total. */
  readonly expected_total: string;
  /** Creates the cash-on-delivery order in the COD state (PrestaShop 8: the webservice cannot). */
  readonly cod?: { readonly module: string; readonly label: string };
}

/**
 * The cart reference the module hands the storefront: `<id_cart>-<16 hex>`, the hex being an HMAC of
 * the id under the shared key, so a shopper cannot read someone else's cart by changing a number.
 */
export function cartRef(cartId: number, key: string): string {
  return `${cartId}-${createHmac('sha256', key).update(`cart:${cartId}`).digest('hex').slice(0, 16)}`;
}

export const CART_REF = /^(\d{1,10})-([0-9a-f]{16})$/;

export interface ModuleClient {
  info(): Promise<ShopContext>;
  /** `undefined` when the module does not know the cart (or the reference is forged). */
  cart(ref: string): Promise<z.infer<typeof cartReplySchema> | undefined>;
  /** Stores the locker (and makes the COD order); `total_mismatch` when PrestaShop computes another total. */
  attach(
    request: AttachRequest,
  ): Promise<
    | { ok: true; value: z.infer<typeof attachReplySchema> }
    | { ok: false; reason: 'total_mismatch'; total: string }
    | { ok: false; reason: 'cart_not_found' }
  >;
  order(cartId: number): Promise<ModuleOrderReply | undefined>;
}

export function createModuleClient(options: { url: string; key: string; http: Http }): ModuleClient {
  const endpoint = (action: string, params: Record<string, string> = {}) => {
    const url = new URL(options.url);
    url.searchParams.set('action', action);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  };
  const headers = { 'x-kasa-key': options.key, accept: 'application/json' };

  function refusal(operation: string, reply: HttpReply): KasaError {
    const body = tryJson(reply.text) as { error?: unknown; message?: unknown } | undefined;
    const details = {
      platform: 'prestashop',
      operation,
      status: reply.status,
      ...(typeof body?.error === 'string'
        ? { platformCode: body.error, platformMessage: String(body.message ?? '') }
        : { body: excerpt(reply.text) }),
    };
    if (reply.status === 401 || reply.status === 403) {
      return new KasaError('platform_auth_failed', {
        details: {
          ...details,
          credential: 'module.key',
          hint: 'The Kasa module refused the shared key: copy module.key from the module configuration page.',
        },
      });
    }
    if (reply.status === 404 && body?.error === undefined) {
      return new KasaError('platform_version_unsupported', {
        details: {
          ...details,
          hint: 'No Kasa module endpoint at module.url: install and enable the Kasa module (examples/prestashop-module).',
        },
      });
    }
    return new KasaError('platform_rejected', { details });
  }

  const get = (operation: string, url: string) =>
    options.http({ operation, method: 'GET', url, headers, safe: true });
  const errorCode = (reply: HttpReply) => (tryJson(reply.text) as { error?: unknown } | undefined)?.error;

  return {
    async info() {
      const operation = 'GET kasa module info';
      const reply = await get(operation, endpoint('info'));
      if (reply.status !== 200) throw refusal(operation, reply);
      return parseReply(operation, z.object({ shop: shopContextSchema }), tryJson(reply.text)).shop;
    },

    async cart(ref) {
      const operation = 'GET kasa module cart';
      const reply = await get(operation, endpoint('cart', { cart: ref }));
      if (reply.status === 404 && errorCode(reply) === 'cart_not_found') return undefined;
      if (reply.status !== 200) throw refusal(operation, reply);
      return parseReply(operation, cartReplySchema, tryJson(reply.text));
    },

    async attach(request) {
      const operation = 'POST kasa module attach';
      // Safe to repeat: the module upserts the locker and makes at most one order per cart.
      const reply = await options.http({
        operation,
        method: 'POST',
        url: endpoint('attach'),
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(request),
        safe: true,
      });
      if (reply.status === 409 && errorCode(reply) === 'total_mismatch') {
        const total = parseReply(operation, z.object({ total: amount }), tryJson(reply.text)).total;
        return { ok: false, reason: 'total_mismatch', total };
      }
      if (reply.status === 404 && errorCode(reply) === 'cart_not_found')
        return { ok: false, reason: 'cart_not_found' };
      if (reply.status !== 200) throw refusal(operation, reply);
      return { ok: true, value: parseReply(operation, attachReplySchema, tryJson(reply.text)) };
    },

    async order(cartId) {
      const operation = 'GET kasa module order';
      const reply = await get(operation, endpoint('order', { cart: String(cartId) }));
      if (reply.status === 404 && errorCode(reply) === 'cart_not_found') return undefined;
      if (reply.status !== 200) throw refusal(operation, reply);
      return parseReply(operation, orderReplySchema, tryJson(reply.text));
    },
  };
}
