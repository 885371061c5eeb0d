/**
 * Everything after a payment attempt exists: follow it until the server says it is final, count down
 * the BLIK confirmation window, cancel for real, and show the result (paid, or back to the field).
 */
import type { CheckoutView, ErrorCode, PaymentView } from '@kasa/core';
import { purchase } from './analytics.ts';
import type { Context } from './context.ts';
import { followPayment } from './follow.ts';
import { applyPayment, blikStep, failureReason, outcomeOf } from './machines.ts';
import { blikFromView, checkoutFromView, noticeOnReturn } from './state.ts';
import { progressKey } from './storage.ts';

/** Runs `stop` on dispose too; returns a stop that may be called any number of times. */
function stoppable(ctx: Context, stop: () => void): () => void {
  const once = () => {
    ctx.cleanups.delete(once);
    stop();
  };
  ctx.cleanups.add(once);
  return once;
}

export type Watcher = ReturnType<typeof createWatcher>;

export function createWatcher(ctx: Context) {
  let stopFollowing: (() => void) | undefined;
  let following: string | undefined;
  let stopTicking: (() => void) | undefined;
  let purchased = ctx.get().checkout.section === 'paid';

  const stopAll = () => {
    stopFollowing?.();
    stopTicking?.();
    stopFollowing = stopTicking = following = undefined;
  };

  function finish(): void {
    stopAll();
    if (purchased) return;
    purchased = true;
    ctx.emit(purchase(ctx.get()));
    void ctx.options.storage?.delete(progressKey(ctx.get().view.id)).catch(() => undefined);
  }

  /** Drives the BLIK machine's clock once a second while the shopper confirms in the bank app. */
  function tick(): void {
    if (ctx.options.ssr || stopTicking) return;
    const timer = setInterval(() => {
      const now = ctx.now();
      ctx.set((s) => blikStep({ ...s, now }, { type: 'TICK', now }));
      if (ctx.get().blik.status !== 'awaiting_app_confirmation') {
        stopTicking?.();
        stopTicking = undefined;
      }
    }, 1000);
    stopTicking = stoppable(ctx, () => clearInterval(timer));
  }

  function follow(paymentId: string): void {
    if (ctx.options.ssr || following === paymentId) return;
    stopFollowing?.();
    following = paymentId;
    const { id } = ctx.get().view;
    stopFollowing = stoppable(
      ctx,
      followPayment({
        url: ctx.api.paymentEventsUrl(id, paymentId),
        poll: () => ctx.api.payment(id, paymentId),
        onUpdate: (payment) => onPayment(payment),
        eventSource: ctx.options.eventSource === undefined ? globalThis.EventSource : ctx.options.eventSource,
      }),
    );
  }

  /** Takes in the server's word on a payment; `reason` overrides why it failed (e.g. our own timeout). */
  function onPayment(answer: PaymentView, reason?: ErrorCode): void {
    const payment = reason ? { ...answer, reason } : answer;
    if (ctx.get().payment?.reason === 'order_unconfirmed' && answer.reason !== 'order_unconfirmed') {
      // Confirmed, or returned: the server's view says which, with its notice.
      void ctx.api.get(ctx.get().view.id).then((view) => {
        resync(view);
        ctx.set((s) => ({ ...s, notice: noticeOnReturn(view) }));
      }, stopAll);
      return;
    }
    const now = ctx.now();
    ctx.set((s) => applyPayment({ ...s, now }, payment, now));
    const outcome = outcomeOf(payment);
    if (outcome === 'paid') {
      if (payment.reason === 'order_unconfirmed') follow(payment.id);
      else finish();
      return;
    }
    if (outcome === 'redirect' && payment.redirectUrl) {
      const navigate = ctx.options.navigate ?? ((url: string) => globalThis.location.assign(url));
      navigate(payment.redirectUrl);
      return;
    }
    if (outcome === 'waiting') {
      if (ctx.get().blik.status === 'awaiting_app_confirmation') tick();
      follow(payment.id);
      return;
    }
    stopAll();
    ctx.emit({
      name: 'payment_failed',
      params: { payment_type: payment.method, reason: failureReason(payment) },
    });
    const target = payment.method === 'blik' ? 'blikCode' : 'notice';
    ctx.set((s) => ({ ...s, focus: { target, seq: (s.focus?.seq ?? 0) + 1 } }));
  }

  /** "Anuluj" while waiting for the bank app: really cancels at the provider; a late cancel shows paid. */
  async function cancelPayment(): Promise<void> {
    const { payment, view, blik } = ctx.get();
    if (!payment || blik.status !== 'awaiting_app_confirmation') return;
    ctx.set((s) => blikStep(s, { type: 'CANCEL' }));
    try {
      onPayment(await ctx.api.cancelPayment(view.id, payment.id));
    } catch (error) {
      ctx.showApiError(error, true);
    }
  }

  /** After the confirmation window: settle the open attempt (a late approval shows paid), then a fresh field. */
  async function retryPayment(): Promise<void> {
    const { payment, view, blik } = ctx.get();
    if (blik.status !== 'timeout') return;
    if (payment && outcomeOf(payment) === 'waiting') {
      stopAll();
      try {
        onPayment(await ctx.api.cancelPayment(view.id, payment.id), 'blik_timeout');
        return;
      } catch {
        // The server settles an open attempt before starting the next one anyway.
      }
    }
    ctx.set((s) => ({
      ...blikStep(s, { type: 'RETRY' }),
      errors: { ...s.errors, blikCode: 'blik_timeout' },
    }));
  }

  /**
   * Back from the bank page with the attempt still open: asks once how it ended (the bank may have
   * told the server meanwhile). Never follows it: an open redirect would send the shopper back.
   */
  async function checkReturn(payment: PaymentView): Promise<void> {
    try {
      const answer = await ctx.api.payment(ctx.get().view.id, payment.id);
      if (answer.status !== 'redirect' && ctx.get().payment?.id === answer.id) onPayment(answer);
    } catch {
      // The notice already says the payment is not finished; paying again settles this attempt first.
    }
  }

  /** Starts following whatever the state says is open (after a reload, or after `resync`). */
  function resume(): void {
    const { payment, checkout } = ctx.get();
    ctx.set((s) => ({ ...s, now: ctx.now() }));
    if (!payment || (checkout.section === 'paid' && payment.reason !== 'order_unconfirmed')) return;
    if (payment.reason === 'order_unconfirmed') follow(payment.id);
    else if (payment.status === 'redirect') void checkReturn(payment);
    else if (outcomeOf(payment) === 'waiting') {
      if (ctx.get().blik.status === 'awaiting_app_confirmation') tick();
      follow(payment.id);
    }
  }

  /** The widget and the server disagree (e.g. a payment is already in progress): take the server's view. */
  function resync(view: CheckoutView): void {
    stopAll();
    ctx.set((s) => ({
      ...s,
      view,
      payment: view.payment,
      blik: blikFromView(view, ''),
      checkout: { ...checkoutFromView(view), paymentAttempts: s.checkout.paymentAttempts },
    }));
    if (ctx.get().checkout.section === 'paid') finish();
    else resume();
  }

  return { onPayment, cancelPayment, retryPayment, resume, resync, finish };
}
