/**
 * First half of the checkout page script (browser JS kept as text, see `checkout-page.ts`): the API
 * client, error display, money and the rendering of the summary and the radio lists. Data goes into
 * the page through `textContent` and DOM nodes only.
 */
export const CHECKOUT_UI_SCRIPT = String.raw`
const root = document.getElementById('main');
const KASA = (root.dataset.kasaUrl || '').replace(/\/+$/, '');
const CART = root.dataset.cartRef || '';
const KEY = 'kasa:checkout:' + CART;
const TRY_AGAIN = 'Coś poszło nie tak. Spróbuj ponownie za chwilę.';
const NETWORK = 'Nie udało się połączyć z kasą. Sprawdź połączenie i spróbuj ponownie.';
const $ = (id) => document.getElementById(id);
const state = { view: null, pointId: null, payment: null, busy: false, waiting: false, timer: null };

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach((k) => {
    if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, String(attrs[k]));
  });
  (children || []).forEach((c) => node.append(c));
  return node;
}

const fail = (field, message) => ({ api: { code: 'local', message: message, field: field } });

async function api(method, path, body, extra) {
  const headers = { Accept: 'application/json', 'Accept-Language': 'pl' };
  const init = { method: method, headers: headers, credentials: 'omit', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (extra && extra.key) headers['Idempotency-Key'] = extra.key;
  if (extra && extra.referrer) init.referrerPolicy = 'no-referrer-when-downgrade';
  let res;
  try {
    res = await fetch(KASA + path, init);
  } catch (e) {
    throw { api: { code: 'network', message: NETWORK }, status: 0 };
  }
  let data = null;
  try {
    data = await res.json();
  } catch (e) {
    data = null;
  }
  if (res.ok && data) return data;
  const error = data && data.error && typeof data.error.message === 'string' ? data.error : null;
  throw { api: error || { code: 'http_' + res.status, message: TRY_AGAIN }, status: res.status };
}

const checkoutPath = (suffix) => '/api/checkouts/' + encodeURIComponent(state.view.id) + (suffix || '');

function money(m) {
  if (!m) return '';
  const value = (m.amount / 100).toFixed(2);
  try {
    return new Intl.NumberFormat('pl-PL', { style: 'currency', currency: m.currency }).format(value);
  } catch (e) {
    return value + ' ' + m.currency;
  }
}

function days(eta) {
  if (!eta) return '';
  if (eta.minDays === eta.maxDays) return eta.maxDays === 1 ? '1 dzień' : eta.maxDays + ' dni';
  return eta.minDays + '–' + eta.maxDays + ' dni';
}

function showAlert(message) {
  const box = $('k-alert');
  box.textContent = message;
  box.hidden = false;
}

function clearErrors() {
  document.querySelectorAll('.err').forEach((n) => {
    n.textContent = '';
  });
  document.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
  $('k-alert').hidden = true;
  $('k-alert').textContent = '';
}

const fieldKey = (f) => String(f || '').replace(/^(contact|delivery)\./, '').replace(/\./g, '-');

function fieldError(field, message) {
  const key = fieldKey(field);
  const box = key && $('e-' + key);
  if (!box) return null;
  box.textContent = message;
  const input = $('f-' + key) || document.getElementsByName(key)[0];
  if (input) input.setAttribute('aria-invalid', 'true');
  return input;
}

/** Shows API errors next to their fields, or at the top; focuses the first field with an error. */
function showErrors(errors) {
  let first = null;
  let placed = false;
  errors.forEach((err) => {
    const e = (err && err.api) || { message: TRY_AGAIN };
    const issues = e.details && Array.isArray(e.details.issues) ? e.details.issues : [];
    let here = false;
    issues.forEach((i) => {
      const input = fieldError(i.field, typeof i.message === 'string' && i.message ? i.message : e.message);
      if (input !== null) here = true;
      first = first || input;
    });
    if (!here && e.field) {
      const input = fieldError(e.field, e.message);
      here = input !== null;
      first = first || input;
    }
    if (here) placed = true;
    else showAlert(e.message || TRY_AGAIN);
  });
  if (placed && $('k-alert').hidden) showAlert('Popraw zaznaczone pola.');
  if (first && first.focus) first.focus();
  else if (!$('k-alert').hidden) $('k-alert').focus();
}

function renderSummary(v) {
  $('k-lines').replaceChildren(
    ...v.cart.lines.map((l) =>
      el('li', {}, [
        l.name + ' ',
        el('span', { class: 'hint' }, [l.quantity + ' × ' + money(l.unitPrice)]),
        ' ',
        el('strong', {}, [money(l.total)]),
      ]),
    ),
  );
  const t = v.totals;
  $('k-subtotal').textContent = money(t.subtotal);
  $('k-shipping').textContent = !v.delivery ? 'wybierz dostawę' : t.shipping.amount === 0 ? 'za darmo' : money(t.shipping);
  const fee = t.paymentFee && t.paymentFee.amount > 0;
  $('k-fee-label').hidden = !fee;
  $('k-fee').hidden = !fee;
  $('k-fee').textContent = fee ? money(t.paymentFee) : '';
  $('k-total').textContent = money(t.total);
  const vat = (t.vat || []).reduce((n, r) => n + r.vat.amount, 0);
  $('k-vat').textContent = money({ amount: vat, currency: t.total.currency });
  $('k-order').textContent = v.order ? 'Zamówienie nr ' + v.order.number + ' zostało złożone.' : '';
}

/** A radio row: the input, a main text with an optional hint, and a right-aligned side text. */
function choice(name, value, checked, main, hint, side) {
  const input = el('input', { type: 'radio', name: name, value: value, id: name + '-' + value });
  input.checked = checked;
  const text = el('span', {}, [main]);
  if (hint) text.append(el('br'), el('span', { class: 'hint' }, [hint]));
  return el('label', { class: 'choice', for: input.id }, [input, text, el('span', {}, [side || ''])]);
}

/** Rebuilds a radio list only when its items changed, keeping the shopper's choice. */
function radios(box, name, items, selected, build) {
  const key = items.map((i) => i.id).join('|');
  const checked = box.querySelector('input:checked');
  const keep = checked ? checked.value : selected;
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren(...items.map((i) => build(i, i.id === keep)));
}

const selectedIn = (box, items) => {
  const input = box.querySelector('input:checked');
  return input ? items.find((i) => i.id === input.value) || null : null;
};
`;
