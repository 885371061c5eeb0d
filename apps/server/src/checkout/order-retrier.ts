/**
 * The order retrier: keeps trying to confirm, on the shop platform, the order of every payment the
 * provider has taken but the platform has not confirmed (attempts kept as `paid` with reason
 * ORDER_UNCONFIRMED), with backoff, until the order exists, or gives up and refunds the payment
 * (order-retry.ts says when). It finds such attempts in the store when it starts, so a restart loses
 * none. Every outcome the merchant must act on is logged at error level with a stable `code` and
 * ids only.
 */
import type { StoredPayment } from '@kasa/storage';
import { nextStep, retryDelayMs } from './order-retry.ts';
import { causeOf, type GiveUp, type OrderRetry, type OrderUnconfirmed } from './payment-flow.ts';

/** What the retrier works on: the checkout service's `unconfirmedOrders`. */
export interface UnconfirmedOrders {
  list(): StoredPayment[];
  retry(paymentId: string): Promise<OrderRetry>;
  giveUp(paymentId: string, cause: string): Promise<GiveUp>;
}

type LogFn = (fields: Record<string, unknown>, message: string) => void;

export interface OrderRetrierOptions {
  readonly orders: UnconfirmedOrders;
  readonly logger: { readonly error: LogFn; readonly warn: LogFn; readonly info: LogFn };
  /** The clock and the dice; tests pass their own. */
  readonly now?: () => number;
  readonly random?: () => number;
}

/** Ids of a payment for a log line: never anything about the shopper. */
const idsOf = (p: Pick<StoredPayment, 'id' | 'checkoutId' | 'orderId' | 'provider'>) => ({
  checkoutId: p.checkoutId,
  orderId: p.orderId,
  paymentId: p.id,
  provider: p.provider,
});

/**
 * @example
 * const retrier = createOrderRetrier({ orders: service.unconfirmedOrders, logger });
 * retrier.start();                 // picks up what a previous process left
 * retrier.unconfirmed(reported);   // from the payment flow's onOrderUnconfirmed
 * await retrier.stop();            // on shutdown: no new tries, the one under way finishes
 */
export function createOrderRetrier(options: OrderRetrierOptions) {
  const { orders, logger } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  /** Scheduled tries by payment id, with the failures so far (counted from this process's start). */
  const scheduled = new Map<string, { timer: ReturnType<typeof setTimeout>; failures: number }>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  function schedule(paymentId: string, failures: number, delayMs: number): void {
    if (stopped) return;
    clearTimeout(scheduled.get(paymentId)?.timer);
    const timer = setTimeout(() => {
      const attempt = tryOnce(paymentId, failures).finally(() => running.delete(attempt));
      running.add(attempt);
    }, delayMs);
    timer.unref?.();
    scheduled.set(paymentId, { timer, failures });
  }

  async function tryOnce(paymentId: string, failuresBefore: number): Promise<void> {
    scheduled.delete(paymentId);
    let outcome: OrderRetry;
    try {
      outcome = await orders.retry(paymentId);
    } catch (error) {
      // The store or the checkout failed, not the platform: try again later all the same.
      logger.warn({ code: 'order_unconfirmed', paymentId, cause: causeOf(error) }, 'order retry failed');
      schedule(paymentId, failuresBefore + 1, retryDelayMs(failuresBefore + 1, random));
      return;
    }
    if (outcome.kind === 'busy') return schedule(paymentId, failuresBefore, retryDelayMs(1, random));
    if (outcome.kind === 'settled') return;
    if (outcome.kind === 'confirmed') {
      logger.info(
        { code: 'order_confirmed', paymentId, tries: failuresBefore + 1 },
        'order confirmed on retry',
      );
      return;
    }
    const failures = failuresBefore + 1;
    const { payment, error } = outcome;
    const cause = causeOf(error);
    const step = nextStep({ error, failures, owedSince: Date.parse(payment.updatedAt), now: now(), random });
    if (step.kind === 'retry') {
      logger.warn(
        { code: 'order_unconfirmed', ...idsOf(payment), cause, failures, retryInMs: step.delayMs },
        'the order of a taken payment is still not confirmed by the shop; retrying',
      );
      return schedule(paymentId, failures, step.delayMs);
    }
    await refund(payment, step.cause);
  }

  async function refund(payment: StoredPayment, cause: string): Promise<void> {
    let result: GiveUp;
    try {
      result = await orders.giveUp(payment.id, cause);
    } catch (error) {
      // Marked for a refund or not, the merchant must look: the alert lists it either way.
      result = { kind: 'refund_due', error };
    }
    if (result.kind === 'settled') return;
    if (result.kind === 'refunded') {
      logger.error(
        { code: 'payment_refunded', ...idsOf(payment), cause, refundRef: result.refundRef },
        'the shop never confirmed the order of a taken payment: Kasa refunded it and cancelled the checkout',
      );
      return;
    }
    logger.error(
      {
        code: 'refund_due',
        ...idsOf(payment),
        cause,
        ...(result.error === undefined ? {} : { refundError: causeOf(result.error) }),
      },
      'the shop never confirmed the order of a taken payment, and Kasa could not refund it: refund it in the payment provider’s panel',
    );
  }

  return {
    /** Schedules every unconfirmed order in the store (a previous process may have left some). */
    start(): void {
      for (const payment of orders.list()) schedule(payment.id, 0, retryDelayMs(1, random));
    },

    /** The payment flow could not confirm an order: alert the merchant and keep trying. */
    unconfirmed(report: OrderUnconfirmed): void {
      logger.error(
        {
          code: 'order_unconfirmed',
          checkoutId: report.checkoutId,
          orderId: report.orderId,
          paymentId: report.paymentId,
          provider: report.provider,
          cause: report.cause,
        },
        'a payment was taken but the shop did not confirm its order: Kasa keeps trying, fix the cause (kasa doctor)',
      );
      // The flow's try was the first failure.
      if (!scheduled.has(report.paymentId)) schedule(report.paymentId, 1, retryDelayMs(1, random));
    },

    /** How many orders wait for their next try. */
    pending: (): number => scheduled.size,

    /** No more tries; resolves once the try under way (if any) has finished. */
    async stop(): Promise<void> {
      stopped = true;
      for (const { timer } of scheduled.values()) clearTimeout(timer);
      scheduled.clear();
      await Promise.allSettled([...running]);
    },
  };
}

export type OrderRetrier = ReturnType<typeof createOrderRetrier>;
