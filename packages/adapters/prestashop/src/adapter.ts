import { randomBytes } from 'node:crypto';
import {
  type Address,
  add,
  type Cart,
  type CartRef,
  compare,
  type DiagnosticCheck,
  failedCheck,
  KasaError,
  type Money,
  type OrderView,
  type OrderViewStatus,
  type PlacedOrder,
  type PlaceOrderInput,
  type RawRequest,
  RecentMap,
  type StorefrontAdapter,
  subtract,
  type WebhookEvent,
} from '@kasa/core';
import { isUnknownOutcome, PlatformCallError } from '@kasa/platform-http';
import { z } from 'zod';
import { type AdminApi, createAdminApi } from './admin-api.ts';
import { formatAmount, parseAmount } from './amounts.ts';
import {
  moduleUrl,
  type PrestaShopConfig,
  type PrestaShopConfigInput,
  parsePrestaShopConfig,
} from './config.ts';
import { diagnosePrestaShop } from './diagnose.ts';
import { createHttp, type Http, type HttpOptions, type HttpReply } from './http.ts';
import { isoDate, parseCarrierOptionId, parseLineId, toCart, toShippingOptions } from './mapping.ts';
import {
  CART_REF,
  createModuleClient,
  type ModuleCarrier,
  type ModuleCart,
  type ModuleClient,
  type ModuleOrder,
  type ModuleOrderReply,
  type ShopContext,
} from './module-client.ts';
import { kasaNote, notePrefix, parseKasaNote, SAFE_CHECKOUT_ID } from './note.ts';
import { excerpt } from './seam.ts';
import { psAddress, psCity, psGenericName, psName, psPhone } from './text.ts';
import { verifyPrestaShopWebhook } from './webhook.ts';
import { createWebservice, readErrors, type Webservice, wsId } from './webservice.ts';
import type { XmlScalar } from './xml.ts';

/**
 * The PrestaShop 8/9 storefront adapter.
 *
 * How an order is made, and why (PrestaShop's `POST /api/orders` always creates a *paid* order):
 *
 * - `getCart` reads the shopper's cart through the Kasa module, which answers with the lines, the
 *   totals and every carrier's price as PrestaShop computes them; `quoteShipping` reuses that answer.
 * - `placeOrder` prepares, but does not create, the order: a guest customer (marked with the Kasa
 *   checkout id in its note, which is what a retry looks up), the address, and a cart with the chosen
 *   carrier and the customer's `secure_key`. The module then stores the locker where the InPost
 *   module reads it and checks PrestaShop's total for that cart equals what the shopper agreed to,
 *   before any money moves. The Kasa order id is the PrestaShop cart id.
 * - `markPaid` creates the PrestaShop order with `POST /api/orders` (state "remote payment
 *   accepted"), `total_paid` exactly the agreed total, the payment label carrying the transaction id.
 * - Cash on delivery: the order is created at `placeOrder`, by the module on PrestaShop 8 (the
 *   webservice cannot choose a state) or by `POST /admin-api/orders` on PrestaShop 9.
 */

export interface PrestaShopAdapterDeps {
  readonly fetch?: typeof fetch;
  readonly sleep?: HttpOptions['sleep'];
  readonly random?: HttpOptions['random'];
  readonly now?: () => Date;
  /** Called once per HTTP try that reached the network, e.g. to count calls. */
  readonly onCall?: HttpOptions['onCall'];
}

export interface PrestaShopAdapter extends StorefrontAdapter {
  readonly platform: 'prestashop';
  readonly config: PrestaShopConfig;
  cancelOrder(input: { orderId: string; reason: string }): Promise<void>;
  verifyWebhook(req: RawRequest): Promise<WebhookEvent>;
  /**
   * `kasa doctor`: the webservice (reachable, on, the key and its permissions per resource), the
   * Kasa module (installed, its key, payment modules, the InPost module's table, the webhook secret
   * and URL) and, when set, the Admin API client. Writes nothing; never throws.
   */
  diagnose(): Promise<readonly DiagnosticCheck[]>;
}

/** What this process knows about a prepared order; after a restart it is read back from the shop. */
interface Placement {
  readonly cartId: number;
  readonly checkoutId: string;
  readonly customerId: number;
  readonly deliveryAddressId: number;
  readonly invoiceAddressId: number;
  readonly carrierId: number;
  readonly currencyId: number;
  readonly langId: number;
  readonly expected: Money;
  readonly products: Money;
  readonly createdAt: string;
  /** When this process placed or read it (epoch ms), to know when the shop's prices may have moved. */
  readonly seenAt: number;
  readonly placed: PlacedOrder;
  paid?: { readonly provider: string; readonly transactionId: string; readonly orderId: number };
  cancelled?: boolean;
}

/** The module's answer for a cart Kasa placed an order on. */
type KasaOrderReply = ModuleOrderReply & { readonly kasa: NonNullable<ModuleOrderReply['kasa']> };

interface CachedCart {
  readonly at: number;
  readonly cart: Cart;
  readonly carriers: readonly ModuleCarrier[];
}

const customerItem = z.object({ id: wsId, secure_key: z.string().optional(), note: z.string().nullish() });
const addressItem = z.object({ id: wsId, alias: z.string().optional() });
const cartItem = z.object({ id: wsId, date_add: z.string().optional() });
const orderItem = z.object({
  id: wsId,
  reference: z.string().optional(),
  current_state: wsId.optional(),
  payment: z.string().optional(),
});

/**
 * A placement older than this is read back through the module before the order is created, so a
 * price that changed since (PrestaShop re-prices the cart then) is caught rather than filed silently
 * as a payment error.
 */
const RECHECK_AFTER_MS = 60_000;

const DELIVERY_ALIAS = 'Kasa dostawa';
const INVOICE_ALIAS = 'Kasa faktura';
/** Characters the webservice filter syntax uses; a value with them cannot be filtered on. */
const FILTER_SYNTAX = /[[\]|,%]/;

const cartNotFound = () => new KasaError('cart_not_found');
const orderNotFound = (orderId: string) => new KasaError('order_not_found', { details: { orderId } });
const secondPayment = (orderId: string, payment: { provider: string; transactionId: string }) =>
  new KasaError('order_already_paid', {
    details: {
      orderId,
      attempted: { provider: payment.provider, transactionId: payment.transactionId },
      hint: 'A second payment arrived for a paid order; refund one of the transactions.',
    },
  });

/**
 * Creates the adapter for one shop; throws KasaError('platform_config_invalid') naming each wrong
 * setting.
 *
 * @example
 * const shop = createPrestaShopAdapter({
 *   shopUrl: 'https://sklep.example.pl',
 *   webserviceKey: 'ZR92FNY5UFRERNI3O9Z5QDHWKTP3YIIT',
 *   module: { key: process.env.KASA_PS_MODULE_KEY },
 *   webhookSecret: process.env.KASA_PS_WEBHOOK_SECRET,
 * });
 */
export function createPrestaShopAdapter(
  input: PrestaShopConfigInput,
  deps: PrestaShopAdapterDeps = {},
): PrestaShopAdapter {
  const config = parsePrestaShopConfig(input);
  const now = deps.now ?? (() => new Date());
  const http: Http = createHttp({
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    retryBaseMs: config.retryBaseMs,
    retryMaxMs: config.retryMaxMs,
    maxRetryAfterMs: config.maxRetryAfterMs,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.onCall ? { onCall: deps.onCall } : {}),
  });
  const ws: Webservice = createWebservice({ shopUrl: config.shopUrl, key: config.webserviceKey, http });
  const module: ModuleClient = createModuleClient({ url: moduleUrl(config), key: config.module.key, http });
  const admin: AdminApi | undefined = config.adminApi
    ? createAdminApi({
        url: config.adminApi.url ?? `${config.shopUrl}/admin-api`,
        clientId: config.adminApi.clientId,
        clientSecret: config.adminApi.clientSecret,
        http,
        now: () => now().getTime(),
      })
    : undefined;

  const carts = new RecentMap<CartRef, CachedCart>(1_000);
  const placements = new RecentMap<number, Placement>(5_000);
  const byCheckout = new RecentMap<string, number>(5_000);
  const inFlight = new Map<string, Promise<PlacedOrder>>();
  /** Checkouts this process started to place: a repeat looks up first, whatever `resumed` says. */
  const attempted = new RecentMap<string, true>(5_000);
  let shopContext: ShopContext | undefined;

  // ---------------------------------------------------------------- shop context

  function remember(shop: ShopContext): ShopContext {
    const o = config.shop;
    shopContext = {
      ...shop,
      lang_id: o?.langId ?? shop.lang_id,
      currency_id: o?.currencyId ?? shop.currency_id,
      country_id: o?.countryId ?? shop.country_id,
      guest_group_id: o?.guestGroupId ?? shop.guest_group_id,
      states: { ...shop.states, ...(o?.states ?? {}) },
    };
    return shopContext;
  }

  const shop = async (): Promise<ShopContext> => shopContext ?? remember(await module.info());

  function requirePaymentModule(ctx: ShopContext, name: string, setting: 'paymentModule' | 'codModule') {
    const found = ctx.payment_modules.find((m) => m.name === name);
    if (found?.active) return;
    throw new KasaError('platform_config_invalid', {
      details: {
        platform: 'prestashop',
        issues: [
          {
            setting,
            message: `${setting} '${name}' is ${found ? 'installed but disabled' : 'not an installed payment module'} on the shop; PrestaShop creates orders only through an active PaymentModule (installed: ${ctx.payment_modules.map((m) => m.name).join(', ') || 'none'}).`,
          },
        ],
      },
    });
  }

  // ---------------------------------------------------------------- cart and shipping

  async function readCart(ref: CartRef): Promise<CachedCart> {
    if (!CART_REF.test(ref)) throw cartNotFound();
    const cached = carts.get(ref);
    if (cached && now().getTime() - cached.at < config.cartCacheMs) return cached;
    const reply = await module.cart(ref);
    if (reply === undefined) throw cartNotFound();
    remember(reply.shop);
    let cart: Cart;
    try {
      cart = toCart(ref, reply.cart);
    } catch (error) {
      throw new KasaError('platform_response_invalid', {
        cause: error,
        details: { platform: 'prestashop', operation: 'GET kasa module cart', problem: String(error) },
      });
    }
    const entry = { at: now().getTime(), cart, carriers: reply.carriers };
    carts.set(ref, entry);
    return entry;
  }

  // ---------------------------------------------------------------- webservice writes with look-ups

  /**
   * Creates a resource at most once: when an attempt's outcome is unknown, `find` runs before the
   * next attempt. A refusal (4xx, or the webservice's own error document) is final.
   */
  async function createOnce<T>(
    operation: string,
    find: () => Promise<T | undefined>,
    create: () => Promise<{ ok: true; value: T } | { ok: false; reply: HttpReply }>,
  ): Promise<T> {
    let lost: PlatformCallError | HttpReply | undefined;
    for (let attempt = 0; attempt <= config.retries; attempt++) {
      if (attempt > 0) {
        const found = await find();
        if (found !== undefined) return found;
      }
      try {
        const result = await create();
        if (result.ok) return result.value;
        const { reply } = result;
        if (reply.status >= 400 || readErrors(reply.text)) throw ws.refusal(operation, reply);
        lost = reply;
      } catch (error) {
        if (!isUnknownOutcome(error)) throw error;
        lost = error;
      }
    }
    const found = await find();
    if (found !== undefined) return found;
    throw gaveUp(operation, lost);
  }

  function gaveUp(operation: string, lost: PlatformCallError | HttpReply | undefined): KasaError {
    const last = lost instanceof PlatformCallError ? lost.lastAnswer : undefined;
    const reply =
      last === undefined
        ? (lost as HttpReply | undefined)
        : last.kind === 'http'
          ? { status: last.status, text: (last.body as Partial<HttpReply>).text }
          : undefined;
    const status = reply?.status;
    const body = reply?.text;
    // The same 500 with a body every time is the shop refusing (e.g. a PHP fatal), not a blip.
    if (status === 500 && body) {
      return new KasaError('platform_rejected', {
        details: { platform: 'prestashop', operation, status, body: excerpt(body) },
      });
    }
    return new KasaError('platform_unavailable', {
      details: {
        platform: 'prestashop',
        operation,
        attempts: config.retries + 1,
        problem: status === undefined ? 'no answer' : `HTTP ${status}`,
      },
    });
  }

  async function findCustomer(checkoutId: string, email?: string) {
    const filter: Record<string, string> = { note: `[${notePrefix(checkoutId)}]%` };
    if (email && !FILTER_SYNTAX.test(email)) filter.email = `[${email}]`;
    const found = await ws.list(
      'customers',
      { filter, display: '[id,secure_key,note]', sort: '[id_ASC]' },
      customerItem,
    );
    return found.find((c) => c.note?.startsWith(notePrefix(checkoutId)));
  }

  async function findAddress(customerId: number, alias: string) {
    const found = await ws.list(
      'addresses',
      { filter: { id_customer: `[${customerId}]`, deleted: '[0]' }, display: '[id,alias]', sort: '[id_ASC]' },
      addressItem,
    );
    return found.find((a) => a.alias === alias);
  }

  async function findCart(customerId: number) {
    const found = await ws.list(
      'carts',
      { filter: { id_customer: `[${customerId}]` }, display: '[id,date_add]', sort: '[id_ASC]' },
      cartItem,
    );
    return found[0];
  }

  const findOrders = (cartId: number) =>
    ws.list(
      'orders',
      {
        filter: { id_cart: `[${cartId}]` },
        display: '[id,reference,current_state,payment]',
        sort: '[id_ASC]',
      },
      orderItem,
    );

  // ---------------------------------------------------------------- placing

  function fail(code: 'cart_empty' | 'pickup_point_required' | 'address_required', field?: string): never {
    throw new KasaError(code, field ? { field } : {});
  }

  function totalMismatch(operation: string, expected: Money, platformTotal: Money | string): KasaError {
    const platform = typeof platformTotal === 'string' ? platformTotal : formatAmount(platformTotal);
    return new KasaError('platform_rejected', {
      details: {
        platform: 'prestashop',
        operation,
        reason: 'total_mismatch',
        expected: formatAmount(expected),
        platformTotal: platform,
        hint: 'PrestaShop computes a different total for this cart (prices, the guest group, cart rules or a payment fee differ from what Kasa quoted); it would file the order as a payment error. The checkout must be re-quoted.',
      },
    });
  }

  function addressFields(input: PlaceOrderInput, ctx: ShopContext, customerId: number) {
    const { contact, company, pickupPoint } = input;
    const split = input.shipping.kind === 'courier' && company?.address !== undefined;
    const where: Pick<Address, 'street' | 'buildingNumber' | 'flatNumber' | 'postcode' | 'city'> | undefined =
      input.shipping.kind === 'courier'
        ? input.address
        : (company?.address ??
          (pickupPoint
            ? {
                ...(pickupPoint.address.street ? { street: pickupPoint.address.street } : {}),
                buildingNumber: pickupPoint.address.buildingNumber ?? '',
                postcode: pickupPoint.address.postcode,
                city: pickupPoint.address.city,
              }
            : undefined));
    if (!where) fail(input.shipping.kind === 'courier' ? 'address_required' : 'pickup_point_required');
    const line1 = (a: NonNullable<typeof where>) =>
      psAddress(
        `${a.street ?? a.city} ${a.buildingNumber}${'flatNumber' in a && a.flatNumber ? `/${a.flatNumber}` : ''}`,
      );
    const base = (a: NonNullable<typeof where>, alias: string): Record<string, XmlScalar> => ({
      id_customer: customerId,
      id_country: ctx.country_id,
      alias,
      firstname: psName(contact.firstName),
      lastname: psName(contact.lastName),
      address1: line1(a),
      postcode: a.postcode,
      city: psCity(a.city),
      phone_mobile: psPhone(contact.phone),
    });
    const point =
      pickupPoint && input.shipping.kind !== 'courier' ? `Paczkomat ${pickupPoint.id}` : undefined;
    const companyFields = company
      ? { company: psGenericName(company.name), vat_number: company.nip }
      : ({} as Record<string, XmlScalar>);
    const delivery = {
      ...base(where, DELIVERY_ALIAS),
      ...(point ? { address2: psAddress(point) } : {}),
      ...(split ? {} : companyFields),
    };
    const invoice =
      split && company?.address ? { ...base(company.address, INVOICE_ALIAS), ...companyFields } : undefined;
    return { delivery, invoice };
  }

  async function place(input: PlaceOrderInput): Promise<PlacedOrder> {
    const operation = 'placeOrder';
    if (input.cart.lines.length === 0) fail('cart_empty');
    const carrierId = parseCarrierOptionId(input.shipping.id);
    if (carrierId === undefined) {
      throw new KasaError('shipping_option_unavailable', { field: 'delivery.optionId' });
    }
    const needsPoint = input.shipping.kind !== 'courier';
    if (needsPoint && !input.pickupPoint) fail('pickup_point_required', 'delivery.pickupPointId');
    if (!needsPoint && !input.address) fail('address_required', 'delivery.address');
    if (!SAFE_CHECKOUT_ID.test(input.checkoutId)) {
      throw new KasaError('internal', { details: { problem: 'checkout id not filterable', operation } });
    }
    // PrestaShop charges goods plus shipping; anything else (a payment fee) would file a payment error.
    const goodsAndShipping = add(input.cart.subtotal, input.shipping.price);
    if (compare(goodsAndShipping, input.total) !== 0) {
      throw totalMismatch(operation, input.total, goodsAndShipping);
    }
    const cod = input.paymentMethod.kind === 'cod';
    const ctx = await shop();
    if (cod) requirePaymentModule(ctx, config.codModule, 'codModule');

    const lines = input.cart.lines.map((line) => {
      const ids = parseLineId(line.id);
      if (!ids)
        throw new KasaError('cart_not_found', {
          details: { problem: 'not a PrestaShop cart line', line: line.id },
        });
      return {
        id_product: ids.idProduct,
        id_product_attribute: ids.idProductAttribute,
        id_customization: ids.idCustomization,
        quantity: line.quantity,
      };
    });
    // Look first when an earlier attempt (another process, a lost answer) may have done some of the
    // work: unless the server knows none reached the shop (`resumed: false`, a fresh placement) and
    // this process has not tried this checkout itself. A fresh placement saves the call.
    const lookFirst = input.resumed !== false || attempted.has(input.checkoutId);
    attempted.set(input.checkoutId, true);
    const earlier = lookFirst ? await findCustomer(input.checkoutId, input.contact.email) : undefined;
    const customer =
      earlier ??
      (await createOnce(
        'POST /api/customers',
        () => findCustomer(input.checkoutId, input.contact.email),
        () =>
          ws.create(
            'customers',
            'customer',
            {
              fields: {
                id_default_group: ctx.guest_group_id,
                id_lang: ctx.lang_id,
                // Required by the webservice; a guest never signs in with it.
                passwd: randomBytes(16).toString('hex'),
                lastname: psName(input.contact.lastName),
                firstname: psName(input.contact.firstName),
                email: input.contact.email,
                newsletter: input.consents.marketingEmail,
                optin: false,
                active: true,
                is_guest: true,
                note: kasaNote(input.checkoutId, input.total),
              },
              associations: { groups: { row: 'group', rows: [{ id: ctx.guest_group_id }] } },
            },
            customerItem,
          ),
      ));
    const secureKey = customer.secure_key ?? (await findCustomer(input.checkoutId))?.secure_key;
    if (!secureKey || !/^[0-9a-f]{32}$/.test(secureKey)) {
      throw new KasaError('platform_response_invalid', {
        details: { platform: 'prestashop', operation: 'POST /api/customers', field: 'customer.secure_key' },
      });
    }

    const fields = addressFields(input, ctx, customer.id);
    const ensureAddress = async (alias: string, body: Record<string, XmlScalar>) => {
      const existing = earlier ? await findAddress(customer.id, alias) : undefined;
      if (existing) return existing.id;
      const created = await createOnce(
        'POST /api/addresses',
        () => findAddress(customer.id, alias),
        () => ws.create('addresses', 'address', { fields: body }, addressItem),
      );
      return created.id;
    };
    const deliveryAddressId = await ensureAddress(DELIVERY_ALIAS, fields.delivery);
    const invoiceAddressId = fields.invoice
      ? await ensureAddress(INVOICE_ALIAS, fields.invoice)
      : deliveryAddressId;

    const existingCart = earlier ? await findCart(customer.id) : undefined;
    const cart =
      existingCart ??
      (await createOnce(
        'POST /api/carts',
        () => findCart(customer.id),
        () =>
          ws.create(
            'carts',
            'cart',
            {
              fields: {
                id_address_delivery: deliveryAddressId,
                id_address_invoice: invoiceAddressId,
                id_currency: ctx.currency_id,
                id_customer: customer.id,
                id_guest: 0,
                id_lang: ctx.lang_id,
                id_carrier: carrierId,
                recyclable: false,
                gift: false,
                mobile_theme: false,
                delivery_option: JSON.stringify({ [deliveryAddressId]: `${carrierId},` }),
                secure_key: secureKey,
                allow_seperated_package: false,
              },
              associations: {
                cart_rows: {
                  row: 'cart_row',
                  rows: lines.map((line) => ({ ...line, id_address_delivery: deliveryAddressId })),
                },
              },
            },
            cartItem,
          ),
      ));

    // PrestaShop's own total for the new cart, and the locker where the InPost module reads it. On
    // PrestaShop 9 the Admin API answers the total when no locker needs the module.
    let psCart: ModuleCart | undefined;
    let order: ModuleOrder | null = null;
    let orderId: number | undefined;
    if (admin && !needsPoint) {
      const view = await admin.cartView(cart.id);
      const total = view ? parseAmount(view.summary.total, input.total.currency) : undefined;
      if (!view || !total) {
        throw new KasaError('platform_rejected', {
          details: {
            platform: 'prestashop',
            operation: 'GET /admin-api/carts/{id}/view',
            problem: 'no such cart',
          },
        });
      }
      if (compare(total, input.total) !== 0) {
        throw totalMismatch('GET /admin-api/carts/{id}/view', input.total, total);
      }
      orderId = view.order.orderId ?? undefined;
    } else {
      const source = CART_REF.exec(input.cart.ref)?.[1];
      const attached = await module.attach({
        cart: cart.id,
        ...(source ? { source_cart: Number(source) } : {}),
        checkout: input.checkoutId,
        carrier: carrierId,
        ...(needsPoint && input.pickupPoint ? { point: input.pickupPoint.id } : {}),
        email: input.contact.email,
        phone: input.contact.phone,
        expected_total: formatAmount(input.total),
        ...(cod && !admin ? { cod: { module: config.codModule, label: input.paymentMethod.label } } : {}),
      });
      if (!attached.ok) {
        if (attached.reason === 'total_mismatch') {
          throw totalMismatch('POST kasa module attach', input.total, attached.total);
        }
        throw new KasaError('platform_rejected', {
          details: { platform: 'prestashop', operation: 'POST kasa module attach', problem: 'no such cart' },
        });
      }
      remember(attached.value.shop);
      psCart = attached.value.cart;
      order = attached.value.order;
      orderId = order?.id;
    }
    if (cod && admin && !order) order = await createCodWithAdminApi(cart.id, input, ctx, orderId);

    const createdAt = isoDate(psCart?.date_add ?? cart.date_add ?? '', now());
    const placed: PlacedOrder = {
      id: String(cart.id),
      number: String(cart.id),
      total: input.total,
      createdAt,
    };
    const products = psCart ? parseAmount(psCart.totals.products, input.total.currency) : undefined;
    placements.set(cart.id, {
      cartId: cart.id,
      checkoutId: input.checkoutId,
      customerId: customer.id,
      deliveryAddressId,
      invoiceAddressId,
      carrierId,
      currencyId: ctx.currency_id,
      langId: ctx.lang_id,
      expected: input.total,
      products: products ?? subtract(input.total, input.shipping.price),
      createdAt,
      seenAt: now().getTime(),
      placed,
    });
    byCheckout.set(input.checkoutId, cart.id);
    if (cod && !order) {
      throw new KasaError('platform_rejected', {
        details: { operation, problem: 'cash-on-delivery order not created' },
      });
    }
    return placed;
  }

  /** PrestaShop 9: the cash-on-delivery order in the COD state; `known` is an order the cart already has. */
  async function createCodWithAdminApi(
    cartId: number,
    input: PlaceOrderInput,
    ctx: ShopContext,
    known?: number,
  ) {
    if (!admin || !config.adminApi) return null;
    const adminApi = admin;
    const employeeId = config.adminApi.employeeId;
    const orderId =
      known ??
      (await createOnce(
        'POST /admin-api/orders',
        async () => (await adminApi.cartView(cartId))?.order.orderId ?? undefined,
        async () => ({
          ok: true as const,
          value: (
            await adminApi.createOrder({
              cartId,
              employeeId,
              paymentModuleName: config.codModule,
              orderStateId: ctx.states.cod,
              orderMessage: `Kasa ${input.checkoutId}`,
            })
          ).orderId,
        }),
      ));
    return {
      id: orderId,
      reference: '',
      state: ctx.states.cod,
      paid: false,
      module: config.codModule,
      payment: config.codModule,
      total_paid: formatAmount(input.total),
      date_add: now().toISOString(),
    } satisfies ModuleOrder;
  }

  // ---------------------------------------------------------------- paying

  /** The PrestaShop cart id a Kasa order id names; throws order_not_found for anything else. */
  function cartIdOf(orderId: string): number {
    if (!/^\d{1,10}$/.test(orderId)) throw orderNotFound(orderId);
    return Number(orderId);
  }

  /** The module's record of an order Kasa placed; throws order_not_found for any other cart. */
  async function kasaOrder(orderId: string): Promise<KasaOrderReply> {
    const reply = await module.order(cartIdOf(orderId));
    if (!reply?.kasa) throw orderNotFound(orderId);
    return reply as KasaOrderReply;
  }

  /** What markPaid needs, from this process's memory or read back through the module. */
  async function placementFor(orderId: string): Promise<{ placement: Placement; reply?: ModuleOrderReply }> {
    const cartId = cartIdOf(orderId);
    const known = placements.get(cartId);
    if (known && now().getTime() - known.seenAt <= RECHECK_AFTER_MS) return { placement: known };
    const reply = await kasaOrder(orderId);
    remember(reply.shop);
    if (known) return { placement: known, reply };
    const currency = reply.cart.currency_iso;
    const expected = reply.kasa.expected_total ? parseAmount(reply.kasa.expected_total, currency) : undefined;
    const total = expected ?? parseAmount(reply.cart.totals.total, currency);
    if (!total) throw orderNotFound(orderId);
    const createdAt = isoDate(reply.cart.date_add, now());
    const placement: Placement = {
      cartId,
      checkoutId: reply.kasa.checkout,
      customerId: reply.cart.id_customer,
      deliveryAddressId: reply.cart.id_address_delivery,
      invoiceAddressId: reply.cart.id_address_invoice,
      carrierId: reply.cart.id_carrier,
      currencyId: reply.shop.currency_id,
      langId: reply.shop.lang_id,
      expected: total,
      products: parseAmount(reply.cart.totals.products, currency) ?? total,
      createdAt,
      seenAt: now().getTime(),
      placed: { id: String(cartId), number: String(cartId), total, createdAt },
    };
    placements.set(cartId, placement);
    return { placement, reply };
  }

  /** The characters a payment label may not hold (`isGenericName`), and `#`, which ends the label's text part. */
  const safeTx = (text: string) => text.replace(/[#<>={}]/g, '-').trim();
  /** The transaction id travels in the payment label, e.g. `BLIK (payu) #T123`; the module copies it to the payment row. */
  const paymentLabel = (provider: string, transactionId: string) =>
    `${config.paymentLabel} (${safeTx(provider)}) #${safeTx(transactionId)}`.slice(0, 255);
  const transactionOf = (label: string | undefined) => label?.match(/#([^#]+)$/)?.[1]?.trim();

  function settle(
    placement: Placement,
    existing: { id: number; state: number; transactionId: string | undefined },
    payment: { provider: string; transactionId: string },
    ctx: ShopContext,
  ): void {
    const orderId = String(placement.cartId);
    if (existing.state === ctx.states.error) {
      throw totalMismatch('POST /api/orders', placement.expected, 'PS_OS_ERROR');
    }
    if (
      existing.transactionId !== undefined &&
      safeTx(existing.transactionId) !== safeTx(payment.transactionId)
    ) {
      throw secondPayment(orderId, payment);
    }
    if (existing.transactionId === undefined) {
      throw new KasaError('illegal_transition', {
        details: {
          orderId,
          hint: 'PrestaShop already has an order for this cart that Kasa did not pay (e.g. cash on delivery).',
        },
      });
    }
    placement.paid = { ...payment, orderId: existing.id };
  }

  async function markPaid({
    orderId,
    payment,
  }: {
    orderId: string;
    payment: { provider: string; transactionId: string };
  }) {
    const { placement, reply } = await placementFor(orderId);
    if (placement.paid) {
      if (placement.paid.transactionId === payment.transactionId) return;
      throw secondPayment(orderId, payment);
    }
    const ctx = await shop();
    if (reply?.order) {
      return settle(
        placement,
        {
          id: reply.order.id,
          state: reply.order.state,
          transactionId: reply.order.transaction_id || transactionOf(reply.order.payment),
        },
        payment,
        ctx,
      );
    }
    if (placement.cancelled || reply?.kasa?.cancelled) {
      throw new KasaError('illegal_transition', {
        details: { orderId, hint: 'A payment arrived for a cancelled order.' },
      });
    }
    requirePaymentModule(ctx, config.paymentModule, 'paymentModule');
    // Read back a minute or more after placing: PrestaShop re-prices the cart when the order is made.
    const platformTotal = reply ? parseAmount(reply.cart.totals.total, reply.cart.currency_iso) : undefined;
    const willMismatch = platformTotal !== undefined && compare(platformTotal, placement.expected) !== 0;

    const findOrder = async () => {
      const [first] = await findOrders(placement.cartId);
      return first
        ? { id: first.id, state: first.current_state ?? 0, transactionId: transactionOf(first.payment) }
        : undefined;
    };
    const total = formatAmount(placement.expected);
    const created = await createOnce('POST /api/orders', findOrder, async () => {
      const result = await ws.create(
        'orders',
        'order',
        {
          fields: {
            id_address_delivery: placement.deliveryAddressId,
            id_address_invoice: placement.invoiceAddressId,
            id_cart: placement.cartId,
            id_currency: placement.currencyId,
            id_lang: placement.langId,
            id_customer: placement.customerId,
            id_carrier: placement.carrierId,
            module: config.paymentModule,
            payment: paymentLabel(payment.provider, payment.transactionId),
            // PrestaShop compares total_paid with its own cart total, to the grosz.
            total_paid: total,
            total_paid_real: total,
            total_products: formatAmount(placement.products),
            total_products_wt: formatAmount(placement.products),
            conversion_rate: 1,
          },
        },
        orderItem,
      );
      return result.ok
        ? {
            ok: true as const,
            value: {
              id: result.value.id,
              // The answer echoes the posted object; an empty state means "as PrestaShop decided".
              state: result.value.current_state || ctx.states.ws_payment,
              transactionId: safeTx(payment.transactionId),
            },
          }
        : result;
    });
    // The order exists either way: the money was taken, so the merchant must see it, as a payment error.
    settle(placement, willMismatch ? { ...created, state: ctx.states.error } : created, payment, ctx);
  }

  // ---------------------------------------------------------------- reading back

  function statusOf(reply: ModuleOrderReply): OrderViewStatus {
    const order = reply.order;
    if (!order) return reply.kasa?.cancelled ? 'cancelled' : 'awaiting_payment';
    const states = reply.shop.states;
    if (order.state === states.error) return 'payment_error';
    if (order.state === states.cancelled) return 'cancelled';
    if (order.paid) return 'paid';
    if (order.module === config.codModule || order.state === states.cod) return 'cash_on_delivery';
    return 'awaiting_payment';
  }

  async function getOrder(orderId: string): Promise<OrderView> {
    const reply = await kasaOrder(orderId);
    remember(reply.shop);
    const currency = reply.cart.currency_iso;
    const total =
      (reply.order ? parseAmount(reply.order.total_paid, currency) : undefined) ??
      (reply.kasa.expected_total ? parseAmount(reply.kasa.expected_total, currency) : undefined) ??
      parseAmount(reply.cart.totals.total, currency);
    if (!total) {
      throw new KasaError('platform_response_invalid', {
        details: { platform: 'prestashop', operation: 'GET kasa module order', field: 'cart.totals.total' },
      });
    }
    const invoice = reply.invoice_address ?? reply.delivery_address;
    const transactionId = reply.order?.transaction_id;
    return {
      id: orderId,
      number: orderId,
      checkoutId: reply.kasa.checkout,
      total,
      status: statusOf(reply),
      ...(reply.locker ? { pickupPointId: reply.locker } : {}),
      ...(invoice?.vat_number ? { company: { nip: invoice.vat_number, name: invoice.company } } : {}),
      ...(transactionId ? { transactionId } : {}),
    };
  }

  async function findOrderByCheckout(checkoutId: string): Promise<PlacedOrder | undefined> {
    if (!SAFE_CHECKOUT_ID.test(checkoutId)) return undefined;
    const customers = await ws.list(
      'customers',
      { filter: { note: `[${notePrefix(checkoutId)}]%` }, display: '[id,note]', sort: '[id_ASC]' },
      customerItem,
    );
    for (const customer of customers) {
      const note = customer.note ? parseKasaNote(customer.note) : undefined;
      if (note?.checkoutId !== checkoutId) continue;
      const cart = await findCart(customer.id);
      if (!cart) return undefined;
      const known = placements.get(cart.id);
      if (known) return known.placed;
      const total = note.total;
      if (!total) return undefined;
      const createdAt = isoDate(cart.date_add ?? '', now());
      return { id: String(cart.id), number: String(cart.id), total, createdAt };
    }
    return undefined;
  }

  /** PrestaShop keeps no reason with a state change; the back office shows who changed it and when. */
  async function cancelOrder({ orderId }: { orderId: string; reason: string }) {
    const reply = await kasaOrder(orderId);
    const status = statusOf(reply);
    if (status === 'cancelled') return;
    if (status === 'paid') {
      throw new KasaError('illegal_transition', {
        details: { orderId, status, hint: 'A paid order needs a refund, not a cancel.' },
      });
    }
    const order = reply.order;
    if (order) {
      const cancelled = reply.shop.states.cancelled;
      await createOnce(
        'POST /api/order_histories',
        async () => {
          const [current] = await findOrders(Number(orderId));
          return current?.current_state === cancelled ? { id: current.id } : undefined;
        },
        () =>
          ws.create(
            'order_histories',
            'order_history',
            { fields: { id_order: order.id, id_order_state: cancelled } },
            z.object({ id: wsId }),
          ),
      );
    } else {
      await markCancelled(reply);
    }
    const known = placements.get(Number(orderId));
    if (known) known.cancelled = true;
  }

  /** No PrestaShop order yet: the mark on the guest customer says the checkout was cancelled. */
  async function markCancelled(reply: ModuleOrderReply): Promise<void> {
    const kasa = reply.kasa;
    if (!kasa) return;
    const customerId = reply.cart.id_customer;
    const total = kasa.expected_total ? parseAmount(kasa.expected_total, reply.cart.currency_iso) : undefined;
    if (!total) throw orderNotFound(String(reply.cart.id));
    await ws.patch('customers', 'customer', customerId, { note: kasaNote(kasa.checkout, total, true) });
  }

  return {
    platform: 'prestashop',
    config,

    async getCart(ref) {
      return (await readCart(ref)).cart;
    },

    async quoteShipping({ cart }) {
      const cached = await readCart(cart.ref);
      return toShippingOptions(cached.carriers, cached.cart.currency);
    },

    placeOrder(input) {
      const known = byCheckout.get(input.checkoutId);
      const placement = known === undefined ? undefined : placements.get(known);
      if (placement) return Promise.resolve(placement.placed);
      const running = inFlight.get(input.checkoutId);
      if (running) return running;
      const promise = place(input).finally(() => inFlight.delete(input.checkoutId));
      inFlight.set(input.checkoutId, promise);
      return promise;
    },

    markPaid,
    findOrderByCheckout,
    getOrder,
    cancelOrder,

    async verifyWebhook(req) {
      return verifyPrestaShopWebhook(req, config.webhookSecret);
    },

    async diagnose() {
      try {
        return await diagnosePrestaShop(config, {
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
          ...(deps.onCall ? { onCall: deps.onCall } : {}),
        });
      } catch (error) {
        return [failedCheck('doctor', error)];
      }
    },
  };
}
