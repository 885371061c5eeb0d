/**
 * "Kupuję i płacę": check everything, save what the server lacks, place the order once (idempotent),
 * then start a payment for it. A refused BLIK code makes a new payment for the same order on the next
 * press, never a second order.
 */
import type { ErrorCode } from '@kasa/core';
import { ApiError } from './api.ts';
import type { Context } from './context.ts';
import { blikStep, checkoutStep } from './machines.ts';
import { askedTargets, chosenMethod, problemWith } from './rules.ts';
import type { Saver } from './saving.ts';
import type { ErrorTarget } from './types.ts';
import type { Watcher } from './watch.ts';

const BUSY_BLIK = ['submitting', 'awaiting_app_confirmation', 'cancelling', 'timeout'];
const SAVED = [
  { type: 'CONTACT_SAVED' },
  { type: 'DELIVERY_SAVED' },
  { type: 'PAYMENT_METHOD_CHOSEN' },
] as const;
/** Refusals that mean the server is further along than the widget thinks. */
const OUT_OF_SYNC: readonly ErrorCode[] = ['payment_in_progress', 'order_already_paid', 'checkout_locked'];

export function createPayer(ctx: Context, saver: Saver, watcher: Watcher) {
  let blikAttempts = 0;

  /** Every asked field and choice, checked strictly; errors shown in page order, focus on the first. */
  function validateAll(): boolean {
    const state = ctx.get();
    const errors: Partial<Record<ErrorTarget, ErrorCode>> = {};
    for (const target of askedTargets(state, ctx.config)) {
      const code = problemWith(target, state, true);
      if (code) errors[target] = code;
    }
    if (Object.keys(errors).length === 0) return true;
    ctx.showErrors(errors, undefined, true);
    return false;
  }

  async function startPayment(): Promise<void> {
    // A bank page sends the shopper back here; the server accepts it only on the shop's own origins.
    let body: { blikCode?: string; returnUrl?: string; processorConsent?: true } = globalThis.location
      ? { returnUrl: globalThis.location.href }
      : {};
    // Ticked (validateAll asked it when the method requires it): the server starts no such method without.
    if (ctx.get().form['consents.processor']) body = { ...body, processorConsent: true };
    if (chosenMethod(ctx.get())?.kind === 'blik') {
      // Digits only, as a string (leading zeros are real); sent once and never kept.
      body = { ...body, blikCode: ctx.get().blik.digits };
      ctx.set((s) => ({
        ...blikStep(s, { type: 'SUBMIT', now: ctx.now() }),
        form: { ...s.form, blikCode: '' },
      }));
      blikAttempts += 1;
      ctx.emit({ name: 'blik_code_submitted', params: { attempt: blikAttempts } });
    }
    watcher.onPayment(await ctx.api.startPayment(ctx.get().view.id, body));
  }

  /** A refused request: show why, and if the server is further along (paid, in progress), follow it. */
  async function recover(error: unknown): Promise<void> {
    const code = error instanceof ApiError ? error.code : 'internal';
    const state = ctx.get();
    if (state.blik.status === 'submitting') {
      ctx.set((s) =>
        checkoutStep(blikStep(s, { type: 'REFUSED', reason: code }, { type: 'RETRY' }), {
          type: 'PAYMENT_FAILED',
          reason: code,
        }),
      );
      ctx.emit({ name: 'payment_failed', params: { payment_type: 'blik', reason: code } });
    }
    ctx.showApiError(error, true);
    if (!OUT_OF_SYNC.includes(code)) return;
    try {
      watcher.resync(await ctx.api.get(state.view.id));
    } catch {
      // The notice already says what happened; a reload shows the truth.
    }
  }

  async function placeOrderAndPay(): Promise<void> {
    const state = ctx.get();
    if (ctx.options.ssr || state.busy || BUSY_BLIK.includes(state.blik.status)) return;
    if (state.checkout.section === 'paid') return;
    ctx.set((s) => ({ ...s, notice: undefined }));
    if (!validateAll()) return;
    ctx.set((s) => ({ ...s, busy: true }));
    try {
      if (!ctx.get().view.order) {
        if (!(await saver.flush())) return;
        // The server now holds every part, whether or not this press had to save it.
        ctx.set((s) => checkoutStep(s, ...SAVED));
        ctx.takeView(await ctx.api.placeOrder(ctx.get().view.id));
      } else if (!(await saver.save('payment-method', 'focus'))) return;
      ctx.set((s) => checkoutStep(s, { type: 'PLACE_ORDER' }));
      if (ctx.get().view.status === 'cash_on_delivery') {
        ctx.set((s) => checkoutStep(s, { type: 'PAYMENT_SUCCEEDED' }));
        return watcher.finish();
      }
      await startPayment();
    } catch (error) {
      await recover(error);
    } finally {
      ctx.set((s) => ({ ...s, busy: false }));
    }
  }

  return { placeOrderAndPay };
}
