/**
 * Follows a payment attempt until it is final: server-sent events when the browser has EventSource,
 * otherwise (or when the stream breaks) a GET every second. Only the server says whether it is paid.
 */
import { FINAL_PAYMENT_STATUSES, type PaymentView } from '@kasa/core';

export interface FollowOptions {
  readonly url: string;
  readonly poll: () => Promise<PaymentView>;
  readonly onUpdate: (payment: PaymentView) => void;
  /** null forces polling. */
  readonly eventSource: typeof EventSource | null | undefined;
  readonly intervalMs?: number;
  /** Give up after this long (the page can be reloaded to look again). */
  readonly maxMs?: number;
}

/** Starts following; the returned function stops it. */
export function followPayment(options: FollowOptions): () => void {
  const { intervalMs = 1000, maxMs = 10 * 60_000 } = options;
  let stopped = false;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = Date.now();

  const stop = () => {
    stopped = true;
    source?.close();
    if (timer !== undefined) clearTimeout(timer);
  };

  const deliver = (payment: PaymentView) => {
    if (stopped) return;
    // Paid but the order not yet confirmed by the shop: followed until it is, or the payment is returned.
    if (FINAL_PAYMENT_STATUSES.has(payment.status) && payment.reason !== 'order_unconfirmed') stop();
    options.onUpdate(payment);
  };

  const poll = () => {
    if (stopped) return;
    if (Date.now() - started > maxMs) return stop();
    timer = setTimeout(async () => {
      try {
        deliver(await options.poll());
      } catch {
        // A lost poll is retried on the next tick.
      }
      poll();
    }, intervalMs);
  };

  const EventSourceImpl = options.eventSource;
  if (!EventSourceImpl) {
    poll();
    return stop;
  }
  source = new EventSourceImpl(options.url);
  source.addEventListener('status', (event) => {
    try {
      deliver(JSON.parse((event as MessageEvent<string>).data) as PaymentView);
    } catch {
      // A malformed message is skipped; the next one (or polling) brings the truth.
    }
  });
  source.onerror = () => {
    source?.close();
    source = undefined;
    poll();
  };
  return stop;
}
