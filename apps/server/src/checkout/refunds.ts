/**
 * Refunds of paid orders, asked for by the shop (its webhook says the order was cancelled or
 * refunded) or by the merchant (`POST /api/checkouts/{id}/refund`, `kasa refund`): the money goes
 * back through the provider that took it, once. The refund is recorded (`refund_pending`) before the
 * provider is asked, so a second request, here or in another process, answers that record instead of
 * sending another refund; the decisions are in refund-rules.ts.
 */
import { KasaError, type PaymentProvider } from '@kasa/core';
import type { PaymentStore, RefundRequester, StoredPayment, StoredRefund } from '@kasa/storage';
import { z } from 'zod';
import type { CheckoutData } from './data.ts';
import { causeOf, REFUND_DUE, REFUNDED } from './payment-flow.ts';
import { decideRefund, refundTarget } from './refund-rules.ts';

/** A refund as the merchant's API and CLI answer it: ids, state and the provider's refund id only. */
export const refundSchema = z.object({
  paymentId: z.string(),
  checkoutId: z.string(),
  orderId: z.string(),
  provider: z.string(),
  /**
   * `refunded`: the provider gave the money back (`refundRef`); `refund_pending`: being asked now;
   * `refund_failed`: the provider refused or did not answer (`cause`), ask again or refund in its
   * panel; `refund_due`: the provider cannot refund through Kasa, refund in its panel.
   */
  status: z.enum(['refund_pending', 'refunded', 'refund_failed', 'refund_due']),
  requestedBy: z.enum(['shop_webhook', 'merchant']),
  /** The provider's id of the refund. */
  refundRef: z.string().optional(),
  /** The error code of the last failed try. */
  cause: z.string().optional(),
  /** When it was first asked for, and when it last changed (ISO 8601). */
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RefundView = z.infer<typeof refundSchema>;
export const refundAnswerSchema = z.object({ refund: refundSchema });

export const toRefundView = (refund: StoredRefund): RefundView => ({
  paymentId: refund.paymentId,
  checkoutId: refund.checkoutId,
  orderId: refund.orderId,
  provider: refund.provider,
  status: refund.status,
  requestedBy: refund.requestedBy,
  ...(refund.refundRef ? { refundRef: refund.refundRef } : {}),
  ...(refund.cause ? { cause: refund.cause } : {}),
  createdAt: refund.createdAt,
  updatedAt: refund.updatedAt,
});

/** Why the money goes back, as the provider's panel shows it. */
const REASONS: Readonly<Record<RefundRequester, string>> = {
  shop_webhook: 'order_cancelled',
  merchant: 'merchant_request',
};

export interface RefundDeps {
  readonly payments: PaymentProvider;
  readonly paymentStore: PaymentStore;
  /** The checkout's data, undefined for an unknown id. */
  readonly checkout: (id: string) => CheckoutData | undefined;
  readonly save: (id: string, data: CheckoutData) => unknown;
  readonly now?: () => number;
}

/**
 * @example
 * const refunds = createRefunds({ payments, paymentStore, checkout, save });
 * await refunds.refund({ id: 'chk_…', requestedBy: 'merchant' }); // { status: 'refunded', refundRef: 'RFND…', … }
 */
export function createRefunds(deps: RefundDeps) {
  const { payments: provider, paymentStore } = deps;
  const ledger = paymentStore.refunds;
  const now = deps.now ?? Date.now;
  /** Refunds this process is asking the provider for, by payment id: a second request shares the first. */
  const inFlight = new Map<string, Promise<StoredRefund>>();

  /** The attempts of a checkout id, else of an order id. */
  function attemptsOf(id: string): StoredPayment[] {
    if (deps.checkout(id)) return paymentStore.listByCheckout(id);
    const byOrder = paymentStore.listByOrder(id);
    if (byOrder.length === 0) {
      throw new KasaError('checkout_not_found', {
        details: { hint: 'No checkout or order with this id has a payment in Kasa.' },
      });
    }
    return byOrder;
  }

  /** The checkout gives up its order: a refunded order is shown to the shopper as returned, not sold. */
  function cancelCheckout(checkoutId: string): void {
    const data = deps.checkout(checkoutId);
    if (data && data.orderStatus !== 'cancelled')
      deps.save(checkoutId, { ...data, orderStatus: 'cancelled' });
  }

  /** Asks the provider, the refund already recorded as pending by this caller. */
  async function carryOut(pending: StoredRefund, payment: StoredPayment): Promise<StoredRefund> {
    cancelCheckout(payment.checkoutId);
    if (!provider.refund || payment.providerRef === undefined) {
      // The provider's panel it is: the attempt is listed for the merchant (alerts.ts).
      paymentStore.updateStatus(payment.id, { status: 'paid', reason: REFUND_DUE });
      return ledger.finish(pending.paymentId, { status: 'refund_due' });
    }
    try {
      const { refundRef } = await provider.refund({
        providerRef: payment.providerRef,
        reason: pending.reason,
      });
      // Still `paid` (the money was taken, then given back), so it never counts as a failed payment.
      paymentStore.updateStatus(payment.id, { status: 'paid', reason: REFUNDED });
      return ledger.finish(pending.paymentId, { status: 'refunded', refundRef });
    } catch (error) {
      paymentStore.updateStatus(payment.id, { status: 'paid', reason: REFUND_DUE });
      return ledger.finish(pending.paymentId, { status: 'refund_failed', cause: causeOf(error) });
    }
  }

  async function refundPayment(payment: StoredPayment, requestedBy: RefundRequester): Promise<StoredRefund> {
    const existing = ledger.get(payment.id);
    const step = decideRefund(existing, now());
    if (existing && step === 'answer') return existing;
    if (existing && step === 'retake') {
      const taken = ledger.retake(payment.id, existing.tries);
      // Another caller took it over first: theirs is the answer.
      return taken ? carryOut(taken, payment) : (ledger.get(payment.id) ?? existing);
    }
    const { refund, created } = ledger.begin({
      paymentId: payment.id,
      checkoutId: payment.checkoutId,
      orderId: payment.orderId,
      provider: payment.provider,
      requestedBy,
      reason: REASONS[requestedBy],
    });
    return created ? carryOut(refund, payment) : refund;
  }

  return {
    /**
     * Refunds the paid attempt of a checkout (by its id or its order's id) through the provider that
     * took it, once: a repeated request answers the refund recorded. Throws KasaError
     * `refund_not_possible` when nothing was paid online, `refund_provider_mismatch` when another
     * provider took the money; the provider's refusal is an outcome (`refund_failed`), not a throw.
     */
    async refund(input: { readonly id: string; readonly requestedBy: RefundRequester }): Promise<RefundView> {
      const target = refundTarget(attemptsOf(input.id), (paymentId) => ledger.get(paymentId));
      if (target.kind === 'none') {
        throw new KasaError('refund_not_possible', { details: { reason: target.reason } });
      }
      const { payment } = target;
      if (payment.provider !== provider.id) {
        throw new KasaError('refund_provider_mismatch', {
          details: { paymentId: payment.id, provider: payment.provider, configured: provider.id },
        });
      }
      const running = inFlight.get(payment.id);
      if (running) return toRefundView(await running);
      const work = refundPayment(payment, input.requestedBy).finally(() => inFlight.delete(payment.id));
      inFlight.set(payment.id, work);
      return toRefundView(await work);
    },
  };
}

export type Refunds = ReturnType<typeof createRefunds>;
