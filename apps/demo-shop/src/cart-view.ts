/**
 * What the cart page adds for Kasa: a `view_cart` event in Kasa's command queue (`window.kasa.q`)
 * and Kasa's tracker, which sends it with the cart's checkout id (and, with analytics consent, the
 * visitor id). The tracker never sees personal data: product ids, quantities and prices only.
 */
import type { Cart } from '@kasa/core';
import { html, raw, type SafeHtml } from './html.ts';

/** JSON safe inside a script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * @example cartViewScript({ kasaUrl, nonce, shopId: 'demo', checkoutId: 'chk_1', cart });
 */
export function cartViewScript(input: {
  readonly kasaUrl: string;
  readonly nonce: string;
  readonly shopId: string;
  readonly checkoutId: string;
  readonly cart: Cart;
}): SafeHtml {
  const { cart } = input;
  const queued = {
    shopId: input.shopId,
    checkoutId: input.checkoutId,
    event: {
      name: 'view_cart',
      params: {
        value: cart.subtotal.amount,
        currency: cart.currency,
        items: cart.lines.map((line) => ({
          item_id: line.productId,
          quantity: line.quantity,
          price: line.unitPrice.amount,
        })),
      },
    },
  };
  const push = `var k=window.kasa=window.kasa||{};(k.q=k.q||[]).push(${scriptJson(queued)});`;
  return html`<script nonce="${input.nonce}">${raw(push)}</script>
<script type="module" src="${input.kasaUrl}/widget/kasa-tracker.js" nonce="${input.nonce}" async></script>`;
}
