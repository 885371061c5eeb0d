/**
 * Last part of the checkout page script: the payment outcome (BLIK confirmation with a countdown
 * and polling, redirect, retry after a refusal), the thank-you panel, event wiring and start-up
 * (resuming the checkout kept in sessionStorage for this cart).
 */
export const CHECKOUT_PAYMENT_SCRIPT = String.raw`
/** Acts on a payment attempt; follow is true right after starting it (a redirect is followed once). */
function onPayment(p, follow) {
  state.payment = p;
  if (p.status === 'paid') return finish(true);
  if (follow && p.status === 'redirect' && /^https?:\/\//i.test(p.redirectUrl || '')) {
    $('k-status').textContent = 'Przekierowujemy do płatności…';
    window.location.assign(p.redirectUrl);
    return;
  }
  if (WAITING.indexOf(p.status) >= 0) return wait(p);
  stopWaiting();
  const message = REASONS[p.reason] || REASONS[p.status] || REASONS.failed;
  showAlert(message);
  if (p.method === 'blik' && !$('k-blik').hidden) {
    $('f-blikCode').value = '';
    fieldError('blikCode', message).focus();
  } else {
    $('k-alert').focus();
  }
}

function wait(p) {
  state.waiting = true;
  setBusy(state.busy);
  $('k-wait-h').textContent = p.method === 'blik' ? 'Potwierdź płatność w aplikacji banku' : 'Sprawdzamy status płatności…';
  $('k-cancel').disabled = false;
  $('k-wait').hidden = false;
  countdown();
  if (!state.timer) {
    state.started = Date.now();
    state.timer = setInterval(step, 1000);
    $('k-wait').focus();
  }
}

function stopWaiting() {
  clearInterval(state.timer);
  state.timer = null;
  state.waiting = false;
  $('k-wait').hidden = true;
  setBusy(state.busy);
}

function countdown() {
  const by = state.payment && state.payment.confirmBy;
  if (!by) {
    $('k-countdown').textContent = '';
    return;
  }
  const s = Math.max(0, Math.ceil((by - Date.now()) / 1000));
  $('k-countdown').textContent = s > 0
    ? 'Pozostały czas: ' + Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0')
    : 'Czas na potwierdzenie minął. Sprawdzamy status płatności…';
}

async function step() {
  countdown();
  if (state.polling) return;
  if (Date.now() - state.started > 10 * 60 * 1000) {
    stopWaiting();
    showAlert('Nie znamy jeszcze wyniku płatności. Odśwież stronę za chwilę.');
    return;
  }
  state.polling = true;
  try {
    const p = await api('GET', checkoutPath('/payments/' + encodeURIComponent(state.payment.id)));
    if (state.waiting) onPayment(p, false);
  } catch (e) {
    // A lost poll is retried on the next tick.
  } finally {
    state.polling = false;
  }
}

async function cancel() {
  $('k-cancel').disabled = true;
  try {
    onPayment(await api('POST', checkoutPath('/payments/' + encodeURIComponent(state.payment.id) + '/cancel')), false);
  } catch (e) {
    $('k-cancel').disabled = false;
    showErrors([e]);
  }
}

async function finish(paid) {
  stopWaiting();
  try {
    render(await api('GET', checkoutPath()));
  } catch (e) {
    // The order number is usually known already.
  }
  const number = state.view.order ? state.view.order.number : '';
  $('k-done-h').textContent = 'Dziękujemy! Zamówienie nr ' + number + (paid ? ' opłacone.' : ' przyjęte.');
  $('k-done-text').textContent = paid ? 'Płatność została przyjęta.' : 'Zapłacisz przy odbiorze przesyłki.';
  $('k-layout').hidden = true;
  $('k-alert').hidden = true;
  $('k-done').hidden = false;
  $('k-done').focus();
}

async function quietSave(write) {
  if (state.busy || (state.view && state.view.order)) return;
  try {
    await write();
  } catch (e) {
    showErrors([e]);
  }
}

function wire() {
  $('k-form').addEventListener('submit', pay);
  // Enter in a field must not place the order; only in the BLIK field does it mean "pay".
  $('k-form').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target.tagName === 'INPUT' && e.target.id !== 'f-blikCode') e.preventDefault();
  });
  $('k-search').addEventListener('click', searchPoints);
  $('k-cancel').addEventListener('click', cancel);
  $('f-pointQuery').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    searchPoints();
  });
  $('k-options').addEventListener('change', () => {
    clearErrors();
    toggleBoxes();
    const o = option();
    if (o && o.kind !== 'courier' && state.pointId) quietSave(() => put('/delivery', deliveryBody()));
  });
  $('k-points-list').addEventListener('change', (e) => {
    state.pointId = e.target.value;
    quietSave(() => put('/delivery', deliveryBody()));
  });
  $('k-methods').addEventListener('change', () => {
    toggleBoxes();
    const m = method();
    if (m) quietSave(() => put('/payment-method', { methodId: m.id }));
  });
  $('f-blikCode').addEventListener('input', (e) => {
    const d = blikDigits().slice(0, 6);
    const shown = d.length > 3 ? d.slice(0, 3) + ' ' + d.slice(3) : d;
    if (e.target.value !== shown) e.target.value = shown;
  });
}

async function start() {
  let v = null;
  let saved = null;
  try {
    saved = sessionStorage.getItem(KEY);
  } catch (e) {
    saved = null;
  }
  try {
    if (saved) {
      try {
        v = await api('GET', '/api/checkouts/' + encodeURIComponent(saved));
      } catch (e) {
        if (e.status !== 404) throw e;
      }
    }
    if (!v) {
      v = await api('POST', '/api/checkouts', { cartRef: CART });
      try {
        sessionStorage.setItem(KEY, v.id);
      } catch (e) {
        // Storage may be off (private mode): a reload then starts a new checkout.
      }
    }
  } catch (e) {
    $('k-status').textContent = '';
    return showErrors([e]);
  }
  render(v);
  fill(v);
  toggleBoxes();
  wire();
  $('k-status').textContent = '';
  $('k-form').hidden = false;
  $('k-pay-box').hidden = false;
  if (!v.order) return;
  if (v.status === 'paid' || (v.payment && v.payment.status === 'paid')) return finish(true);
  if (v.status === 'cash_on_delivery') return finish(false);
  if (v.payment) onPayment(v.payment, false);
}

start();
`;
