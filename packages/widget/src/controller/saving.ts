/**
 * Saves each part of the checkout to the API as soon as it is complete and valid, one request at a
 * time, so the server always holds the shopper's progress and its totals stay authoritative.
 */
import { canChange } from '@kasa/core';
import { paymentInfo, shippingInfo } from './analytics.ts';
import { changedBy, pendingBody, SAVE_ORDER, type SavePart } from './bodies.ts';
import type { Context } from './context.ts';
import { checkoutStep } from './machines.ts';

export type Saver = ReturnType<typeof createSaver>;

export function createSaver(ctx: Context) {
  let queue: Promise<unknown> = Promise.resolve();

  function afterSave(part: SavePart): void {
    const state = ctx.get();
    if (part === 'contact') ctx.set((s) => checkoutStep(s, { type: 'CONTACT_SAVED' }));
    if (part === 'delivery') {
      ctx.set((s) => checkoutStep(s, { type: 'DELIVERY_SAVED' }));
      ctx.emit(shippingInfo(state));
    }
    if (part === 'payment-method') {
      ctx.set((s) => checkoutStep(s, { type: 'PAYMENT_METHOD_CHOSEN' }));
      ctx.emit(paymentInfo(state));
    }
  }

  /**
   * Saves one part if it changed. Resolves false when the API refused it (the errors are shown);
   * `quiet` keeps faults that belong to no field off the screen (a later save or the order retries).
   */
  function save(part: SavePart, mode: 'quiet' | 'focus' = 'quiet'): Promise<boolean> {
    const run = queue.then(async () => {
      const state = ctx.get();
      // A part the server would refuse with checkout_locked is not sent (canChange is its rule).
      if (ctx.options.ssr || !canChange(changedBy(part), state.view.status)) return true;
      const body = pendingBody(part, state);
      if (!body) return true;
      try {
        ctx.takeView(await ctx.api.save(state.view.id, part, body));
        afterSave(part);
        return true;
      } catch (error) {
        const before = ctx.get().notice;
        ctx.showApiError(error, mode === 'focus');
        if (mode === 'quiet') ctx.set((s) => ({ ...s, notice: before }));
        return false;
      }
    });
    queue = run;
    return run;
  }

  /** Saves every part that changed, in order; false at the first refusal (focus goes to it). */
  async function flush(): Promise<boolean> {
    for (const part of SAVE_ORDER) {
      if (!(await save(part, 'focus'))) return false;
    }
    return true;
  }

  return { save, flush, idle: () => queue };
}
