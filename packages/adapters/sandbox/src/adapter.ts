import {
  type Cart,
  type CartRef,
  type DiagnosticCheck,
  KasaError,
  type Money,
  type OrderView,
  type PlacedOrder,
  type PlaceOrderInput,
  type RawRequest,
  type ShippingOption,
  type StorefrontAdapter,
  type WebhookEvent,
} from '@kasa/core';
import type { DatabaseSyncInstance } from '@photostructure/sqlite';
import { toCart, validateCartLines } from './cart.ts';
import { catalogue, type Product } from './catalogue.ts';
import { quoteSandboxShipping } from './shipping.ts';
import { type SandboxOrder, SandboxStore } from './store.ts';
import { DEFAULT_SANDBOX_WEBHOOK_SECRET, verifySandboxWebhook } from './webhook.ts';

export interface SandboxAdapterOptions {
  /** An open database to share (e.g. the server's); its tables get a `sandbox_` prefix. */
  readonly db?: DatabaseSyncInstance;
  /** A database file to open when `db` is not given. Default `':memory:'`. */
  readonly filename?: string;
  /** Gross subtotal from which InPost shipping is free. Default 200,00 zł; `null` disables it. */
  readonly freeShippingThreshold?: Money | null;
  /** Clock for timestamps. */
  readonly now?: () => Date;
  /** Secret for webhook signatures. Default {@link DEFAULT_SANDBOX_WEBHOOK_SECRET}. */
  readonly webhookSecret?: string;
  /**
   * Fault injection for crash-safety tests: runs after the order is committed and before
   * `placeOrder` answers (on a replay too). A throw here looks to the caller like a crash after
   * the platform created the order.
   */
  readonly onAfterPlaceOrder?: (order: PlacedOrder) => void;
}

/** The sandbox storefront plus helpers the demo shop and the tests need. */
export interface SandboxAdapter extends StorefrontAdapter {
  readonly platform: 'sandbox';
  cancelOrder(input: { orderId: string; reason: string }): Promise<void>;
  verifyWebhook(req: RawRequest): Promise<WebhookEvent>;
  /** `kasa doctor`: the sandbox runs in the server, so there is nothing to misconfigure. */
  diagnose(): Promise<readonly DiagnosticCheck[]>;
  /** Creates a cart from `{ productId, quantity }` lines; returns its unguessable ref. */
  createCart(lines: readonly { productId: string; quantity: number }[]): Promise<CartRef>;
  listProducts(): readonly Product[];
  /** The sandbox's full record of an order (contact, delivery, consents…), or `undefined`. */
  findSandboxOrder(id: string): SandboxOrder | undefined;
  listOrders(): SandboxOrder[];
  countOrders(): number;
  /** Closes the database if the adapter opened it. */
  close(): void;
}

const toPlaced = (order: SandboxOrder): PlacedOrder => ({
  id: order.id,
  number: order.number,
  total: order.input.total,
  createdAt: order.createdAt,
});

const toView = (order: SandboxOrder): OrderView => ({
  id: order.id,
  number: order.number,
  checkoutId: order.checkoutId,
  total: order.input.total,
  status: order.status,
  ...(order.input.pickupPoint === undefined ? {} : { pickupPointId: order.input.pickupPoint.id }),
  ...(order.input.company === undefined
    ? {}
    : { company: { nip: order.input.company.nip, name: order.input.company.name } }),
  ...(order.payment === undefined ? {} : { transactionId: order.payment.transactionId }),
});

/**
 * Creates the sandbox storefront: a demo catalogue in PLN, carts and guest orders in SQLite, no
 * credentials. The default store for `pnpm start` and the tests.
 *
 * @example
 * const shop = createSandboxAdapter({ filename: ':memory:' });
 * const ref = await shop.createCart([{ productId: 'kubek-350', quantity: 2 }]);
 * (await shop.getCart(ref)).subtotal; // money(7800)
 */
export function createSandboxAdapter(options: SandboxAdapterOptions = {}): SandboxAdapter {
  const store = new SandboxStore(options.db ?? options.filename ?? ':memory:');
  const now = options.now ?? (() => new Date());
  const iso = () => now().toISOString();
  const secret = options.webhookSecret ?? DEFAULT_SANDBOX_WEBHOOK_SECRET;

  function orderOrThrow(orderId: string): SandboxOrder {
    const order = store.findOrder(orderId);
    if (order === undefined) throw new KasaError('order_not_found', { details: { orderId } });
    return order;
  }

  return {
    platform: 'sandbox',
    chargesPaymentFees: true,

    async createCart(lines) {
      return store.insertCart(validateCartLines(lines), iso());
    },

    async getCart(ref: CartRef): Promise<Cart> {
      const lines = store.findCart(ref);
      if (lines === undefined) throw new KasaError('cart_not_found');
      return toCart(ref, lines);
    },

    async quoteShipping({ cart }): Promise<ShippingOption[]> {
      return quoteSandboxShipping({
        subtotal: cart.subtotal,
        ...(options.freeShippingThreshold === undefined
          ? {}
          : { freeShippingThreshold: options.freeShippingThreshold }),
      });
    },

    async placeOrder(input: PlaceOrderInput): Promise<PlacedOrder> {
      if (input.cart.lines.length === 0) throw new KasaError('cart_empty');
      const status = input.paymentMethod.kind === 'cod' ? 'cash_on_delivery' : 'awaiting_payment';
      const placed = toPlaced(store.placeOnce(input, status, iso()));
      options.onAfterPlaceOrder?.(placed);
      return placed;
    },

    async markPaid({ orderId, payment }) {
      store.transaction(() => {
        const order = orderOrThrow(orderId);
        if (order.status === 'paid') {
          const same =
            order.payment?.provider === payment.provider &&
            order.payment.transactionId === payment.transactionId;
          if (same) return;
          throw new KasaError('order_already_paid', {
            details: {
              orderId,
              paidWith: order.payment,
              attempted: { provider: payment.provider, transactionId: payment.transactionId },
              hint: 'A second payment arrived for a paid order; refund one of the transactions.',
            },
          });
        }
        if (order.status === 'cancelled') {
          throw new KasaError('illegal_transition', {
            details: { orderId, status: order.status, hint: 'A payment arrived for a cancelled order.' },
          });
        }
        store.setPaid(orderId, payment, iso());
      });
    },

    async findOrderByCheckout(checkoutId: string): Promise<PlacedOrder | undefined> {
      const order = store.findOrderByCheckout(checkoutId);
      return order === undefined ? undefined : toPlaced(order);
    },

    async getOrder(orderId: string): Promise<OrderView> {
      return toView(orderOrThrow(orderId));
    },

    async cancelOrder({ orderId, reason }) {
      store.transaction(() => {
        const order = orderOrThrow(orderId);
        if (order.status === 'cancelled') return;
        if (order.status === 'paid') {
          throw new KasaError('illegal_transition', {
            details: { orderId, status: order.status, hint: 'A paid order needs a refund, not a cancel.' },
          });
        }
        store.setCancelled(orderId, reason, iso());
      });
    },

    async verifyWebhook(req: RawRequest): Promise<WebhookEvent> {
      return verifySandboxWebhook(req, secret);
    },

    async diagnose(): Promise<readonly DiagnosticCheck[]> {
      return [
        {
          name: 'reachable',
          ok: true,
          detail: `The sandbox store runs inside the Kasa server: no shop to reach, no credentials, ${catalogue.length} demo products in PLN.`,
        },
      ];
    },

    listProducts: () => catalogue,
    findSandboxOrder: (id) => store.findOrder(id),
    listOrders: () => store.listOrders(),
    countOrders: () => store.countOrders(),
    close: () => store.close(),
  };
}
