import { type Cart, computeTotals, formatMoney, type LineItem, sum, vatFromGross } from '@kasa/core';
import { html, layout, type SafeHtml } from './html.ts';
import type { DemoProduct } from './store.ts';

/** A one-off message on the shop page, e.g. after a redirect. */
export type ShopNotice = { kind: 'ok' | 'error'; text: string } | undefined;

function productCard(product: DemoProduct): SafeHtml {
  const id = product.id;
  return html`<li class="card">
${product.imageUrl ? html`<img src="${product.imageUrl}" alt="" width="64" height="64">` : ''}
<h3 id="p-${id}">${product.name}</h3>
<p>${product.description}</p>
<p><span class="price">${formatMoney(product.unitPrice)}</span>
<span class="vat">w tym VAT ${product.vatRate}% (${formatMoney(vatFromGross(product.unitPrice, product.vatRate).vat)})</span></p>
<form method="post" action="/cart" class="row">
<input type="hidden" name="productId" value="${id}">
<div><label for="q-${id}">Ilość</label>
<input id="q-${id}" class="qty" type="number" name="quantity" value="1" min="1" max="99" inputmode="numeric"></div>
<button type="submit" aria-describedby="p-${id}">Dodaj do koszyka</button>
</form>
</li>`;
}

function cartLine(line: LineItem): SafeHtml {
  const id = line.productId;
  return html`<li>
<p><strong>${line.name}</strong><br>
<span class="hint">${line.quantity} × ${formatMoney(line.unitPrice)}</span> = <strong>${formatMoney(line.total)}</strong></p>
<div class="row">
<form method="post" action="/cart/update" class="row">
<input type="hidden" name="productId" value="${id}">
<div><label for="c-${id}">Ilość</label>
<input id="c-${id}" class="qty" type="number" name="quantity" value="${line.quantity}" min="0" max="99" inputmode="numeric"></div>
<button type="submit" class="secondary" aria-label="Zmień ilość: ${line.name}">Zmień</button>
</form>
<form method="post" action="/cart/update">
<input type="hidden" name="productId" value="${id}"><input type="hidden" name="quantity" value="0">
<button type="submit" class="secondary" aria-label="Usuń z koszyka: ${line.name}">Usuń</button>
</form>
</div>
</li>`;
}

function cartPanel(cart: Cart | undefined): SafeHtml {
  if (cart === undefined || cart.lines.length === 0) {
    return html`<p>Twój koszyk jest pusty.</p>`;
  }
  const totals = computeTotals({ cart });
  const vat = sum(
    totals.vat.map((v) => v.vat),
    cart.currency,
  );
  const count = cart.lines.reduce((n, l) => n + l.quantity, 0);
  return html`<p class="hint">Produkty w koszyku: ${count}</p>
<ul class="lines">${cart.lines.map(cartLine)}</ul>
<dl class="sum">
<dt class="total">Razem</dt><dd class="total" id="subtotal">${formatMoney(totals.subtotal)}</dd>
<dt class="vat">w tym VAT</dt><dd class="vat">${formatMoney(vat)}</dd>
</dl>
<p class="hint">Koszt dostawy poznasz w kasie.</p>
<form method="post" action="/checkout"><button type="submit">Przejdź do kasy</button></form>`;
}

/** The shop's home page: the catalogue and the cart, usable without JavaScript. */
export function renderShopPage(input: {
  products: readonly DemoProduct[];
  cart: Cart | undefined;
  notice: ShopNotice;
  nonce: string;
  /** What the shop runs on, when it is not the sandbox. */
  platform?: string | undefined;
  /** Scripts at the end of the page (Kasa's cart view). */
  script?: SafeHtml | undefined;
}): string {
  const { notice } = input;
  const body = html`<h1>Kawa, herbata i słodycze</h1>
${input.platform ? html`<p class="hint" id="platforma">Sklep działa na: ${input.platform}</p>` : ''}
${
  notice
    ? html`<div class="${notice.kind === 'ok' ? 'ok' : 'alert'}" role="${notice.kind === 'ok' ? 'status' : 'alert'}">${notice.text}</div>`
    : ''
}
<div class="layout">
<section aria-labelledby="produkty-h">
<h2 id="produkty-h">Produkty</h2>
<ul class="grid">${input.products.map(productCard)}</ul>
</section>
<aside id="koszyk" class="panel" aria-labelledby="koszyk-h">
<h2 id="koszyk-h">Koszyk</h2>
${cartPanel(input.cart)}
</aside>
</div>`;
  return layout({
    title: 'Sklep',
    nonce: input.nonce,
    body,
    ...(input.script ? { script: input.script } : {}),
  });
}

/** A short page for errors (404, unknown cart, 500) with a link back to the shop. */
export function renderMessagePage(input: { title: string; text: string; nonce: string }): string {
  const body = html`<h1>${input.title}</h1>
<div class="alert" role="alert"><p>${input.text}</p></div>
<p><a class="button" href="/">Wróć do sklepu</a></p>`;
  return layout({ title: input.title, nonce: input.nonce, body });
}
