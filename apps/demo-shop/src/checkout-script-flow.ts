/**
 * Second half of the checkout page script: delivery, payment method, placing the order, the
 * payment (BLIK confirmation with polling, redirect, retry) and resuming after a reload.
 */
export const CHECKOUT_FLOW_SCRIPT = String.raw`
const REASONS = {
  rejected: 'Płatność BLIK została odrzucona. Wygeneruj nowy kod w aplikacji banku i wpisz go ponownie.',
  expired: 'Kod BLIK wygasł. Wygeneruj nowy kod w aplikacji banku.',
  timeout: 'Nie potwierdzono płatności w aplikacji banku na czas. Wpisz nowy kod BLIK.',
  cancelled: 'Płatność została anulowana.',
  failed: 'Płatność nie powiodła się. Spróbuj ponownie lub wybierz inną metodę.',
  blik_code_used: 'Ten kod BLIK został już użyty. Wygeneruj nowy kod w aplikacji banku.',
};
['rejected', 'expired', 'timeout', 'cancelled', 'failed'].forEach((s) => {
  REASONS['blik_code_' + s] = REASONS[s];
});
REASONS.blik_timeout = REASONS.timeout;
REASONS.payment_cancelled = REASONS.cancelled;
REASONS.payment_failed = REASONS.failed;
const WAITING = ['pending', 'awaiting_confirmation', 'redirect'];
const value = (id) => $(id).value.trim();
const option = () => selectedIn($('k-options'), state.view.shippingOptions);
const method = () => selectedIn($('k-methods'), state.view.paymentMethods);
const blikDigits = () => $('f-blikCode').value.replace(/\D/g, '');

function setBusy(busy) {
  state.busy = busy;
  $('k-pay').disabled = state.busy || state.waiting;
  $('k-pay').setAttribute('aria-busy', String(state.busy));
}

async function put(suffix, body) {
  const v = await api('PUT', checkoutPath(suffix), body);
  render(v);
  return v;
}

function render(v) {
  state.view = v;
  renderSummary(v);
  const chosen = v.delivery ? v.delivery.optionId : null;
  radios($('k-options'), 'optionId', v.shippingOptions, chosen, (o, on) => {
    const was = o.regularPrice && o.regularPrice.amount > o.price.amount ? ' (zamiast ' + money(o.regularPrice) + ')' : '';
    const price = o.price.amount === 0 ? 'za darmo' : money(o.price);
    return choice('optionId', o.id, on, o.name, days(o.eta) + was, price);
  });
  const blik = v.paymentMethods.find((m) => m.kind === 'blik');
  const methods = v.paymentMethods.slice().sort((a, b) => (a.kind === 'blik' ? 0 : 1) - (b.kind === 'blik' ? 0 : 1));
  const preferred = v.paymentMethodId || (blik ? blik.id : methods[0] && methods[0].id);
  radios($('k-methods'), 'methodId', methods, preferred, (m, on) =>
    choice('methodId', m.id, on, m.label, '', m.fee && m.fee.amount > 0 ? '+ ' + money(m.fee) : ''),
  );
  $('k-contact-set').disabled = Boolean(v.order);
  $('k-delivery-set').disabled = Boolean(v.order);
  toggleBoxes();
}

function toggleBoxes() {
  const o = option();
  $('k-locker').hidden = !o || o.kind === 'courier';
  $('k-address').hidden = !o || o.kind !== 'courier';
  const m = method();
  $('k-blik').hidden = !m || m.kind !== 'blik';
}

function fill(v) {
  const c = v.contact || {};
  ['email', 'phone', 'firstName', 'lastName'].forEach((k) => {
    $('f-' + k).value = c[k] || '';
  });
  const d = v.delivery || {};
  const a = d.address || {};
  ['street', 'buildingNumber', 'flatNumber', 'postcode', 'city'].forEach((k) => {
    $('f-address-' + k).value = a[k] || '';
  });
  if (d.pickupPoint) showPoints([d.pickupPoint], d.pickupPoint.id);
}

function showPoints(points, chosen) {
  state.pointId = chosen || null;
  $('k-points').hidden = points.length === 0;
  $('k-points-list').replaceChildren(
    ...points.map((p) => {
      const a = p.address || {};
      const line = [a.street, a.buildingNumber].filter(Boolean).join(' ') + ', ' + a.postcode + ' ' + a.city;
      const hint = [p.description, p.open247 ? 'czynny całą dobę' : ''].filter(Boolean).join(' · ');
      return choice('pickupPointId', p.id, p.id === chosen, line, hint, p.id);
    }),
  );
}

async function searchPoints() {
  clearErrors();
  const q = value('f-pointQuery');
  if (!q) return showErrors([fail('pointQuery', 'Wpisz kod pocztowy lub miejscowość.')]);
  const query = /^\d{2}-?\d{3}$/.test(q) ? 'postcode=' + encodeURIComponent(q) : 'q=' + encodeURIComponent(q);
  $('k-points-status').textContent = 'Szukamy punktów…';
  try {
    const res = await api('GET', '/api/pickup-points?limit=10&' + query);
    showPoints(res.points || [], null);
    $('k-points-status').textContent = res.points && res.points.length
      ? 'Znalezione punkty: ' + res.points.length + '. Wybierz jeden z listy.'
      : 'Nie znaleźliśmy punktów w tej okolicy. Wpisz inny kod pocztowy lub miejscowość.';
  } catch (e) {
    $('k-points-status').textContent = '';
    showErrors([e]);
  }
}

function deliveryBody() {
  const o = option();
  if (!o) throw fail('optionId', 'Wybierz sposób dostawy.');
  if (o.kind !== 'courier') {
    if (!state.pointId) throw fail('pickupPointId', 'Wybierz punkt odbioru z listy.');
    return { optionId: o.id, pickupPointId: state.pointId };
  }
  const address = {};
  ['street', 'buildingNumber', 'flatNumber', 'postcode', 'city'].forEach((k) => {
    const v = value('f-address-' + k);
    if (v || (k !== 'street' && k !== 'flatNumber')) address[k] = v;
  });
  return { optionId: o.id, address: address };
}

/** Saves contact, delivery and method one after another (one write at a time), collecting errors. */
async function saveAll(m) {
  const errors = [];
  const contact = { email: value('f-email'), phone: value('f-phone'), firstName: value('f-firstName'), lastName: value('f-lastName') };
  const steps = [
    () => put('/contact', contact),
    () => put('/delivery', deliveryBody()),
    () => (state.view.paymentMethodId === m.id ? null : put('/payment-method', { methodId: m.id })),
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (e) {
      if (!e || !e.api || e.status === 0 || e.status >= 500) throw e;
      errors.push(e);
    }
  }
  if (errors.length > 0) throw { list: errors };
}

async function pay(event) {
  event.preventDefault();
  if (state.busy || state.waiting) return;
  clearErrors();
  const m = method();
  if (!m) return showErrors([fail('methodId', 'Wybierz metodę płatności.')]);
  if (m.kind === 'blik' && blikDigits().length !== 6) return showErrors([fail('blikCode', 'Kod BLIK ma 6 cyfr.')]);
  setBusy(true);
  try {
    if (!state.view.order) {
      await saveAll(m);
      render(await api('POST', checkoutPath('/order'), undefined, { key: 'order-' + state.view.id }));
    }
    if (m.kind === 'cod') return finish(false);
    const body = m.kind === 'blik' ? { methodId: m.id, blikCode: blikDigits() } : { methodId: m.id };
    onPayment(await api('POST', checkoutPath('/payments'), body, { referrer: true }), true);
  } catch (e) {
    showErrors(e && e.list ? e.list : [e]);
  } finally {
    setBusy(false);
  }
}
`;
