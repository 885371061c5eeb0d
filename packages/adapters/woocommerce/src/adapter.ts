import {
  type Cart,
  type CartRef,
  type DiagnosticCheck,
  failedCheck,
  KasaError,
  type OrderView,
  type PlacedOrder,
  type PlaceOrderInput,
  type RawRequest,
  RecentMap,
  type ShippingOption,
  type StorefrontAdapter,
  type WebhookEvent,
} from '@kasa/core';
import { backoffMs, callPlatform, type HttpAnswer, PlatformCallError, sleep } from '@kasa/platform-http';
import { CartTokens, customerOf, sessionOf } from './cart-token.ts';
import { parseWooCommerceConfig, type WooCommerceConfig } from './config.ts';
import { diagnoseWooCommerce } from './diagnose.ts';
import {
  bodyOf,
  type CallPolicy,
  type CallRecord,
  isOk,
  restApi,
  storeSender,
  wooCallSettings,
} from './http.ts';
import {
  addressesOf,
  LOCKER_FIELD,
  META,
  metaOf,
  statusOf,
  toCart,
  toOrderView,
  toPlaced,
  toShippingOptions,
} from './map.ts';
import { restMoney, storeMoney } from './money.ts';
import {
  convertField,
  kasaExtensionSchema,
  parseAnswer,
  type RestOrder,
  restOrderListSchema,
  restOrderSchema,
  type StoreCart,
  storeCartSchema,
  storeCheckoutSchema,
  wpErrorOf,
} from './schemas.ts';
import { type KasaCheckoutData, signKasaCheckout, verifyWooWebhook } from './webhook.ts';

export interface WooCommerceAdapterOptions {
  /** Called once per platform call (Store API or REST v3): count them, log them. */
  readonly onCall?: (call: CallRecord) => void;
  readonly now?: () => Date;
}

export interface WooCommerceAdapter extends StorefrontAdapter {
  readonly platform: 'woocommerce';
  verifyWebhook(req: RawRequest): Promise<WebhookEvent>;
  /**
   * `kasa doctor`: the Store API (reachable, Cart-Token checkout without a nonce, WooCommerce 8.9+),
   * the REST key (valid, Read/Write), the Kasa plugin, the payment gateway and the order webhook.
   * Writes nothing; never throws.
   */
  diagnose(): Promise<readonly DiagnosticCheck[]>;
  /** The validated configuration, secrets included: never log it. */
  readonly config: WooCommerceConfig;
}

/** What this process knows about a placement; the platform stays the truth. */
interface Placement {
  readonly checkoutId: string;
  /** A checkout call may have created an order without telling us: look before creating again. */
  uncertain: boolean;
  /** When this process first sent the checkout. */
  attemptedAt?: Date;
  orderId?: number;
  order?: PlacedOrder;
}

type Payment = { readonly kind: 'unpaid' } | { readonly kind: 'paid'; readonly transactionId: string };

const NONCE_HINT =
  'This WooCommerce refused its own Store API nonce beside the Cart-Token (WooCommerce 8.9 wants both; 10.x the token alone). ' +
  'Make sure no cache, proxy or security plugin strips the Nonce and Cart-Token headers, or update WooCommerce.';

/** The shop answered and refused: the request did not run. */
const isRefusal = (a: HttpAnswer) => a.status >= 400 && a.status < 500 && a.status !== 429;

/**
 * The WooCommerce storefront. The shopper's cart and the checkout go through the Store API with the
 * cart's Cart-Token (the cart ref is the token the shop's page got; each answer's fresher token is
 * kept). Admin calls (mark paid, order meta, read-back) go through REST v3 with the shop's key.
 *
 * Placing an order is one `select-shipping-rate` and one `checkout`. The Kasa WordPress plugin
 * stores Kasa's checkout id, the locker id and the NIP with the order in that same checkout; a shop
 * without it gets them written by one REST call after. When a checkout's outcome is unknown (timeout,
 * reset, 5xx) the order is looked up by checkout id before the checkout is tried again; a placement
 * that may repeat an earlier attempt (`resumed` not false) looks it up before anything else.
 *
 * @example
 * const woo = createWooCommerceAdapter({ url: 'https://sklep.pl', consumerKey: 'ck_…', consumerSecret: 'cs_…', webhookSecret: '…' });
 * const cart = await woo.getCart(cartToken);
 */
export function createWooCommerceAdapter(
  configInput: unknown,
  options: WooCommerceAdapterOptions = {},
): WooCommerceAdapter {
  const config = parseWooCommerceConfig(configInput);
  const now = options.now ?? (() => new Date());
  const record = options.onCall ?? (() => {});
  const settings = wooCallSettings(config, record);
  const store = storeSender(config);
  const rest = restApi(config, record);
  const tokens = new CartTokens();
  const placements = new RecentMap<string, Placement>(10_000);
  const payments = new RecentMap<string, Payment>(10_000);

  const base = (policy: CallPolicy, answer: HttpAnswer) => {
    const error = wpErrorOf(answer.body);
    return {
      platform: 'woocommerce',
      operation: policy.operation,
      status: answer.status,
      ...(error ? { platformCode: error.code, platformMessage: error.message } : {}),
    };
  };

  /** What a Store API answer that is not a 2xx means for Kasa. */
  function storeFailure(policy: CallPolicy, answer: HttpAnswer): KasaError {
    const details = base(policy, answer);
    const code = wpErrorOf(answer.body)?.code ?? '';
    if (code === 'woocommerce_rest_missing_nonce' || code === 'woocommerce_rest_invalid_nonce') {
      return new KasaError('platform_version_unsupported', { details: { ...details, hint: NONCE_HINT } });
    }
    if (code === 'rest_no_route' || (answer.status === 404 && code === '')) {
      const hint = `No Store API at ${config.url}/${config.restPrefix}/wc/store/v1: check woocommerce.url and woocommerce.restPrefix, and that WooCommerce is active.`;
      return new KasaError('platform_version_unsupported', { details: { ...details, hint } });
    }
    if (code === 'woocommerce_rest_cart_empty') return new KasaError('cart_empty', { details });
    if (/rate/.test(code)) return new KasaError('shipping_option_unavailable', { details });
    return new KasaError('platform_rejected', { details });
  }

  /** What a REST v3 answer that is not a 2xx means for Kasa. */
  function restFailure(policy: CallPolicy, answer: HttpAnswer, orderId?: string): KasaError {
    const details = base(policy, answer);
    const error = wpErrorOf(answer.body);
    const message = error?.message ?? '';
    if (answer.status === 401 || answer.status === 403) {
      const hint = /consumer key/i.test(message)
        ? 'woocommerce.consumerKey is not a REST API key of this shop (WooCommerce → Settings → Advanced → REST API).'
        : /signature|consumer secret/i.test(message)
          ? 'woocommerce.consumerSecret does not belong to woocommerce.consumerKey.'
          : /timestamp/i.test(message)
            ? 'The Kasa server clock is more than 15 minutes off the shop’s; sync it (NTP).'
            : /permission/i.test(message)
              ? 'The REST API key needs Read/Write permission.'
              : 'Check woocommerce.consumerKey and woocommerce.consumerSecret (a Read/Write key); behind a proxy that ends TLS, WooCommerce may refuse HTTP Basic auth.';
      return new KasaError('platform_auth_failed', { details: { ...details, hint } });
    }
    if (answer.status === 404 && orderId !== undefined && error?.code !== 'rest_no_route') {
      return new KasaError('order_not_found', { details: { ...details, orderId } });
    }
    if (error?.code === 'rest_no_route') {
      const hint = `No REST v3 at ${config.url}/${config.restPrefix}/wc/v3: check woocommerce.url and woocommerce.restPrefix.`;
      return new KasaError('platform_version_unsupported', { details: { ...details, hint } });
    }
    return new KasaError('platform_rejected', { details });
  }

  /**
   * A Store API call for a cart, keeping its Cart-Token fresh from every answer. Returns a 2xx or
   * 4xx answer; throws KasaError('platform_unavailable') when the shop does not answer usably.
   */
  async function storeCall(
    policy: CallPolicy,
    method: 'GET' | 'POST',
    path: string,
    ref: CartRef,
    body?: unknown,
  ): Promise<HttpAnswer> {
    if (sessionOf(ref) === undefined)
      throw new KasaError('cart_not_found', { details: { platform: 'woocommerce' } });
    const send = (call: CallPolicy, verb: 'GET' | 'POST', to: string, payload?: unknown) =>
      callPlatform(settings, { ...call, api: 'store', method: verb, path: to }, async (signal) => {
        const nonce = tokens.nonce();
        const reply = await store(verb, to, {
          token: tokens.current(ref),
          ...(nonce === undefined ? {} : { nonce }),
          ...(payload === undefined ? {} : { body: payload }),
        })(signal);
        // An unknown or expired token starts a new, empty session: the shopper's cart is gone.
        if (!tokens.refresh(ref, reply.header('cart-token'), reply.header('nonce'))) {
          throw new KasaError('cart_not_found', {
            details: { platform: 'woocommerce', operation: call.operation },
          });
        }
        return reply;
      });
    const answer = await send(policy, method, path, body);
    // WooCommerce 8.9 wants a nonce on writes: this process has none yet (or an expired one), so
    // it reads the cart for the shop's current nonce and sends the write once more. Nothing ran.
    const code = wpErrorOf(answer.body)?.code;
    if (method === 'POST' && /^woocommerce_rest_(missing|invalid)_nonce$/.test(code ?? '')) {
      const read = await send({ operation: `${policy.operation} (nonce)`, idempotent: true }, 'GET', '/cart');
      if (isOk(read) && tokens.nonce() !== undefined) return send(policy, method, path, body);
    }
    return answer;
  }

  async function storeCart(
    policy: CallPolicy,
    method: 'GET' | 'POST',
    path: string,
    ref: CartRef,
    body?: unknown,
  ) {
    const answer = await storeCall(policy, method, path, ref, body);
    if (!isOk(answer)) throw storeFailure(policy, answer);
    return parseAnswer(storeCartSchema, bodyOf(answer), policy.operation);
  }

  async function fetchOrder(orderId: string, operation: string): Promise<RestOrder> {
    if (!/^\d{1,20}$/.test(orderId)) {
      throw new KasaError('order_not_found', { details: { platform: 'woocommerce', orderId } });
    }
    const policy = { operation: `${operation}: GET /orders/{id}`, idempotent: true };
    const answer = await rest(policy, 'GET', `orders/${orderId}`);
    if (!isOk(answer)) throw restFailure(policy, answer, orderId);
    return parseAnswer(restOrderSchema, bodyOf(answer), policy.operation);
  }

  /**
   * The order stored for a Kasa checkout. The Kasa plugin narrows the list by `kasa_checkout_id`;
   * without it WooCommerce ignores the parameter and answers the latest orders, so the meta is
   * checked here either way.
   */
  async function lookup(
    checkoutId: string,
    operation: string,
    unmarked?: { input: PlaceOrderInput; since: Date },
  ): Promise<RestOrder | undefined> {
    const policy = { operation: `${operation}: GET /orders?kasa_checkout_id`, idempotent: true };
    const params = { kasa_checkout_id: checkoutId, per_page: 20, orderby: 'date', order: 'desc' };
    const answer = await rest(policy, 'GET', 'orders', { params });
    if (!isOk(answer)) throw restFailure(policy, answer);
    const orders = parseAnswer(restOrderListSchema, bodyOf(answer), policy.operation)
      .filter((o) => o.status !== 'checkout-draft')
      .sort((a, b) => a.id - b.id);
    const marked = orders.find((o) => metaOf(o, META.checkoutId) === checkoutId);
    if (marked !== undefined || unmarked === undefined) return marked;
    // Without the Kasa plugin a checkout whose answer was lost leaves an order without Kasa's meta.
    // This process sent that checkout, so the order is the one for this shopper and total since then.
    const { input, since } = unmarked;
    const from = since.getTime() - 15 * 60_000;
    return orders.find((o) => {
      if (metaOf(o, META.checkoutId) !== undefined) return false;
      if ((o.billing.email ?? '').toLowerCase() !== input.contact.email.toLowerCase()) return false;
      const total = convertField(policy.operation, 'total', () => restMoney(o.total, o.currency));
      const created = Date.parse(toPlaced(o, policy.operation, now).createdAt);
      return (
        total.amount === input.total.amount && total.currency === input.total.currency && created >= from
      );
    });
  }

  /**
   * Writes Kasa's order meta through REST v3: for shops without the Kasa plugin, or to complete an
   * adopted order. A registered customer's cart (its Cart-Token names their user id) gets the order
   * in their account, which the Store API, called without their login, leaves a guest's.
   */
  async function writeMeta(orderId: number, input: PlaceOrderInput): Promise<RestOrder> {
    const policy = { operation: 'placeOrder: PUT /orders/{id} meta_data', idempotent: true };
    const meta_data = [
      { key: META.checkoutId, value: input.checkoutId },
      { key: META.idempotencyKey, value: input.idempotencyKey },
      ...(input.pickupPoint ? [{ key: META.locker, value: input.pickupPoint.id }] : []),
      ...(input.company ? [{ key: META.nip, value: input.company.nip }] : []),
    ];
    const customer = customerOf(input.cart.ref);
    const body = { meta_data, ...(customer === undefined ? {} : { customer_id: customer }) };
    const answer = await rest(policy, 'PUT', `orders/${orderId}`, { body });
    if (!isOk(answer)) throw restFailure(policy, answer, String(orderId));
    const order = parseAnswer(restOrderSchema, bodyOf(answer), policy.operation);
    if (metaOf(order, META.checkoutId) !== input.checkoutId) {
      throw new KasaError('platform_rejected', {
        details: {
          platform: 'woocommerce',
          operation: policy.operation,
          orderId: String(orderId),
          hint: 'The shop did not keep Kasa’s order meta (_kasa_checkout_id); install the Kasa WordPress plugin, which stores it with the checkout.',
        },
      });
    }
    return order;
  }

  const metaComplete = (order: RestOrder, input: PlaceOrderInput) =>
    metaOf(order, META.checkoutId) === input.checkoutId &&
    (input.pickupPoint === undefined || metaOf(order, META.locker) === input.pickupPoint.id) &&
    (input.company === undefined || metaOf(order, META.nip) === input.company.nip);

  /** Takes over an order an earlier attempt created, completing its meta if that attempt could not. */
  async function adopt(state: Placement, found: RestOrder, input: PlaceOrderInput): Promise<PlacedOrder> {
    state.orderId = found.id;
    state.uncertain = false;
    const order = metaComplete(found, input) ? found : await writeMeta(found.id, input);
    const placed = toPlaced(order, 'placeOrder', now);
    state.order = placed;
    if (statusOf(order, config) === 'awaiting_payment') payments.set(placed.id, { kind: 'unpaid' });
    return placed;
  }

  function checkoutBody(input: PlaceOrderInput) {
    const { billing, shipping, billingFromLocker } = addressesOf(input);
    const data: KasaCheckoutData = {
      checkout_id: input.checkoutId,
      idempotency_key: input.idempotencyKey,
      ...(input.pickupPoint ? { pickup_point_id: input.pickupPoint.id } : {}),
      ...(input.company ? { nip: input.company.nip } : {}),
      ...(billingFromLocker ? { no_billing_address: '1' } : {}),
    };
    const kasa = { ...data, signature: signKasaCheckout(data, config.webhookSecret) };
    return {
      billing_address: billing,
      shipping_address: shipping,
      customer_note: '',
      create_account: false,
      payment_method: input.paymentMethod.kind === 'cod' ? config.gateways.cod : config.gateways.prepaid,
      payment_data: [],
      additional_fields: input.pickupPoint ? { [LOCKER_FIELD]: input.pickupPoint.id } : {},
      extensions: { kasa },
    };
  }

  /** Refuses when WooCommerce would charge another total than the shopper agreed to. */
  function checkTotal(cart: StoreCart, input: PlaceOrderInput, operation: string): void {
    const { currency_code, currency_minor_unit, total_price } = cart.totals;
    const total = convertField(operation, 'totals.total_price', () =>
      storeMoney(total_price, currency_code, currency_minor_unit),
    );
    if (total.currency === input.total.currency && total.amount === input.total.amount) return;
    throw new KasaError('platform_rejected', {
      details: {
        platform: 'woocommerce',
        operation,
        reason: 'total_changed',
        expected: input.total,
        actual: total,
        hint: 'The shop’s total differs from the one the shopper agreed to (a price, coupon, fee or tax changed, or a payment fee WooCommerce does not charge); reload the checkout.',
      },
    });
  }

  async function place(input: PlaceOrderInput, state: Placement): Promise<PlacedOrder> {
    const ref = input.cart.ref;
    if (state.orderId !== undefined) {
      return adopt(state, await fetchOrder(String(state.orderId), 'placeOrder'), input);
    }
    // An order without Kasa's meta (no Kasa plugin, the answer lost) is matched by the shopper and
    // the total since the checkout was sent: by this process, or by an earlier one when the server
    // says this is a resumed attempt.
    const unmarked = () => {
      const since = state.attemptedAt ?? (input.resumed === true ? now() : undefined);
      return since ? { input, since } : undefined;
    };
    // Look first when an earlier attempt may have created the order: this process sent a checkout
    // whose outcome it does not know, or the server cannot rule out an earlier attempt (`resumed`
    // is not false). A fresh placement skips it: one call less per order.
    if (state.uncertain || input.resumed !== false) {
      const found = await lookup(input.checkoutId, 'placeOrder', state.uncertain ? unmarked() : undefined);
      if (found) return adopt(state, found, input);
    }

    // The selected rate's answer is the cart exactly as WooCommerce will turn it into the order.
    const selectPolicy = { operation: 'placeOrder: POST /cart/select-shipping-rate', idempotent: true };
    const selected = await storeCall(selectPolicy, 'POST', '/cart/select-shipping-rate', ref, {
      rate_id: input.shipping.id,
    });
    if (!isOk(selected) && !isRefusal(selected)) throw storeFailure(selectPolicy, selected);
    const cart = isOk(selected)
      ? parseAnswer(storeCartSchema, bodyOf(selected), selectPolicy.operation)
      : undefined;
    if (cart === undefined || cart.items.length === 0) {
      // An emptied cart is what a checkout that already succeeded leaves behind.
      const found = await lookup(input.checkoutId, 'placeOrder', unmarked());
      if (found) return adopt(state, found, input);
      throw cart === undefined ? storeFailure(selectPolicy, selected) : new KasaError('cart_empty');
    }
    checkTotal(cart, input, selectPolicy.operation);

    const policy = { operation: 'placeOrder: POST /checkout', idempotent: false };
    for (let attempt = 1; ; attempt++) {
      state.uncertain = true;
      state.attemptedAt ??= now();
      // A PlatformCallError is an unknown outcome (timeout, reset, 5xx) or a shop that kept
      // rate-limiting: either way it is looked up before the checkout is sent again.
      const answer = await storeCall(policy, 'POST', '/checkout', ref, checkoutBody(input)).catch(
        (error: unknown) => {
          if (error instanceof PlatformCallError) return error;
          throw error;
        },
      );
      if (!(answer instanceof PlatformCallError)) {
        if (isOk(answer)) return completed(state, bodyOf(answer), input);
        const code = wpErrorOf(bodyOf(answer))?.code;
        if (code !== 'woocommerce_rest_cart_empty' && code !== 'kasa_checkout_exists') {
          throw storeFailure(policy, answer);
        }
      } else {
        await sleep(backoffMs(config.retry, attempt));
      }
      // Unknown outcome, or WooCommerce says the order exists: look before trying again.
      const found = await lookup(input.checkoutId, 'placeOrder', unmarked());
      if (found) return adopt(state, found, input);
      if (!(answer instanceof PlatformCallError)) throw storeFailure(policy, answer);
      if (attempt >= config.retry.attempts) throw answer;
    }
  }

  async function completed(state: Placement, body: unknown, input: PlaceOrderInput): Promise<PlacedOrder> {
    const operation = 'placeOrder: POST /checkout';
    const checkout = parseAnswer(storeCheckoutSchema, body, operation);
    state.orderId = checkout.order_id;
    state.uncertain = false;
    const kasa = kasaExtensionSchema.safeParse(checkout.extensions?.kasa).data;
    const stored =
      kasa?.checkout_id === input.checkoutId &&
      (input.pickupPoint === undefined || kasa.pickup_point_id === input.pickupPoint.id);
    if (!stored) await writeMeta(checkout.order_id, input);
    const placed: PlacedOrder = {
      id: String(checkout.order_id),
      number: checkout.order_number ?? String(checkout.order_id),
      total: input.total,
      createdAt: now().toISOString(),
    };
    state.order = placed;
    if (input.paymentMethod.kind !== 'cod') payments.set(placed.id, { kind: 'unpaid' });
    return placed;
  }

  return {
    platform: 'woocommerce',
    config,

    async getCart(ref: CartRef): Promise<Cart> {
      const policy = { operation: 'getCart: GET /cart', idempotent: true };
      return toCart(ref, await storeCart(policy, 'GET', '/cart', ref), policy.operation);
    },

    async quoteShipping({ cart, destination }): Promise<ShippingOption[]> {
      const policy = { operation: 'quoteShipping: POST /cart/update-customer', idempotent: true };
      const shipping_address = {
        country: 'PL',
        ...(destination?.postcode ? { postcode: destination.postcode } : {}),
      };
      const answer = await storeCart(policy, 'POST', '/cart/update-customer', cart.ref, { shipping_address });
      return toShippingOptions(answer, config, policy.operation);
    },

    async placeOrder(input: PlaceOrderInput): Promise<PlacedOrder> {
      if (input.cart.lines.length === 0) throw new KasaError('cart_empty');
      if (input.shipping.kind === 'locker' && input.pickupPoint === undefined) {
        throw new KasaError('pickup_point_required', { field: 'delivery.pickupPointId' });
      }
      const existing = placements.get(input.idempotencyKey);
      if (existing && existing.checkoutId !== input.checkoutId) {
        throw new KasaError('idempotency_conflict', {
          details: { ...(existing.order ? { orderId: existing.order.id } : {}) },
        });
      }
      if (existing?.order) return existing.order;
      const state: Placement = existing ?? { checkoutId: input.checkoutId, uncertain: false };
      placements.set(input.idempotencyKey, state);
      return place(input, state);
    },

    async markPaid({ orderId, payment }) {
      const known = payments.get(orderId);
      if (known?.kind === 'paid' && known.transactionId === payment.transactionId) return;
      if (known?.kind !== 'unpaid') {
        // Not placed by this process, or its last payment call's outcome is unknown: ask the shop.
        const order = await fetchOrder(orderId, 'markPaid');
        if (statusOf(order, config) === 'paid') {
          if (order.transaction_id === payment.transactionId) {
            payments.set(orderId, { kind: 'paid', transactionId: payment.transactionId });
            return;
          }
          throw new KasaError('order_already_paid', {
            details: {
              orderId,
              paidWith: { transactionId: order.transaction_id },
              attempted: { provider: payment.provider, transactionId: payment.transactionId },
              hint: 'A second payment arrived for a paid order; refund one of the transactions.',
            },
          });
        }
      }
      payments.delete(orderId);
      const policy = { operation: 'markPaid: PUT /orders/{id} set_paid', idempotent: true };
      const body = {
        set_paid: true,
        transaction_id: payment.transactionId,
        meta_data: [{ key: META.paymentProvider, value: payment.provider }],
      };
      const answer = await rest(policy, 'PUT', `orders/${orderId}`, { body });
      if (!isOk(answer)) throw restFailure(policy, answer, orderId);
      let order = parseAnswer(restOrderSchema, bodyOf(answer), policy.operation);
      if (order.status === 'on-hold' && order.transaction_id === payment.transactionId) {
        // WooCommerce completes a payment only for an order that needs one (pending or failed); an
        // offline gateway such as bank transfer leaves its orders on hold, so set_paid kept the
        // transaction and nothing else. Processing is the paid status, and WooCommerce dates the
        // payment when the order reaches it.
        const processing = { operation: 'markPaid: PUT /orders/{id} status', idempotent: true };
        const moved = await rest(processing, 'PUT', `orders/${orderId}`, { body: { status: 'processing' } });
        if (!isOk(moved)) throw restFailure(processing, moved, orderId);
        order = parseAnswer(restOrderSchema, bodyOf(moved), processing.operation);
      }
      if (order.transaction_id !== payment.transactionId || statusOf(order, config) !== 'paid') {
        throw new KasaError('platform_rejected', {
          details: {
            platform: 'woocommerce',
            operation: policy.operation,
            orderId,
            status: order.status,
            hint: 'WooCommerce did not mark the order paid (a plugin may hold paid orders in another status).',
          },
        });
      }
      payments.set(orderId, { kind: 'paid', transactionId: payment.transactionId });
    },

    async findOrderByCheckout(checkoutId: string): Promise<PlacedOrder | undefined> {
      const found = await lookup(checkoutId, 'findOrderByCheckout');
      return found === undefined ? undefined : toPlaced(found, 'findOrderByCheckout', now);
    },

    async getOrder(orderId: string): Promise<OrderView> {
      const order = await fetchOrder(orderId, 'getOrder');
      const checkoutId = metaOf(order, META.checkoutId);
      if (checkoutId === undefined) {
        throw new KasaError('order_not_found', {
          details: { platform: 'woocommerce', orderId, reason: 'The order was not placed through Kasa.' },
        });
      }
      return toOrderView(order, checkoutId, config, 'getOrder');
    },

    async verifyWebhook(req: RawRequest): Promise<WebhookEvent> {
      return verifyWooWebhook(req, config.webhookSecret);
    },

    async diagnose(): Promise<readonly DiagnosticCheck[]> {
      try {
        return await diagnoseWooCommerce(config, record);
      } catch (error) {
        return [failedCheck('doctor', error)];
      }
    },
  };
}
