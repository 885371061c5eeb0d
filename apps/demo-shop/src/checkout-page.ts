import { type Cart, computeTotals, formatMoney, sum } from '@kasa/core';
import { CHECKOUT_FLOW_SCRIPT } from './checkout-script-flow.ts';
import { CHECKOUT_PAYMENT_SCRIPT } from './checkout-script-payment.ts';
import { CHECKOUT_UI_SCRIPT } from './checkout-script-ui.ts';
import { html, layout, raw, type SafeHtml } from './html.ts';

/**
 * The browser script of the checkout page: vanilla JS, no build step, no eval and no inline event
 * handlers, so it runs under a nonce-based Content-Security-Policy. It inserts data with
 * `textContent` and DOM nodes only.
 */
export const CHECKOUT_SCRIPT = [
  '(function () {',
  "'use strict';",
  CHECKOUT_UI_SCRIPT,
  CHECKOUT_FLOW_SCRIPT,
  CHECKOUT_PAYMENT_SCRIPT,
  '})();',
].join('\n');

if (/<\/script|<!--/i.test(CHECKOUT_SCRIPT)) throw new Error('The checkout script must not close its tag.');

/** A labelled text input with its error slot (`f-<key>` / `e-<key>`, the keys the script uses). */
function field(key: string, label: string, attrs: string, hint?: string): SafeHtml {
  const described = [hint ? `h-${key}` : '', `e-${key}`].filter(Boolean).join(' ');
  return html`<div class="field">
<label for="f-${key}">${label}</label>
${hint ? html`<p class="hint" id="h-${key}">${hint}</p>` : ''}
<input id="f-${key}" name="${key}" ${raw(attrs)} aria-describedby="${described}">
<p class="err" id="e-${key}" aria-live="polite"></p>
</div>`;
}

const contact = html`<section class="panel" aria-labelledby="k-contact-h">
<h2 id="k-contact-h">1. Dane kontaktowe</h2>
<fieldset id="k-contact-set"><legend class="sr">Dane kontaktowe</legend>
${field('email', 'E-mail', 'type="email" autocomplete="email" required', 'Wyślemy na niego potwierdzenie zamówienia.')}
${field('phone', 'Telefon', 'type="tel" autocomplete="tel" inputmode="tel" required', 'Do powiadomień o przesyłce.')}
<div class="row">
${field('firstName', 'Imię', 'autocomplete="given-name" required')}
${field('lastName', 'Nazwisko', 'autocomplete="family-name" required')}
</div>
</fieldset>
</section>`;

const delivery = html`<section class="panel" aria-labelledby="k-delivery-h">
<h2 id="k-delivery-h">2. Dostawa</h2>
<fieldset id="k-delivery-set"><legend class="sr">Dostawa</legend>
<fieldset aria-describedby="e-optionId"><legend>Sposób dostawy</legend>
<div id="k-options"></div><p class="err" id="e-optionId" aria-live="polite"></p>
</fieldset>
<div id="k-locker" hidden>
<div class="row"><div>
<label for="f-pointQuery">Kod pocztowy lub miejscowość</label>
<input id="f-pointQuery" type="search" autocomplete="postal-code" aria-describedby="e-pointQuery">
</div><button type="button" id="k-search" class="secondary">Szukaj punktów</button></div>
<p class="err" id="e-pointQuery" aria-live="polite"></p>
<p class="hint" id="k-points-status" role="status"></p>
<fieldset id="k-points" aria-describedby="e-pickupPointId" hidden><legend>Wybierz punkt odbioru</legend>
<div id="k-points-list"></div></fieldset>
<p class="err" id="e-pickupPointId" aria-live="polite"></p>
</div>
<div id="k-address" hidden>
<div class="row">
${field('address-street', 'Ulica', 'autocomplete="address-line1"', 'Pomiń, jeśli miejscowość nie ma ulic.')}
${field('address-buildingNumber', 'Numer domu', 'autocomplete="address-line2" required')}
${field('address-flatNumber', 'Numer lokalu (opcjonalnie)', 'autocomplete="address-line3"')}
</div>
<div class="row">
${field('address-postcode', 'Kod pocztowy', 'autocomplete="postal-code" inputmode="numeric" maxlength="6" required', 'Np. 00-950')}
${field('address-city', 'Miejscowość', 'autocomplete="address-level2" required')}
</div>
</div>
</fieldset>
</section>`;

const payment = html`<section class="panel" aria-labelledby="k-payment-h">
<h2 id="k-payment-h">3. Płatność</h2>
<fieldset aria-describedby="e-methodId"><legend>Metoda płatności</legend>
<div id="k-methods"></div><p class="err" id="e-methodId" aria-live="polite"></p>
</fieldset>
<div id="k-blik" hidden>
${field('blikCode', 'Kod BLIK', 'inputmode="numeric" autocomplete="off" maxlength="7" class="qty"', '6 cyfr z aplikacji banku')}
</div>
</section>`;

function summary(cart: Cart): SafeHtml {
  const vat = sum(
    computeTotals({ cart }).vat.map((v) => v.vat),
    cart.currency,
  );
  return html`<aside class="panel" aria-labelledby="k-summary-h">
<h2 id="k-summary-h">Podsumowanie</h2>
<ul class="lines" id="k-lines">${cart.lines.map(
    (l) => html`<li>${l.name} <span class="hint">${l.quantity} × ${formatMoney(l.unitPrice)}</span>
<strong>${formatMoney(l.total)}</strong></li>`,
  )}</ul>
<dl class="sum">
<dt>Produkty</dt><dd id="k-subtotal">${formatMoney(cart.subtotal)}</dd>
<dt>Dostawa</dt><dd id="k-shipping">wybierz dostawę</dd>
<dt id="k-fee-label" hidden>Opłata za płatność</dt><dd id="k-fee" hidden></dd>
<dt class="total">Do zapłaty</dt><dd class="total" id="k-total">${formatMoney(cart.subtotal)}</dd>
<dt class="vat">w tym VAT</dt><dd class="vat" id="k-vat">${formatMoney(vat)}</dd>
</dl>
<p id="k-order" class="hint"></p>
<div id="k-pay-box" hidden>
<button type="submit" form="k-form" id="k-pay">Kupuję i płacę</button>
<p class="hint">Klikając, składasz zamówienie z obowiązkiem zapłaty.</p>
</div>
</aside>`;
}

/**
 * The checkout page for a sandbox cart. The script drives the Kasa API at `kasaUrl` (cross-origin);
 * the cart summary is rendered on the server, so it shows before the script has run.
 */
export function renderCheckoutPage(input: { kasaUrl: string; cart: Cart; nonce: string }): string {
  const body = html`<h1>Kasa</h1>
<p id="k-status" role="status">Łączymy się z kasą…</p>
<div id="k-alert" class="alert" role="alert" tabindex="-1" hidden></div>
<noscript><div class="alert">Do złożenia zamówienia potrzebny jest JavaScript. Włącz go i odśwież stronę.</div></noscript>
<section id="k-wait" class="ok" tabindex="-1" aria-labelledby="k-wait-h" hidden>
<h2 id="k-wait-h">Potwierdź płatność w aplikacji banku</h2>
<p id="k-countdown"></p>
<button type="button" id="k-cancel" class="secondary">Anuluj</button>
</section>
<section id="k-done" class="ok" tabindex="-1" aria-labelledby="k-done-h" hidden>
<h2 id="k-done-h"></h2>
<p id="k-done-text"></p>
<form method="post" action="/cart/clear"><button type="submit">Wróć do sklepu</button></form>
</section>
<div class="layout" id="k-layout">
<form id="k-form" novalidate hidden>
${contact}
${delivery}
${payment}
</form>
${summary(input.cart)}
</div>
<p><a href="/">Wróć do sklepu</a></p>`;
  const mainAttrs = html` data-kasa-url="${input.kasaUrl}" data-cart-ref="${input.cart.ref}"`;
  const script = html`<script nonce="${input.nonce}">${raw(CHECKOUT_SCRIPT)}</script>`;
  return layout({ title: 'Kasa', nonce: input.nonce, body, mainAttrs, script });
}
