/**
 * Shopify mode A: "Przejdź do płatności" saves contact and delivery, has the server build the
 * Shopify cart (POST /api/checkouts/:id/shopify-checkout) and sends the shopper to Shopify's
 * checkout, which takes the payment. Loaded on the first press, so the bundle before interaction
 * does not carry it.
 */
import type { ErrorCode, Money } from '@kasa/core';
import type { Context } from './context.ts';
import { askedTargets, problemWith, stepOf } from './rules.ts';
import type { Saver } from './saving.ts';
import type { ErrorTarget } from './types.ts';

const sameMoney = (a: Money | undefined, b: Money) => a?.amount === b.amount && a.currency === b.currency;

/**
 * Checks contact and delivery (what Kasa asks in mode A), saves them, and hands the checkout over.
 * When Shopify prices the delivery differently from Kasa's quote, the price is shown first and the
 * next press (at the same price) goes on.
 *
 * @example await handOff(ctx, saver); // location.assign('https://sklep.myshopify.com/cart/c/…')
 */
export async function handOff(ctx: Context, saver: Saver): Promise<void> {
  const state = ctx.get();
  if (ctx.options.ssr || state.busy) return;
  ctx.set((s) => ({ ...s, notice: undefined }));
  const errors: Partial<Record<ErrorTarget, ErrorCode>> = {};
  for (const target of askedTargets(state, ctx.config)) {
    if (stepOf(target) !== 1) continue;
    const code = problemWith(target, state, true);
    if (code) errors[target] = code;
  }
  if (Object.keys(errors).length > 0) return ctx.showErrors(errors, undefined, true);
  ctx.set((s) => ({ ...s, busy: true }));
  let leaving = false;
  try {
    if (!(await saver.save('contact', 'focus')) || !(await saver.save('delivery', 'focus'))) return;
    const answer = await ctx.api.shopifyCheckout(ctx.get().view.id);
    const price = answer.delivery.price;
    if (answer.shippingPriceChanged && !sameMoney(ctx.get().handoff?.deliveryPrice, price)) {
      ctx.set((s) => ({ ...s, handoff: { checkoutUrl: answer.checkoutUrl, deliveryPrice: price } }));
      return;
    }
    leaving = true;
    (ctx.options.navigate ?? ((url: string) => globalThis.location.assign(url)))(answer.checkoutUrl);
  } catch (error) {
    ctx.showApiError(error, true);
  } finally {
    // Leaving: the button stays busy until the page goes.
    if (!leaving) ctx.set((s) => ({ ...s, busy: false }));
  }
}
