import {
  type Cart,
  FINAL_PAYMENT_STATUSES,
  KasaError,
  normaliseBlikCode,
  type PaymentAttempt,
  type PaymentMethod,
  type PaymentStatus,
  type PaymentStatusValue,
  type PaymentView,
  type RawRequest,
} from '@kasa/core';
import type { StoredPayment } from '@kasa/storage';
import { randomId } from '../ids.ts';
import type { CheckoutData } from './data.ts';
import type { CheckoutDeps } from './service.ts';

interface Loaded {
  readonly id: string;
  readonly cart: Cart;
  readonly data: CheckoutData;
}

interface Hooks {
  load(id: string): Promise<Loaded>;
  save(id: string, data: CheckoutData): unknown;
  priced(loaded: Loaded): Promise<PaymentMethod[]>;
}

export interface StartPaymentInput {
  readonly methodId?: string | undefined;
  readonly blikCode?: string | undefined;
  readonly returnUrl?: string | undefined;
  readonly customerIp: string;
  /** The shopper ticked the chosen method's processor consent (`processorNotice.requiresConsent`). */
  readonly processorConsent?: boolean | undefined;
}

const toView = (payment: StoredPayment): PaymentView => ({
  id: payment.id,
  method: payment.method,
  status: payment.status,
  ...(payment.reason ? { reason: payment.reason } : {}),
  ...(payment.confirmBy ? { confirmBy: payment.confirmBy } : {}),
  ...(payment.redirectUrl && payment.status === 'redirect' ? { redirectUrl: payment.redirectUrl } : {}),
});

const isFinal = (status: PaymentStatusValue) => FINAL_PAYMENT_STATUSES.has(status);

/** An attempt with the provider's answer to its start in (its reference). */
type Attached = StoredPayment & { readonly providerRef: string };
const isAttached = (payment: StoredPayment): payment is Attached => payment.providerRef !== undefined;

function attachedOrThrow(payment: StoredPayment): Attached {
  if (!isAttached(payment)) throw new Error(`Payment ${payment.id} has no provider reference yet`);
  return payment;
}

/**
 * Why Kasa closed an attempt itself, as `failed`: the provider has no such attempt (it never got it,
 * or lost it), or the attempt's confirmation window passed, with some grace, without a final word.
 * A shopper sees "the payment failed, try again"; the order takes a new attempt.
 */
export const CLOSED_BY_KASA = {
  unknown: 'attempt_unknown_to_provider',
  unconfirmed: 'attempt_unconfirmed',
} as const;
const closedReasons: ReadonlySet<string | undefined> = new Set(Object.values(CLOSED_BY_KASA));

/**
 * An attempt the provider approved after Kasa had closed it, when another attempt had already paid
 * the order: the money was taken twice, and this attempt's must go back to the shopper.
 */
export const REFUND_DUE = 'refund_due';

/**
 * The provider has taken the money but the shop platform has not confirmed the order (markPaid has
 * not succeeded yet): the attempt is kept as `paid` with this reason. Written before the platform is
 * asked, so a crash or a refusal leaves a record the order retrier finds, also after a restart.
 */
export const ORDER_UNCONFIRMED = 'order_unconfirmed';

/** An attempt whose order was never confirmed, refunded through the provider: kept as `cancelled`. */
export const REFUNDED = 'payment_refunded';

/**
 * How long past an attempt's confirmation window Kasa still waits for the provider's final word
 * (its clock, a late bank answer, a notification on its way) before closing the attempt itself.
 */
export const CONFIRMATION_GRACE_MS = 30_000;

/** What a payment flow reports besides its answers. */
export interface PaymentFlowOptions {
  /**
   * A provider approved an attempt Kasa had closed, after another attempt paid the order: refund
   * it (the attempt is kept as `paid` with reason `refund_due`). Called once per attempt.
   */
  readonly onRefundDue?: (input: RefundDue) => void;
  /**
   * The provider took the money but the platform refused or failed to confirm the order: the attempt
   * is kept as `paid` with reason ORDER_UNCONFIRMED, and someone (the order retrier) must try again.
   */
  readonly onOrderUnconfirmed?: (input: OrderUnconfirmed) => void;
}

/** A paid attempt whose order the platform has not confirmed, and why (`cause`, an error code). */
export interface OrderUnconfirmed extends RefundDue {
  readonly cause: string;
}

/** What one more try at an unconfirmed order came to. */
export type OrderRetry =
  | { readonly kind: 'confirmed' }
  | { readonly kind: 'failed'; readonly error: unknown; readonly payment: StoredPayment }
  /** Being confirmed by another caller right now: try again later. */
  | { readonly kind: 'busy' }
  /** No longer unconfirmed (confirmed, or refunded, meanwhile): nothing to do. */
  | { readonly kind: 'settled' };

/** How giving up on an unconfirmed order ended: refunded, left for a manual refund, or nothing owed. */
export type GiveUp =
  | { readonly kind: 'refunded'; readonly refundRef: string }
  | { readonly kind: 'refund_due'; readonly error?: unknown }
  | { readonly kind: 'settled' };

export interface RefundDue {
  readonly checkoutId: string;
  readonly orderId: string;
  readonly paymentId: string;
  readonly provider: string;
  readonly providerRef: string;
}

/**
 * Payments for a placed order. A payment is paid only when the provider says so server-side
 * (status call, or a signed notification followed by a status call); a new BLIK code after a
 * refusal is a new attempt for the same order. No order waits on a provider's memory: an attempt the
 * provider does not know, or one past its confirmation window, is closed (CLOSED_BY_KASA) and the
 * order takes a new attempt; should the provider approve it after all, the order is paid by it if
 * still unpaid, else the attempt is marked for a refund (REFUND_DUE). Nor does the provider hold an
 * attempt Kasa has no record of: each is recorded before the provider is asked to start it.
 */
export function createPaymentFlow(deps: CheckoutDeps, hooks: Hooks) {
  const { payments: provider, paymentStore, adapter, journal } = deps;

  async function markOrderPaid(payment: Attached): Promise<void> {
    // The platform first: markPaid is idempotent on the transaction id, so a crash after it is safe to repeat.
    await adapter.markPaid({
      orderId: payment.orderId,
      payment: { provider: payment.provider, transactionId: payment.providerRef },
    });
    const loaded = await hooks.load(payment.checkoutId);
    if (loaded.data.orderStatus === 'paid') return;
    // Recorded before the status flips, and de-duplicated by id, so a crash in between repeats it harmlessly.
    await deps.onOrderPaid?.({ checkoutId: payment.checkoutId, orderId: payment.orderId });
    hooks.save(payment.checkoutId, { ...loaded.data, orderStatus: 'paid' });
  }

  const idsOf = (payment: Attached): RefundDue => ({
    checkoutId: payment.checkoutId,
    orderId: payment.orderId,
    paymentId: payment.id,
    provider: payment.provider,
    providerRef: payment.providerRef,
  });

  /** Payments whose order this process is confirming right now (a sync, or the order retrier). */
  const confirming = new Set<string>();

  /** One try at the order of an unconfirmed attempt; on success the reason is cleared. */
  async function confirmOrder(owed: Attached): Promise<OrderRetry> {
    if (confirming.has(owed.id)) return { kind: 'busy' };
    confirming.add(owed.id);
    try {
      await markOrderPaid(owed);
    } catch (error) {
      return { kind: 'failed', error, payment: owed };
    } finally {
      confirming.delete(owed.id);
    }
    paymentStore.updateStatus(owed.id, { status: 'paid' });
    return { kind: 'confirmed' };
  }

  /**
   * The provider says paid: the money is taken, so that is recorded first (ORDER_UNCONFIRMED), then
   * the platform is asked to confirm the order. A failure leaves the record for the order retrier.
   */
  async function settlePaid(payment: Attached): Promise<StoredPayment> {
    const owed = attachedOrThrow(
      payment.status === 'paid' && payment.reason === ORDER_UNCONFIRMED
        ? payment
        : paymentStore.updateStatus(payment.id, { status: 'paid', reason: ORDER_UNCONFIRMED }),
    );
    const outcome = await confirmOrder(owed);
    if (outcome.kind === 'failed') {
      deps.onOrderUnconfirmed?.({ ...idsOf(owed), cause: causeOf(outcome.error) });
    }
    return paymentStore.get(owed.id) ?? owed;
  }

  async function record(payment: StoredPayment, status: PaymentStatusValue, reason?: string) {
    if (status === 'paid') return settlePaid(attachedOrThrow(payment));
    if (status === payment.status && reason === payment.reason) return payment;
    return paymentStore.updateStatus(payment.id, { status, ...(reason ? { reason } : {}) });
  }

  const overdue = (payment: StoredPayment) =>
    payment.confirmBy !== undefined && Date.now() > payment.confirmBy + CONFIRMATION_GRACE_MS;

  /** Attempts whose start this process is still waiting on the provider to answer. */
  const starting = new Set<string>();

  /**
   * An attempt recorded before the provider answered its start. While this process still waits for
   * that answer it is in progress; otherwise the start was cut off (a crash), and the provider is
   * asked for the attempt by Kasa's own id: found, it takes the provider's reference and status; not
   * found, it never reached the provider and is closed.
   */
  async function resolveIntent(payment: StoredPayment): Promise<StoredPayment> {
    if (starting.has(payment.id)) return payment;
    let found: PaymentStatus | undefined;
    try {
      found = await provider.statusByAttemptId(payment.id);
    } catch (error) {
      const startedAt = Date.parse(payment.createdAt);
      if (Date.now() > startedAt + CONFIRMATION_GRACE_MS) {
        return record(payment, 'failed', CLOSED_BY_KASA.unconfirmed);
      }
      throw error;
    }
    if (found === undefined) return record(payment, 'failed', CLOSED_BY_KASA.unknown);
    const withRef = paymentStore.attach(payment.id, {
      providerRef: found.providerRef,
      ...(found.confirmBy ? { confirmBy: found.confirmBy } : {}),
    });
    return record(withRef, found.status, found.reason);
  }

  /**
   * The provider's answer on an open attempt, or Kasa's own verdict when there is none to wait for:
   * unknown to the provider, or overdue while the provider still calls it open or cannot be reached.
   */
  async function verdict(
    payment: Attached,
    ask: (providerRef: string) => Promise<PaymentStatus | undefined>,
  ): Promise<{ status: PaymentStatusValue; reason?: string }> {
    let truth: PaymentStatus | undefined;
    try {
      truth = await ask(payment.providerRef);
    } catch (error) {
      if (overdue(payment)) return { status: 'failed', reason: CLOSED_BY_KASA.unconfirmed };
      throw error;
    }
    if (truth === undefined) return { status: 'failed', reason: CLOSED_BY_KASA.unknown };
    if (!isFinal(truth.status) && overdue(payment)) {
      return { status: 'failed', reason: CLOSED_BY_KASA.unconfirmed };
    }
    return truth;
  }

  /**
   * The provider approved an attempt Kasa had closed. The money is taken, so it pays the order if
   * nothing else has; otherwise it is kept as paid, marked for a refund, and reported once.
   */
  async function lateApproval(payment: Attached): Promise<StoredPayment> {
    const loaded = await hooks.load(payment.checkoutId);
    if (loaded.data.orderStatus !== 'paid') return record(payment, 'paid');
    const marked = paymentStore.updateStatus(payment.id, { status: 'paid', reason: REFUND_DUE });
    deps.onRefundDue?.({
      checkoutId: payment.checkoutId,
      orderId: payment.orderId,
      paymentId: payment.id,
      provider: payment.provider,
      providerRef: payment.providerRef,
    });
    return marked;
  }

  /** Asks once more about an attempt Kasa closed itself: the provider may have approved it since. */
  async function recheck(payment: StoredPayment): Promise<StoredPayment> {
    const late = await (isAttached(payment)
      ? provider.status(payment.providerRef)
      : provider.statusByAttemptId(payment.id)
    ).catch(() => undefined);
    if (late?.status !== 'paid') return payment;
    return lateApproval(
      isAttached(payment)
        ? payment
        : attachedOrThrow(paymentStore.attach(payment.id, { providerRef: late.providerRef })),
    );
  }

  /** A paid attempt still marked unconfirmed, with the provider's reference; else undefined. */
  function unconfirmed(paymentId: string): Attached | undefined {
    const payment = paymentStore.get(paymentId);
    if (payment?.status !== 'paid' || payment.reason !== ORDER_UNCONFIRMED || !isAttached(payment)) {
      return undefined;
    }
    return payment;
  }

  /**
   * Gives up on an unconfirmed order: the attempt is marked for a refund first (REFUND_DUE, so a
   * crash leaves it for the merchant), the checkout is cancelled unless another attempt paid it (and
   * the platform's unpaid order with it, when the platform can), then the provider refunds it when it
   * can; the attempt ends `cancelled` with reason REFUNDED.
   */
  async function giveUp(paymentId: string, cause: string): Promise<GiveUp> {
    const owed = unconfirmed(paymentId);
    if (!owed) return { kind: 'settled' };
    paymentStore.updateStatus(owed.id, { status: 'paid', reason: REFUND_DUE });
    const loaded = await hooks.load(owed.checkoutId);
    if (loaded.data.orderStatus !== 'paid') {
      hooks.save(owed.checkoutId, { ...loaded.data, orderStatus: 'cancelled' });
      // Best effort: the order may not exist on the platform (PrestaShop creates it in markPaid).
      await adapter.cancelOrder?.({ orderId: owed.orderId, reason: cause }).catch(() => undefined);
    }
    if (!provider.refund) return { kind: 'refund_due' };
    try {
      const refund = await provider.refund({ providerRef: owed.providerRef, reason: cause });
      paymentStore.updateStatus(owed.id, { status: 'cancelled', reason: REFUNDED });
      return { kind: 'refunded', refundRef: refund.refundRef };
    } catch (error) {
      return { kind: 'refund_due', error };
    }
  }

  /** Syncs running now, by payment id: a notification and a status poll at once share one. */
  const syncing = new Map<string, Promise<StoredPayment>>();

  /**
   * Brings a stored attempt up to date with the provider's server-side truth. Concurrent calls for
   * one attempt share the first, so a paid attempt marks the platform order paid once, not once per
   * caller (each would be a platform call; PrestaShop creates the order there). A read that comes
   * while a sync is under way waits for it, even when the attempt is already recorded paid: the
   * order is being confirmed then, and the checkout is paid only once that is done. An attempt Kasa
   * closed itself is asked about again, since the provider may approve it late.
   */
  function sync(payment: StoredPayment): Promise<StoredPayment> {
    const running = syncing.get(payment.id);
    if (running) return running;
    const closedByKasa = payment.status === 'failed' && closedReasons.has(payment.reason);
    if (isFinal(payment.status) && !closedByKasa) return Promise.resolve(payment);
    const next = (async () => {
      if (closedByKasa) return recheck(payment);
      if (!isAttached(payment)) return resolveIntent(payment);
      const truth = await verdict(payment, (ref) => provider.status(ref));
      if (truth.status === payment.status) return payment;
      return record(payment, truth.status, truth.reason);
    })().finally(() => syncing.delete(payment.id));
    syncing.set(payment.id, next);
    return next;
  }

  function find(checkoutId: string, paymentId: string): StoredPayment {
    const payment = paymentStore.get(paymentId);
    if (!payment || payment.checkoutId !== checkoutId) throw new KasaError('payment_not_found');
    return payment;
  }

  /** Once the order exists its total is frozen, so only methods with the same fee may replace the chosen one. */
  function chooseMethod(
    loaded: Loaded,
    priced: { paymentMethods: PaymentMethod[] },
    methodId: string,
  ): PaymentMethod {
    const method = priced.paymentMethods.find((candidate) => candidate.id === methodId);
    if (!method) throw new KasaError('payment_method_unavailable', { field: 'paymentMethodId' });
    if (loaded.data.orderId) {
      const current = priced.paymentMethods.find((candidate) => candidate.id === loaded.data.paymentMethodId);
      if ((current?.fee?.amount ?? 0) !== (method.fee?.amount ?? 0) || method.kind === 'cod') {
        throw new KasaError('payment_method_unavailable', { field: 'paymentMethodId' });
      }
    }
    return method;
  }

  /** An earlier attempt still open would let the shopper pay twice: settle it before starting another. */
  async function settlePrevious(checkoutId: string): Promise<void> {
    for (const previous of paymentStore.listByCheckout(checkoutId)) {
      const current = await sync(previous);
      if (current.status === 'paid') throw new KasaError('order_already_paid');
      if (isFinal(current.status)) continue;
      // Awaiting the bank app, or still being started: the shopper may yet approve it.
      if (current.status === 'awaiting_confirmation' || !isAttached(current)) {
        throw new KasaError('payment_in_progress');
      }
      // A redirect the shopper left: cancelled, unless the bank approved it meanwhile.
      const cancelled = await verdict(current, (ref) => provider.cancel(ref));
      const after = await record(current, cancelled.status, cancelled.reason);
      if (after.status === 'paid') throw new KasaError('order_already_paid');
    }
  }

  return {
    chooseMethod,

    /** Paid attempts whose order the platform has not confirmed yet, oldest first. */
    unconfirmed: (): StoredPayment[] => paymentStore.listByReason('paid', ORDER_UNCONFIRMED),

    /** One more try at confirming the order of an unconfirmed attempt (the order retrier's). */
    async retryOrder(paymentId: string): Promise<OrderRetry> {
      const owed = unconfirmed(paymentId);
      return owed ? confirmOrder(owed) : { kind: 'settled' };
    },

    giveUp,

    /**
     * Whether this process is bringing the attempt up to date or confirming its order right now. A
     * platform webhook sent from inside that very call (PrestaShop's module sends it within
     * `POST /api/orders`) must not wait for it.
     */
    busy: (paymentId: string): boolean => syncing.has(paymentId) || confirming.has(paymentId),

    latest(checkoutId: string): PaymentView | undefined {
      const last = paymentStore.listByCheckout(checkoutId).at(-1);
      return last ? toView(last) : undefined;
    },

    async start(checkoutId: string, input: StartPaymentInput): Promise<PaymentView> {
      const loaded = await hooks.load(checkoutId);
      const placement = await journal.findByCheckout(checkoutId);
      if (!loaded.data.orderId || !placement?.order) {
        throw new KasaError('checkout_incomplete', { details: { missing: ['order'] } });
      }
      if (loaded.data.orderStatus === 'paid') throw new KasaError('order_already_paid');
      if (loaded.data.orderStatus === 'cancelled') {
        throw new KasaError('illegal_transition', {
          details: { reason: 'order_cancelled', hint: 'The shop cancelled this order; it takes no payment.' },
        });
      }
      if (loaded.data.orderStatus === 'cash_on_delivery') {
        throw new KasaError('illegal_transition', {
          details: {
            reason: 'order_cash_on_delivery',
            hint: 'The order is paid to the courier on delivery; it takes no payment online.',
          },
        });
      }
      const method = chooseMethod(
        loaded,
        { paymentMethods: await hooks.priced(loaded) },
        input.methodId ?? loaded.data.paymentMethodId ?? '',
      );
      // The processor's own consent (P24's terms): no payment with the method until the shopper ticked it.
      const consentAsked = method.processorNotice?.requiresConsent === true;
      if (consentAsked && input.processorConsent !== true) {
        throw new KasaError('processor_consent_required', { field: 'processorConsent' });
      }
      const blikCode = method.kind === 'blik' ? validBlikCode(input.blikCode) : undefined;
      await settlePrevious(checkoutId);
      const payerEmail = loaded.data.contact?.email;

      const attemptId = randomId('pay');
      // Recorded before the provider hears of it: whatever cuts the start off, Kasa holds the attempt
      // and can ask the provider about it by this id (resolveIntent).
      paymentStore.insert({
        id: attemptId,
        checkoutId,
        orderId: placement.order.id,
        provider: provider.id,
        method: method.kind,
        status: 'pending',
      });
      starting.add(attemptId);
      let attempt: PaymentAttempt;
      try {
        attempt = await provider.start({
          attemptId,
          orderId: placement.order.id,
          method,
          amount: placement.order.total,
          description: `Zamówienie ${placement.order.number}`,
          ...(blikCode ? { blikCode } : {}),
          customerIp: input.customerIp,
          returnUrl: input.returnUrl ?? `${deps.publicUrl}/`,
          notifyUrl: `${deps.publicUrl}/api/payments/notify/${provider.id}`,
          // For the provider only: the attempt record above keeps no e-mail, and nothing logs it.
          ...(payerEmail ? { payerEmail } : {}),
          ...(consentAsked ? { processorConsent: true } : {}),
        });
      } catch (error) {
        // A refusal ends the attempt; a provider that did not answer may still have started it, so
        // that one is closed as Kasa's own verdict and asked about again later.
        const refused = error instanceof KasaError && error.code !== 'upstream_unavailable';
        paymentStore.updateStatus(attemptId, {
          status: 'failed',
          reason: refused ? error.code : CLOSED_BY_KASA.unconfirmed,
        });
        throw error;
      } finally {
        starting.delete(attemptId);
      }
      const stored = paymentStore.attach(attemptId, {
        providerRef: attempt.providerRef,
        ...(attempt.confirmBy ? { confirmBy: attempt.confirmBy } : {}),
        ...(attempt.redirectUrl ? { redirectUrl: attempt.redirectUrl } : {}),
      });
      if (method.id !== loaded.data.paymentMethodId) {
        hooks.save(checkoutId, { ...loaded.data, paymentMethodId: method.id });
      }
      return toView(await record(stored, attempt.status, attempt.reason));
    },

    async status(checkoutId: string, paymentId: string): Promise<PaymentView> {
      return toView(await sync(find(checkoutId, paymentId)));
    },

    /** Cancels on the provider: a cancel that comes after the bank approved reports paid, never cancelled. */
    async cancel(checkoutId: string, paymentId: string): Promise<PaymentView> {
      const payment = await sync(find(checkoutId, paymentId));
      if (isFinal(payment.status)) return toView(payment);
      // Not yet started at the provider (this process waits for its answer): nothing to cancel yet.
      if (!isAttached(payment)) throw new KasaError('payment_in_progress');
      const truth = await verdict(payment, (ref) => provider.cancel(ref));
      return toView(await record(payment, truth.status, truth.reason));
    },

    async handleNotification(providerId: string, request: RawRequest): Promise<PaymentView> {
      if (providerId !== provider.id) throw new KasaError('not_found');
      const notification = await provider.verifyNotification(request);
      // By the attempt id the provider echoes when Kasa never heard the provider's reference.
      const byAttempt = notification.attemptId ? paymentStore.get(notification.attemptId) : undefined;
      const payment =
        paymentStore.findByProviderRef(provider.id, notification.providerRef) ??
        (byAttempt?.provider === provider.id && !isAttached(byAttempt) ? byAttempt : undefined);
      if (!payment) throw new KasaError('payment_not_found');
      const running = syncing.get(payment.id);
      if (running) {
        // Kasa is asking the provider about this attempt right now, and some providers deliver the
        // notification before they answer that very call: waiting here would wait on ourselves.
        // Answer at once, and read the status again once that call is done, so nothing is missed.
        const again = () => sync(paymentStore.get(payment.id) ?? payment).catch(() => undefined);
        void running.then(again, again);
        return toView(payment);
      }
      return toView(await sync(payment));
    },
  };
}

/** An error as a stable code for logs and alerts: never its message, which may carry anything. */
export const causeOf = (error: unknown): string => (error instanceof KasaError ? error.code : 'internal');

function validBlikCode(input: string | undefined): string {
  const result = normaliseBlikCode(input ?? '');
  if (!result.ok) throw new KasaError('blik_code_format', { field: 'blikCode' });
  return result.value;
}
