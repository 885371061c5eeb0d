import { randomBytes, randomUUID } from 'node:crypto';
import type { PlatformOrder } from '@kasa/adapter-testing';
import {
  createFaultPlan,
  type FakeRequest,
  type FakeResponse,
  type FaultPlan,
  serveFake,
} from '@kasa/adapter-testing/faults';
import { money, type RawRequest } from '@kasa/core';
import { signKasaCheckout, signWooWebhook } from '../webhook.ts';
import { createOAuthVerifier } from './oauth.ts';
import { type Address, FAKE_PRODUCTS, type FakeOrder, FakeShopState, type Session } from './shop.ts';

export { testAdapterConfig } from './config.ts';
export {
  createWooCommerceFake,
  type FakeCatalogueProduct,
  type FakeShippingMethod,
  type WooCommerceFake,
} from './demo.ts';
export { FAKE_PRODUCTS, FAKE_RATES, type FakeProduct } from './shop.ts';

/**
 * A local fake of one WooCommerce shop, speaking real HTTP on 127.0.0.1: the Store API (Cart-Token
 * sessions, cart, batch, update-customer, select-shipping-rate, checkout) and REST v3 orders behind
 * OAuth 1.0a, checked as WooCommerce checks it. By default the Kasa WordPress plugin is "installed":
 * it keeps `extensions.kasa` and the `kasa/inpost-point` field as order meta, filters REST orders by
 * `kasa_checkout_id` and refuses a second order for one checkout.
 */
export interface FakeWooCommerceOptions {
  /** Whether the Kasa plugin is active. Default true. */
  readonly kasaPlugin?: boolean;
  /**
   * Play WooCommerce 8.9: every Store API write needs the `Nonce` its answers carry, even with a
   * Cart-Token (10.x takes the token alone). `'refused'`: no nonce is ever good (a proxy in between).
   */
  readonly legacyNonce?: boolean | 'refused';
  /** Cart-Token lifetime; WooCommerce's default is 48 h. */
  readonly tokenLifetimeSeconds?: number;
  /** Enabled payment gateways. Default kasa (with the plugin), cod, bacs. */
  readonly gateways?: readonly string[];
  readonly now?: () => Date;
  /** Rewrites an answer's JSON body before it is sent: a shop whose plugins or version changed a field. */
  readonly tamper?: (
    request: { api: 'store' | 'rest'; method: string; path: string },
    body: unknown,
  ) => unknown;
  /** What the REST API key may do, as WooCommerce → Settings → Advanced → REST API sets it. Default read_write. */
  readonly keyPermissions?: 'read' | 'write' | 'read_write';
  /** The WooCommerce version `GET /system_status` reports. Default 9.8.0. */
  readonly version?: string;
  /** The status of the Kasa plugin's order webhook (it exists only with the plugin). Default active. */
  readonly webhookStatus?: 'active' | 'paused' | 'disabled';
  /**
   * The outcome of the webhook's last delivery, as the Kasa plugin reports it under `kasa` in
   * REST v3 (status 0 with WordPress's error when no request went out). Default: none yet.
   */
  readonly webhookDelivery?: { readonly status: number; readonly error?: string; readonly failures?: number };
  /** The port on 127.0.0.1; default a free one. */
  readonly port?: number;
}

export interface FakeRequestLog {
  readonly api: 'store' | 'rest' | 'other';
  readonly method: string;
  readonly path: string;
  readonly cartToken?: string;
  readonly status: number;
}

export interface FakeWooCommerce {
  readonly url: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly webhookSecret: string;
  /** Faults to play on the next requests; `faults.calls()` counts every request. */
  readonly faults: FaultPlan;
  /** Requests that reached the shop (faulted ones that never did are not here). */
  readonly requests: readonly FakeRequestLog[];
  /**
   * What the shopper's storefront does: a GET /cart for a token, then a batch of add-item. With
   * `customerId`, the cart of a logged-in customer (their token names their user id).
   */
  createCart(
    lines: readonly { productId: number; quantity: number }[],
    options?: { customerId?: number },
  ): Promise<string>;
  /** Orders as the shop's database has them. */
  platformOrders(): PlatformOrder[];
  /** The REST v3 JSON of an order, as the shop would answer it. */
  restOrder(id: number): Record<string, unknown> | undefined;
  /** Signs a webhook delivery with the shop's headers. */
  signWebhook(body: string, topic?: string): RawRequest;
  close(): Promise<void>;
}

const wpError = (status: number, code: string, message: string, data: Record<string, unknown> = {}) => ({
  status,
  body: { code, message, data: { status, ...data } },
});

const missingNonce = () =>
  wpError(
    401,
    'woocommerce_rest_missing_nonce',
    'Missing the Nonce header. This endpoint requires a valid nonce.',
  );

const noRoute = () =>
  wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');

/** `WC_REST_Authentication::check_permissions`: the key's Read/Write setting, checked before the route. */
function keyRefusal(permissions: 'read' | 'write' | 'read_write', method: string): FakeResponse | undefined {
  const reads = method === 'GET' || method === 'HEAD';
  if (reads && permissions === 'write') {
    return wpError(
      401,
      'woocommerce_rest_authentication_error',
      'The API key provided does not have read permissions.',
    );
  }
  if (!reads && method !== 'OPTIONS' && permissions === 'read') {
    return wpError(
      401,
      'woocommerce_rest_authentication_error',
      'The API key provided does not have write permissions.',
    );
  }
  return undefined;
}

const ADDRESS_FIELDS = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'state',
  'postcode',
  'country',
  'phone',
  'email',
];

function addressOf(value: unknown): Address | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const out: Address = {};
  for (const field of ADDRESS_FIELDS) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v === 'string') out[field] = v;
  }
  return out;
}

const REQUIRED_LABELS: Readonly<Record<string, string>> = {
  first_name: 'First name',
  last_name: 'Last name',
  address_1: 'Street address',
  city: 'Town / City',
  postcode: 'Postcode / ZIP',
  country: 'Country / Region',
  email: 'Email address',
};

/** The order's required address fields, checked (as real WooCommerce does) after the cart: "… is required". */
function missingFields(address: Address, billing: boolean): string[] {
  return Object.entries(REQUIRED_LABELS)
    .filter(([field]) => billing || field !== 'email')
    .filter(([field]) => (address[field] ?? '').trim() === '')
    .map(([, label]) => `${label} is required`);
}

/** The request's own address check, before the cart: a Polish postcode must look like one. */
const postcodeInvalid = (address: Address | undefined) =>
  address !== undefined &&
  address.country === 'PL' &&
  (address.postcode ?? '') !== '' &&
  !/^\d{2}-?\d{3}$/.test(address.postcode ?? '');

/**
 * The types the Kasa plugin registers for `extensions.kasa`. WooCommerce validates every registered
 * property, an absent or empty one as null, so each allows null (plugin 0.1.0 registered
 * `plugin_version` as a bare string, and real WooCommerce refused every checkout for it).
 */
const KASA_EXTENSION_TYPES: Readonly<Record<string, readonly ('string' | 'null')[]>> = {
  checkout_id: ['string', 'null'],
  idempotency_key: ['string', 'null'],
  pickup_point_id: ['string', 'null'],
  nip: ['string', 'null'],
  no_billing_address: ['string', 'null'],
  signature: ['string', 'null'],
  plugin_version: ['string', 'null'],
};

/** WooCommerce's check of an extension's data against its registered schema, as its Store API words it. */
function extensionProblem(kasa: Record<string, unknown>): string | undefined {
  for (const [key, types] of Object.entries(KASA_EXTENSION_TYPES)) {
    const value = kasa[key];
    const empty = value === undefined || value === null || value === '' || value === false || value === 0;
    if (empty && types.includes('null')) continue;
    if (typeof value !== 'string') return `extensions > kasa > ${key} is not of type ${types.join(',')}.`;
  }
  return undefined;
}

const withoutAddressLines = (address: Address): Address => ({
  ...address,
  address_1: '',
  address_2: '',
  city: '',
  state: '',
  postcode: '',
});

/** Starts the fake shop on a free local port. */
export async function startFakeWooCommerce(options: FakeWooCommerceOptions = {}): Promise<FakeWooCommerce> {
  const consumerKey = `ck_${randomBytes(20).toString('hex')}`;
  const consumerSecret = `cs_${randomBytes(20).toString('hex')}`;
  const webhookSecret = randomBytes(18).toString('base64url');
  const now = options.now ?? (() => new Date());
  const plugin = options.kasaPlugin ?? true;
  // The "kasa" gateway comes with the Kasa plugin; without it a shop takes Kasa's orders with an offline one.
  const gateways = new Set(options.gateways ?? (plugin ? ['kasa', 'cod', 'bacs'] : ['cod', 'bacs']));
  const state = new FakeShopState(options.tokenLifetimeSeconds ?? 48 * 3600);
  const oauth = createOAuthVerifier(new Map([[consumerKey, consumerSecret]]));
  const faults = createFaultPlan();
  const requests: FakeRequestLog[] = [];
  /** The Store API nonce (`wc_store_api`) of a logged-out request: one for every token session. */
  const storeNonce = randomBytes(5).toString('hex');
  let baseUrl = '';

  const seconds = () => Math.floor(now().getTime() / 1000);
  const byCheckout = (checkoutId: string) =>
    state.orders.filter((o) => state.meta(o, '_kasa_checkout_id') === checkoutId);

  function addItem(session: Session, body: Record<string, unknown>): FakeResponse | undefined {
    const product = FAKE_PRODUCTS.find((p) => p.id === Number(body.id));
    const quantity = Number(body.quantity ?? 1);
    if (product === undefined || !Number.isInteger(quantity) || quantity < 1) {
      return wpError(
        400,
        'woocommerce_rest_cart_invalid_product',
        'This product cannot be added to the cart.',
      );
    }
    const key = randomBytes(16).toString('hex');
    const existing = [...session.items].find(([, l]) => l.productId === product.id);
    if (existing) existing[1].quantity += quantity;
    else session.items.set(key, { productId: product.id, quantity });
    return undefined;
  }

  /**
   * The Store API checkout in real WooCommerce's order of checks (10.0.2): the request's parameters
   * first (a missing billing address, an unknown gateway, a malformed postcode, extension data
   * against its registered schema), then the cart (empty: 409), then the order's addresses and the
   * gateway's availability.
   */
  function checkout(session: Session, body: Record<string, unknown>): FakeResponse {
    if (body.billing_address === undefined) {
      return wpError(400, 'rest_missing_callback_param', 'Missing parameter(s): billing_address', {
        params: ['billing_address'],
      });
    }
    const billing = addressOf(body.billing_address) ?? {};
    const shipping = addressOf(body.shipping_address) ?? billing;
    const paymentMethod = typeof body.payment_method === 'string' ? body.payment_method : '';
    const kasaData = ((body.extensions as Record<string, unknown> | undefined)?.kasa ?? {}) as Record<
      string,
      unknown
    >;
    const registered = ['bacs', 'cheque', 'cod', ...(plugin ? ['kasa'] : [])];
    const params: Record<string, string> = {};
    if (paymentMethod !== '' && !registered.includes(paymentMethod)) {
      params.payment_method = `payment_method is not one of , ${registered.slice(0, -1).join(', ')}, and ${registered.at(-1)}.`;
    }
    if (postcodeInvalid(billing)) params.billing_address = 'The provided postcode / ZIP is not valid';
    if (postcodeInvalid(shipping)) params.shipping_address = 'The provided postcode / ZIP is not valid';
    const extensionInvalid = plugin ? extensionProblem(kasaData) : undefined;
    if (extensionInvalid) params.extensions = extensionInvalid;
    if (Object.keys(params).length > 0) {
      return wpError(400, 'rest_invalid_param', `Invalid parameter(s): ${Object.keys(params).join(', ')}`, {
        params,
      });
    }
    if (session.items.size === 0) {
      return wpError(409, 'woocommerce_rest_cart_empty', 'Cannot place an order, your cart is empty.', {
        cart: state.cartResponse(session),
      });
    }
    for (const [type, address] of [
      ['billing', billing],
      ['shipping', shipping],
    ] as const) {
      const missing = missingFields(address, type === 'billing');
      if (missing.length > 0) {
        return wpError(
          400,
          'woocommerce_rest_invalid_address',
          `There was a problem with the provided ${type} address: ${missing.join(', ')}`,
          { errors: { [type]: missing } },
        );
      }
    }
    if (paymentMethod === '') {
      return wpError(400, 'woocommerce_rest_checkout_missing_payment_method', 'No payment method provided.');
    }
    if (!gateways.has(paymentMethod)) {
      return wpError(
        400,
        'woocommerce_rest_checkout_payment_method_disabled',
        `${paymentMethod} is not available for this order—please choose a different payment method`,
      );
    }

    const meta: { key: string; value: unknown }[] = [];
    const fields = (body.additional_fields ?? {}) as Record<string, unknown>;
    const kasa = kasaData;
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const noBillingAddress = text(kasa.no_billing_address) === '1';
    const signed =
      text(kasa.signature) !== '' &&
      text(kasa.signature) ===
        signKasaCheckout(
          {
            checkout_id: text(kasa.checkout_id),
            idempotency_key: text(kasa.idempotency_key),
            pickup_point_id: text(kasa.pickup_point_id),
            nip: text(kasa.nip),
            ...(noBillingAddress ? { no_billing_address: '1' } : {}),
          },
          webhookSecret,
        );
    if (plugin) {
      // The Kasa plugin's Additional Checkout Field, which it copies where the InPost plugin reads.
      const field = text(fields['kasa/inpost-point']);
      if (field !== '') {
        meta.push(
          { key: '_wc_other/kasa/inpost-point', value: field },
          { key: '_parcel_machine_id', value: field },
        );
      }
    }
    if (plugin && signed) {
      // Data signed by Kasa's server: one order per Kasa checkout, its ids stored with the order.
      const checkoutId = text(kasa.checkout_id);
      const existing = checkoutId === '' ? undefined : byCheckout(checkoutId)[0];
      if (existing) {
        return wpError(409, 'kasa_checkout_exists', 'This Kasa checkout already has an order.', {
          order_id: existing.id,
        });
      }
      if (checkoutId !== '') meta.push({ key: '_kasa_checkout_id', value: checkoutId });
      const extra: [string, unknown][] = [
        ['_kasa_idempotency_key', kasa.idempotency_key],
        ['_parcel_machine_id', kasa.pickup_point_id],
        ['_billing_nip', kasa.nip],
      ];
      for (const [key, value] of extra) if (text(value) !== '') meta.push({ key, value: text(value) });
    }

    session.billing = billing;
    session.shipping = shipping;
    const status = paymentMethod === 'cod' ? 'processing' : paymentMethod === 'bacs' ? 'on-hold' : 'pending';
    // The Store API runs without a login: the order is a guest's, unless the Kasa plugin (for data
    // Kasa signed) gives it to the registered customer the Cart-Token names.
    const customerId = plugin && signed && /^\d+$/.test(session.id) ? Number(session.id) : 0;
    // A locker order's billing address is the locker's only because WooCommerce demands one: the
    // plugin clears it once the order is accepted.
    const billed = plugin && signed && noBillingAddress ? withoutAddressLines(billing) : billing;
    const order = state.createOrder({
      session,
      paymentMethod,
      status,
      billing: billed,
      shipping,
      meta,
      customerId,
      now: now(),
    });
    // The offline gateways empty the cart once the order is placed.
    session.items.clear();
    session.chosenRate = undefined;

    const locker = state.meta(order, '_wc_other/kasa/inpost-point') ?? '';
    return {
      status: 200,
      body: {
        ...state.checkoutTemplate(),
        order_id: order.id,
        status: order.status,
        order_key: order.orderKey,
        order_number: String(order.id),
        customer_note: typeof body.customer_note === 'string' ? body.customer_note : '',
        customer_id: customerId,
        billing_address: billed,
        shipping_address: shipping,
        payment_method: paymentMethod,
        payment_result: {
          payment_status: 'success',
          payment_details: [],
          redirect_url: `${baseUrl}/zamowienie/order-received/${order.id}/?key=${order.orderKey}`,
        },
        additional_fields: plugin ? { 'kasa/inpost-point': locker } : [],
        extensions: plugin
          ? {
              kasa: {
                plugin_version: '0.2.0',
                checkout_id: state.meta(order, '_kasa_checkout_id') ?? '',
                pickup_point_id: state.meta(order, '_parcel_machine_id') ?? '',
              },
            }
          : [],
      },
    };
  }

  function storeApi(req: FakeRequest, route: string, body: Record<string, unknown>): FakeResponse {
    const token = req.headers['cart-token'];
    const known = state.sessionOfToken(typeof token === 'string' ? token : undefined, seconds());
    // An unknown or expired token falls back to a new session, as a request without one does.
    const s = known ?? state.newSession();
    const cart = (status = 200): FakeResponse => ({
      status,
      body: { ...state.cartResponse(s), payment_methods: [...gateways] },
    });
    const withToken = (answer: FakeResponse): FakeResponse => ({
      ...answer,
      headers: { ...answer.headers, 'Cart-Token': state.issueToken(s, seconds()), Nonce: storeNonce },
    });
    // A write needs a valid Cart-Token or a nonce; WooCommerce 8.9 wants the nonce regardless.
    const write = req.method !== 'GET';
    const nonce = req.headers.nonce;
    if (write && (known === undefined || options.legacyNonce)) {
      if (known !== undefined && nonce === storeNonce && options.legacyNonce !== 'refused') {
        // 8.9 with its nonce: go on.
      } else if (known !== undefined && typeof nonce === 'string' && nonce !== '') {
        return withToken(wpError(403, 'woocommerce_rest_invalid_nonce', 'Nonce is invalid.'));
      } else {
        return withToken(missingNonce());
      }
    }

    switch (`${req.method} ${route}`) {
      case 'GET /cart':
        return withToken(cart());
      case 'POST /cart/add-item':
        return withToken(addItem(s, body) ?? cart(201));
      case 'POST /batch': {
        const list = Array.isArray(body.requests) ? (body.requests as Record<string, unknown>[]) : [];
        if (list.length > 25) return wpError(400, 'rest_batch_max_requests', 'Too many requests in batch.');
        const responses = list.map((r) => {
          if (r.path !== '/wc/store/v1/cart/add-item' || r.method !== 'POST') return noRoute();
          return addItem(s, (r.body ?? {}) as Record<string, unknown>) ?? cart(201);
        });
        return withToken({ status: 207, body: { responses } });
      }
      case 'POST /cart/update-customer': {
        s.shipping = { ...s.shipping, ...addressOf(body.shipping_address) };
        s.billing = { ...s.billing, ...addressOf(body.billing_address) };
        return withToken(cart());
      }
      case 'POST /cart/select-shipping-rate': {
        if (typeof body.rate_id !== 'string') {
          return withToken(wpError(400, 'woocommerce_rest_cart_missing_rate_id', 'Invalid Rate ID.'));
        }
        // With an empty cart there is no package to choose for: nothing happens.
        if (s.items.size > 0) {
          if (!state.ratesFor(s).some((r) => r.rateId === body.rate_id)) {
            return withToken(wpError(400, 'woocommerce_rest_cart_invalid_rate_id', 'Invalid Rate ID.'));
          }
          s.chosenRate = body.rate_id;
        }
        return withToken(cart());
      }
      case 'POST /checkout':
        return withToken(checkout(s, body));
      default:
        return noRoute();
    }
  }

  function updateOrder(order: FakeOrder, body: Record<string, unknown>): void {
    if (typeof body.transaction_id === 'string') order.transactionId = body.transaction_id;
    if (typeof body.customer_id === 'number') order.customerId = body.customer_id;
    if (Array.isArray(body.meta_data)) {
      for (const m of body.meta_data as { key?: unknown; value?: unknown }[]) {
        if (typeof m.key === 'string') state.setMeta(order, m.key, m.value);
      }
    }
    if (typeof body.status === 'string') {
      order.status = body.status;
      // WooCommerce dates the payment when an order reaches processing or completed.
      if (body.status === 'processing' || body.status === 'completed') order.datePaid ??= now();
    }
    // set_paid calls WC_Order::payment_complete() only for an order that needs payment (pending or
    // failed, real WooCommerce 10.0.2): a bank-transfer order on hold stays on hold.
    if (body.set_paid === true && ['pending', 'failed'].includes(order.status)) {
      order.status = 'processing';
      order.datePaid ??= now();
    }
  }

  function restApi(req: FakeRequest, route: string, body: Record<string, unknown>): FakeResponse {
    const auth = oauth.verify({
      method: req.method,
      baseUrl: `${baseUrl}${req.url.pathname}`,
      query: req.url.searchParams,
      nowSeconds: seconds(),
    });
    if (!auth.ok) {
      // Over http:// WooCommerce tries nothing but OAuth; without it there is no user.
      const signed = req.url.searchParams.has('oauth_signature');
      return signed
        ? wpError(401, auth.code, auth.message)
        : wpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
    }
    const refused = keyRefusal(options.keyPermissions ?? 'read_write', req.method);
    if (refused) return refused;
    const params = Object.fromEntries(req.url.searchParams);
    const one = /^\/orders\/(\d+)$/.exec(route);
    if (req.method === 'GET' && route === '/system_status') return { status: 200, body: systemStatus() };
    if (req.method === 'GET' && route === '/webhooks') {
      const list = webhooks().filter(
        (w) => !params.status || params.status === 'all' || w.status === params.status,
      );
      return { status: 200, body: list };
    }
    if (req.method === 'GET' && route === '/orders') {
      const perPage = Math.min(100, Math.max(1, Number(params.per_page ?? 10) || 10));
      const page = Math.max(1, Number(params.page ?? 1) || 1);
      let list = [...state.orders].sort((a, b) => b.id - a.id);
      if (plugin && params.kasa_checkout_id) list = byCheckout(params.kasa_checkout_id);
      const slice = list.slice((page - 1) * perPage, page * perPage);
      return {
        status: 200,
        headers: {
          'X-WP-Total': String(list.length),
          'X-WP-TotalPages': String(Math.ceil(list.length / perPage)),
        },
        body: slice.map((o) => state.restOrder(o, baseUrl)),
      };
    }
    if (one) {
      const order = state.orders.find((o) => o.id === Number(one[1]));
      // Reading an unknown order is a 404; writing one is refused as a bad request, writing nothing.
      if (order === undefined) {
        return wpError(
          req.method === 'GET' ? 404 : 400,
          'woocommerce_rest_shop_order_invalid_id',
          'Invalid ID.',
        );
      }
      if (req.method === 'GET') return { status: 200, body: state.restOrder(order, baseUrl) };
      if (req.method === 'PUT' || req.method === 'POST' || req.method === 'PATCH') {
        updateOrder(order, body);
        return { status: 200, body: state.restOrder(order, baseUrl) };
      }
    }
    return noRoute();
  }

  /** `GET /wc/v3/system_status`, the parts a doctor reads: the versions and the active plugins. */
  function systemStatus() {
    const plugins = [
      {
        plugin: 'woocommerce/woocommerce.php',
        name: 'WooCommerce',
        version: options.version ?? '9.8.0',
        url: 'https://woocommerce.com/',
        author_name: 'Automattic',
        network_activated: false,
      },
      ...(plugin
        ? [
            {
              plugin: 'kasa-checkout/kasa-checkout.php',
              name: 'Kasa – szybka kasa (BLIK, Paczkomaty InPost)',
              version: '0.2.0',
              url: 'https://github.com/kasa-checkout/kasa',
              author_name: 'Kasa',
              network_activated: false,
            },
          ]
        : []),
    ];
    return {
      environment: {
        home_url: baseUrl,
        site_url: baseUrl,
        version: options.version ?? '9.8.0',
        wp_version: '6.8.1',
        php_version: '8.2.28',
        default_timezone: 'Europe/Warsaw',
      },
      active_plugins: plugins,
      inactive_plugins: [],
      settings: { currency: 'PLN', currency_symbol: 'zł', api_enabled: true },
    };
  }

  /** `GET /wc/v3/webhooks`: the Kasa plugin's order webhook, when the plugin is there. */
  function webhooks() {
    if (!plugin) return [];
    return [
      {
        ...state.webhookTemplate(),
        id: 142,
        name: 'Kasa: zmiany zamówień',
        status: options.webhookStatus ?? 'active',
        topic: 'order.updated',
        resource: 'order',
        event: 'updated',
        delivery_url: 'https://kasa.example.pl/api/webhooks/woocommerce?shop=pk_demo',
        kasa: {
          plugin_version: '0.2.0',
          failure_count: options.webhookDelivery?.failures ?? 0,
          last_delivery: options.webhookDelivery
            ? {
                at: now().toISOString().slice(0, 19),
                status: options.webhookDelivery.status,
                error: options.webhookDelivery.error ?? '',
              }
            : null,
        },
        _links: {
          self: [{ href: `${baseUrl}/wp-json/wc/v3/webhooks/142` }],
          collection: [{ href: `${baseUrl}/wp-json/wc/v3/webhooks` }],
        },
      },
    ];
  }

  const server = await serveFake({
    ...(options.port === undefined ? {} : { port: options.port }),
    faults,
    errorResponse: (status) =>
      status === 429
        ? wpError(429, 'rate_limit_exceeded', 'Too many requests. Please wait and try again.')
        : {
            status,
            headers: { 'content-type': 'text/html' },
            body: `<html><body><h1>${status}</h1></body></html>`,
          },
    handler(req) {
      const path = req.url.pathname;
      let body: Record<string, unknown> = {};
      if (req.body !== '') {
        try {
          body = JSON.parse(req.body) as Record<string, unknown>;
        } catch {
          return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
        }
      }
      const api = path.startsWith('/wp-json/wc/store/v1/')
        ? 'store'
        : path.startsWith('/wp-json/wc/v3/')
          ? 'rest'
          : 'other';
      const answer =
        api === 'store'
          ? storeApi(req, path.slice('/wp-json/wc/store/v1'.length), body)
          : api === 'rest'
            ? restApi(req, path.slice('/wp-json/wc/v3'.length), body)
            : noRoute();
      const tampered =
        options.tamper && api !== 'other' && answer.body !== undefined
          ? { ...answer, body: options.tamper({ api, method: req.method, path }, answer.body) }
          : answer;
      const token = req.headers['cart-token'];
      requests.push({
        api,
        method: req.method,
        path,
        status: answer.status,
        ...(typeof token === 'string' ? { cartToken: token } : {}),
      });
      return tampered;
    },
  });
  baseUrl = server.url;

  return {
    url: server.url,
    consumerKey,
    consumerSecret,
    webhookSecret,
    faults,
    requests,

    async createCart(lines, { customerId } = {}) {
      const store = `${server.url}/wp-json/wc/store/v1`;
      let token: string;
      let nonce = storeNonce;
      if (customerId === undefined) {
        const first = await fetch(`${store}/cart`);
        await first.arrayBuffer();
        token = first.headers.get('cart-token') ?? '';
        nonce = first.headers.get('nonce') ?? '';
      } else {
        // The customer's logged-in page gets the token of the session keyed by their user id.
        const session = state.sessions.get(String(customerId)) ?? state.newSession(customerId);
        session.items.clear();
        token = state.issueToken(session, seconds());
      }
      // The shop's own page sends the nonce it was given, as WooCommerce's scripts do.
      const added = await fetch(`${store}/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cart-token': token, nonce },
        body: JSON.stringify({
          requests: lines.map((l) => ({
            path: '/wc/store/v1/cart/add-item',
            method: 'POST',
            cache: 'no-store',
            body: { id: l.productId, quantity: l.quantity },
          })),
        }),
      });
      if (added.status !== 207) throw new Error(`fake storefront: batch answered ${added.status}`);
      await added.arrayBuffer();
      return token;
    },

    platformOrders: () =>
      state.orders.map((o) => {
        const get = (key: string) => state.meta(o, key);
        const [pickupPointId, nip] = [get('_parcel_machine_id'), get('_billing_nip')];
        return {
          id: String(o.id),
          checkoutId: get('_kasa_checkout_id') ?? '',
          paid: o.paymentMethod !== 'cod' && o.datePaid !== null,
          total: money(state.totalOf(o)),
          ...(o.transactionId ? { transactionId: o.transactionId } : {}),
          ...(pickupPointId ? { pickupPointId } : {}),
          ...(nip ? { nip } : {}),
        };
      }),

    restOrder(id) {
      const order = state.orders.find((o) => o.id === id);
      return order === undefined ? undefined : state.restOrder(order, baseUrl);
    },

    signWebhook(body, topic = 'order.updated') {
      const [resource = '', event = ''] = topic.split('.');
      return {
        headers: {
          'x-wc-webhook-source': `${server.url}/`,
          'x-wc-webhook-topic': topic,
          'x-wc-webhook-resource': resource,
          'x-wc-webhook-event': event,
          'x-wc-webhook-signature': signWooWebhook(body, webhookSecret),
          'x-wc-webhook-id': '142',
          'x-wc-webhook-delivery-id': randomUUID(),
        },
        body,
      };
    },

    close: () => server.close(),
  };
}
