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
  /**
   * Whether an earlier attempt with this idempotency key may have reached the platform. `false` only
   * when Kasa knows no earlier attempt with this key reached the platform (a fresh journal record:
   * {@link PlacementRecord.fresh}); absent or `true` means look up before creating. An adapter skips
   * its look-ups before creating only on `false`, and still looks when it knows of an earlier
   * attempt itself.
   */
  readonly resumed?: boolean;
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

/**
 * One check of a configured shop (`kasa doctor`), in plain English for the merchant.
 *
 * @example { name: 'credentials', ok: false, detail: 'WooCommerce refused the consumer key: …', fix: 'Copy …' }
 */
export interface DiagnosticCheck {
  /** What was checked: `reachable`, `credentials`, `permissions`, `store-api-version`, `module-installed`, `webhook-secret`, … */
  readonly name: string;
  readonly ok: boolean;
  /** What was found. Never a secret. */
  readonly detail: string;
  /** What to do about it; given when `ok` is false. */
  readonly fix?: string;
}

/**
 * A check that could not run to its end, for a diagnose() that must never throw.
 *
 * @example failedCheck('doctor', new Error('socket hang up')).detail; // 'The check failed unexpectedly: socket hang up.'
 */
export const failedCheck = (name: string, error: unknown): DiagnosticCheck => ({
  name,
  ok: false,
  detail: `The check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}.`,
  fix: 'Run kasa doctor again; if it keeps failing, report it with this message.',
});

/**
 * Runs one check of a diagnose(); a throw becomes a failed check instead of ending the others.
 *
 * @example await runCheck('credentials', async () => ({ name: 'credentials', ok: true, detail: 'Accepted.' }));
 */
export async function runCheck(
  name: string,
  check: () => DiagnosticCheck | Promise<DiagnosticCheck>,
): Promise<DiagnosticCheck> {
  try {
    return await check();
  } catch (error) {
    return failedCheck(name, error);
  }
}

/**
 * A header of a raw request, whatever the case of its name.
 *
 * @example headerOf({ headers: { 'X-WC-Webhook-Signature': 'abc' }, body: '' }, 'x-wc-webhook-signature'); // 'abc'
 */
export function headerOf(req: RawRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export interface WebhookEvent {
  readonly topic: string;
  readonly orderId?: string;
  readonly payload: unknown;
}

export interface StorefrontAdapter {
  readonly platform: Platform;
  /**
   * Whether the store charges the payment fee Kasa computes (it takes the total Kasa sends). A
   * platform that charges what its own settings say (WooCommerce, PrestaShop) leaves it out, and
   * the checkout offers methods without a fee there.
   */
  readonly chargesPaymentFees?: boolean;
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
  /**
   * Checks the configured shop end to end (reachability, credentials, permissions, versions, the
   * Kasa plugin or module) without changing anything on it. Never throws: an unreachable shop, a
   * timeout or an unexpected answer is a failed check with the reason and the fix.
   */
  diagnose?(): Promise<readonly DiagnosticCheck[]>;
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
  /**
   * The payer's e-mail (the checkout's contact), for a provider that asks for one (Przelewy24
   * requires it, PayU takes it as the buyer's). Sent only to the provider: never logged, never
   * stored with the attempt.
   */
  readonly payerEmail?: string;
  /**
   * True when the method's `processorNotice.requiresConsent` consent was ticked by the shopper (the
   * server starts no such method without it). A provider that asks for the consent says so only
   * then (Przelewy24's `regulationAccept: true`).
   */
  readonly processorConsent?: boolean;
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
  /** The shop's attempt id, when the provider echoes it (PayU's `extOrderId`). */
  readonly attemptId?: string;
  readonly status: PaymentStatusValue;
}

export interface PaymentProvider {
  readonly id: string;
  /**
   * The methods offered for this amount. The same input always gives the same methods: Kasa keeps
   * a checkout's view while what it is made from is unchanged, and does not ask again.
   */
  methods(input: { amount: Money; country: string }): PaymentMethod[];
  /** A declined BLIK code is a result (status `rejected`/`expired`), not a throw. */
  start(input: StartPayment): Promise<PaymentAttempt>;
  /**
   * Server-side truth; undefined when the provider has no attempt with this reference (it never
   * got it, or lost it). That is an answer, not a fault: the shop closes its own record of the attempt.
   */
  status(providerRef: string): Promise<PaymentStatus | undefined>;
  /**
   * The attempt the shop started with this `attemptId` (PayU: the order by `extOrderId`), or
   * undefined when the provider never got it. How the shop finds an attempt whose start it did not
   * hear answered, e.g. after a crash while the provider was answering.
   */
  statusByAttemptId(attemptId: string): Promise<PaymentStatus | undefined>;
  /** Cancels an attempt still open; a final one is returned as it is. Undefined as for `status`. */
  cancel(providerRef: string): Promise<PaymentStatus | undefined>;
  /** Throws KasaError('notification_invalid') when the signature does not match the raw body. */
  verifyNotification(req: RawRequest): Promise<PaymentNotification>;
  /**
   * Optional: gives a paid attempt's whole amount back to the payer. Idempotent per attempt (a
   * second call refunds nothing more and answers the same refund). Throws KasaError
   * ('upstream_unavailable') when the provider cannot be reached, and KasaError('payment_not_found')
   * for an attempt it has no paid record of. A provider without it leaves refunds to its own panel.
   *
   * @example await provider.refund?.({ providerRef: 'SBX123', reason: 'order_unconfirmed' }); // { refundRef: 'RFND-SBX123' }
   */
  refund?(input: RefundRequest): Promise<Refund>;
}

export interface RefundRequest {
  readonly providerRef: string;
  /** Why the money goes back, as an error code (e.g. `order_unconfirmed`); shown in the provider's panel. */
  readonly reason: string;
}

export interface Refund {
  /** The provider's id of the refund. */
  readonly refundRef: string;
}

export interface PickupPointQuery {
  readonly postcode?: string;
  readonly near?: LatLng;
  readonly query?: string;
  readonly limit: number;
}

/** A search's points and how fresh they are. */
export interface PickupPointAnswer {
  readonly points: PickupPoint[];
  /**
   * Set when the carrier's API did not answer: the points are the last good answer for this search
   * (or the nearest points known from earlier answers), fetched at `fetchedAt` (ISO 8601).
   */
  readonly stale?: { readonly fetchedAt: string };
}

export interface PickupPointProvider {
  readonly carrier: string;
  search(q: PickupPointQuery): Promise<PickupPoint[]>;
  /**
   * The same search, saying when its answer is an old one (a provider over a carrier's API that
   * is down). Optional: a provider without it always answers fresh.
   *
   * @example const { points, stale } = await provider.searchAnswer?.({ postcode: '31-564', limit: 10 });
   */
  searchAnswer?(q: PickupPointQuery): Promise<PickupPointAnswer>;
  /** One point, also one out of service (`status: 'disabled'`); undefined when the carrier has none with this id. */
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
  /**
   * `true` only on the {@link OrderJournal.begin} call that recorded the intent: no earlier attempt
   * with this key can have reached the platform, so the server may pass `resumed: false` to
   * `placeOrder`. Absent on a record that existed before.
   */
  readonly fresh?: boolean;
}

/**
 * Write-ahead journal of order placements. The server records intent before it calls the platform
 * and the result after, so a retry after a crash between the two finds the intent and asks the
 * (idempotent) adapter again instead of creating a second order.
 */
export interface OrderJournal {
  /**
   * Records intent (`fresh: true`), or returns the existing record for this key (no `fresh`).
   * Throws `idempotency_conflict` when the key belongs to another checkout.
   */
  begin(input: { idempotencyKey: string; checkoutId: string }): Promise<PlacementRecord>;
  complete(input: { idempotencyKey: string; order: PlacedOrder }): Promise<PlacementRecord>;
  findByCheckout(checkoutId: string): Promise<PlacementRecord | undefined>;
}
