import type { CheckoutEvent } from './events.ts';
import type { Money } from './money.ts';
import type {
  Address,
  Cart,
  Company,
  Consents,
  Contact,
  LatLng,
  PaymentMethod,
  PaymentStatusValue,
  PickupPoint,
  ShippingOption,
} from './schemas.ts';

/**
 * Ports: what the checkout needs from the outside world. One input object, one output object per
 * method; optional capabilities are optional members. Adding a platform is implementing these.
 */

/** A request as it arrived, body untouched, so signatures are checked over the exact bytes. */
export interface RawRequest {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export type CartRef = string;
export type Platform = 'sandbox' | 'woocommerce' | 'prestashop' | 'shoper' | 'shopify';

export interface PlaceOrderInput {
  /** Kasa's idempotency key: the same key always yields the same platform order. */
  readonly idempotencyKey: string;
  readonly checkoutId: string;
  readonly cart: Cart;
  readonly contact: Contact;
  readonly shipping: ShippingOption;
  readonly pickupPoint?: PickupPoint;
  readonly address?: Address;
  readonly company?: Company;
  readonly consents: Consents;
  readonly paymentMethod: PaymentMethod;
  /** The total the shopper agreed to, as computed by the server. */
  readonly total: Money;
}

export interface PlacedOrder {
  readonly id: string;
  readonly number: string;
  readonly total: Money;
  readonly createdAt: string;
}

/** The order as the platform keeps it, for reconciliation and read-back. */
export type OrderViewStatus =
  | 'awaiting_payment'
  | 'paid'
  | 'cash_on_delivery'
  | 'cancelled'
  | 'payment_error';

export interface OrderView {
  readonly id: string;
  readonly number: string;
  /** Kasa's checkout id, as stored with the order on the platform. */
  readonly checkoutId: string;
  readonly total: Money;
  readonly status: OrderViewStatus;
  /** The carrier's point id (e.g. `KRA010`) where the platform's shipping plugin reads it. */
  readonly pickupPointId?: string;
  readonly company?: { readonly nip: string; readonly name: string };
  /** The payment provider's transaction id, once the order is paid. */
  readonly transactionId?: string;
}

export interface WebhookEvent {
  readonly topic: string;
  readonly orderId?: string;
  readonly payload: unknown;
}

export interface StorefrontAdapter {
  readonly platform: Platform;
  /** Authoritative lines and prices. Throws KasaError('cart_not_found') for an unknown ref. */
  getCart(ref: CartRef): Promise<Cart>;
  quoteShipping(input: { cart: Cart; destination?: { postcode?: string } }): Promise<ShippingOption[]>;
  /** Guest order; idempotent on `input.idempotencyKey`. */
  placeOrder(input: PlaceOrderInput): Promise<PlacedOrder>;
  /**
   * Marks the order paid; idempotent on the transaction id. Throws KasaError('order_already_paid')
   * when it was paid with another transaction.
   */
  markPaid(input: { orderId: string; payment: { provider: string; transactionId: string } }): Promise<void>;
  /**
   * The order placed for a Kasa checkout, looked up on the platform (not in a local cache), or
   * `undefined`. What a retry consults before it creates an order again.
   */
  findOrderByCheckout(checkoutId: string): Promise<PlacedOrder | undefined>;
  /** Reads an order back from the platform. Throws KasaError('order_not_found') for an unknown id. */
  getOrder(orderId: string): Promise<OrderView>;
  cancelOrder?(input: { orderId: string; reason: string }): Promise<void>;
  verifyWebhook?(req: RawRequest): Promise<WebhookEvent>;
}

export interface StartPayment {
  /** One attempt id per try; a new BLIK code for the same order is a new attempt. */
  readonly attemptId: string;
  readonly orderId: string;
  readonly method: PaymentMethod;
  readonly amount: Money;
  readonly description: string;
  /** Only for BLIK. Never stored or logged. */
  readonly blikCode?: string;
  readonly customerIp: string;
  readonly returnUrl: string;
  readonly notifyUrl: string;
}

export interface PaymentAttempt {
  readonly attemptId: string;
  /** The provider's transaction id. */
  readonly providerRef: string;
  readonly status: PaymentStatusValue;
  readonly redirectUrl?: string;
  /** For BLIK: when the bank-app confirmation window closes (epoch ms). */
  readonly confirmBy?: number;
  /** A refusal reason (e.g. `blik_code_expired`) when status is not pending. */
  readonly reason?: string;
}

export interface PaymentStatus {
  readonly providerRef: string;
  readonly status: PaymentStatusValue;
  readonly reason?: string;
  readonly confirmBy?: number;
}

export interface PaymentNotification {
  readonly providerRef: string;
  readonly status: PaymentStatusValue;
}

export interface PaymentProvider {
  readonly id: string;
  methods(input: { amount: Money; country: string }): PaymentMethod[];
  /** A declined BLIK code is a result (status `rejected`/`expired`), not a throw. */
  start(input: StartPayment): Promise<PaymentAttempt>;
  /** Server-side truth. */
  status(providerRef: string): Promise<PaymentStatus>;
  cancel(providerRef: string): Promise<PaymentStatus>;
  /** Throws KasaError('notification_invalid') when the signature does not match the raw body. */
  verifyNotification(req: RawRequest): Promise<PaymentNotification>;
}

export interface PickupPointQuery {
  readonly postcode?: string;
  readonly near?: LatLng;
  readonly query?: string;
  readonly limit: number;
}

export interface PickupPointProvider {
  readonly carrier: string;
  search(q: PickupPointQuery): Promise<PickupPoint[]>;
  get(id: string): Promise<PickupPoint | undefined>;
}

export interface EventStore {
  append(events: readonly CheckoutEvent[]): Promise<{ stored: number; duplicates: number }>;
}

export type PlacementState = 'pending' | 'placed';

export interface PlacementRecord {
  readonly idempotencyKey: string;
  readonly checkoutId: string;
  readonly state: PlacementState;
  readonly order?: PlacedOrder;
}

/**
 * Write-ahead journal of order placements. The server records intent before it calls the platform
 * and the result after, so a retry after a crash between the two finds the intent and asks the
 * (idempotent) adapter again instead of creating a second order.
 */
export interface OrderJournal {
  /** Records intent, or returns the existing record for this key. Throws `idempotency_conflict` when the key belongs to another checkout. */
  begin(input: { idempotencyKey: string; checkoutId: string }): Promise<PlacementRecord>;
  complete(input: { idempotencyKey: string; order: PlacedOrder }): Promise<PlacementRecord>;
  findByCheckout(checkoutId: string): Promise<PlacementRecord | undefined>;
}
