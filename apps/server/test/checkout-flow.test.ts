import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Kasa, readyCheckout, SHOP_ORIGIN, SHOPPER, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa();
});
afterAll(() => kasa.close());

const payment = (id: string, paymentId: string) =>
  kasa.api('GET', `/api/checkouts/${id}/payments/${paymentId}`);
const settled = (id: string, paymentId: string) =>
  eventually(
    () => payment(id, paymentId),
    (r) => !['pending', 'awaiting_confirmation'].includes(r.body.status),
  );

describe('a full checkout through the HTTP API', () => {
  it('creates a checkout with authoritative totals, shipping options and BLIK first', async () => {
    const cartRef = await kasa.sandbox.createCart([
      { productId: kasa.sandbox.listProducts()[0]?.id ?? '', quantity: 3 },
    ]);
    const { status, body } = await kasa.api('POST', '/api/checkouts', { cartRef });
    expect(status).toBe(201);
    expect(body.id).toMatch(/^chk_[A-Za-z0-9_-]{22}$/);
    const line = body.cart.lines[0];
    expect(line.total.amount).toBe(line.unitPrice.amount * 3);
    expect(body.totals.total).toEqual(body.totals.subtotal);
    expect(body.shippingOptions[0]).toMatchObject({ kind: 'locker', carrier: 'inpost' });
    expect(body.paymentMethods.map((m: { kind: string }) => m.kind).slice(0, 3)).toEqual([
      'blik',
      'pbl',
      'card',
    ]);
    expect(body.missing).toEqual(['contact', 'delivery', 'paymentMethod']);
  });

  it('goes from cart to paid with an InPost locker and BLIK 777123', async () => {
    const { id, view, pointId } = await readyCheckout(kasa);
    expect(view.missing).toEqual([]);
    expect(view.delivery.pickupPoint.id).toBe(pointId);
    expect(view.totals.total.amount).toBe(view.totals.subtotal.amount + view.totals.shipping.amount);

    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, {
      'idempotency-key': `order-${id}`,
    });
    expect(placed.status).toBe(200);
    expect(placed.body.status).toBe('awaiting_payment');
    expect(placed.body.order.total).toEqual(view.totals.total);

    const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777 123' });
    expect(started.status).toBe(201);
    expect(started.body.status).toBe('awaiting_confirmation');
    expect(started.body.confirmBy).toBeGreaterThan(Date.now());

    const final = await settled(id, started.body.id);
    expect(final.body.status).toBe('paid');
    const after = await kasa.api('GET', `/api/checkouts/${id}`);
    expect(after.body.status).toBe('paid');
    const order = kasa.sandbox.findSandboxOrder(placed.body.order.id);
    expect(order?.status).toBe('paid');
    expect(order?.input.pickupPoint?.id).toBe(pointId);
  });

  it('keeps the same order waiting after a rejected BLIK code, and a new code pays it', async () => {
    const { id } = await readyCheckout(kasa);
    const before = kasa.sandbox.countOrders();
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
    const rejected = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '500500' });
    expect((await settled(id, rejected.body.id)).body).toMatchObject({
      status: 'rejected',
      reason: 'blik_code_rejected',
    });

    const again = await kasa.api('POST', `/api/checkouts/${id}/order`);
    expect(again.body.order.id).toBe(placed.body.order.id);
    const retried = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777456' });
    expect(retried.body.id).not.toBe(rejected.body.id);
    expect((await settled(id, retried.body.id)).body.status).toBe('paid');
    expect(kasa.sandbox.countOrders()).toBe(before + 1);
  });

  it('refuses an expired code at once and lets the shopper type a new one', async () => {
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const expired = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '700701' });
    expect(expired.body).toMatchObject({ status: 'expired', reason: 'blik_code_expired' });
    const retried = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777001' });
    expect((await settled(id, retried.body.id)).body.status).toBe('paid');
  });

  it('answers a BLIK code that is not six digits with 422 and starts no payment', async () => {
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const bad = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '12345' });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'blik_code_format', field: 'blikCode' });
    expect((await kasa.api('GET', `/api/checkouts/${id}`)).body.payment).toBeUndefined();
  });

  it('cancels a payment awaiting confirmation on the server, then accepts a new code', async () => {
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const waiting = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '999123' });
    const blocked = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
    expect(blocked.body.error.code).toBe('payment_in_progress');
    const cancelled = await kasa.api('POST', `/api/checkouts/${id}/payments/${waiting.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    const retried = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
    expect((await settled(id, retried.body.id)).body.status).toBe('paid');
  });

  it('times out an unanswered code after the confirmation window', async () => {
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const waiting = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '999999' });
    const final = await settled(id, waiting.body.id);
    expect(final.body).toMatchObject({ status: 'timeout', reason: 'blik_timeout' });
  });

  it('streams the payment status as server-sent events until it is paid', async () => {
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777777' });
    const response = await fetch(`${kasa.url}/api/checkouts/${id}/payments/${started.body.id}/events`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const statuses = [...text.matchAll(/data: (.*)/g)].map((match) => JSON.parse(match[1] ?? '{}').status);
    expect(statuses).toEqual(['awaiting_confirmation', 'paid']);
  });

  it('sends pay-by-link to the sandbox bank and marks the order paid after approval', async () => {
    const { id } = await readyCheckout(kasa);
    const pbl = (await kasa.api('GET', `/api/checkouts/${id}`)).body.paymentMethods.find(
      (method: { kind: string }) => method.kind === 'pbl',
    );
    await kasa.api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: pbl.id });
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, {});
    expect(started.body.status).toBe('redirect');
    const page = await fetch(started.body.redirectUrl);
    expect(await page.text()).toContain('Zapłać');
    await fetch(started.body.redirectUrl, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'approve' }),
      redirect: 'manual',
    });
    expect((await settled(id, started.body.id)).body.status).toBe('paid');
  });

  it("sends the shopper back from the bank page to the shop's page, never to another site", async () => {
    const pay = async (returnUrl: string) => {
      const { id } = await readyCheckout(kasa);
      const pbl = (await kasa.api('GET', `/api/checkouts/${id}`)).body.paymentMethods.find(
        (method: { kind: string }) => method.kind === 'pbl',
      );
      await kasa.api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: pbl.id });
      await kasa.api('POST', `/api/checkouts/${id}/order`);
      const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { returnUrl });
      const decided = await fetch(started.body.redirectUrl, {
        method: 'POST',
        body: new URLSearchParams({ decision: 'approve' }),
        redirect: 'manual',
      });
      return decided.headers.get('location');
    };
    expect(await pay(`${SHOP_ORIGIN}/kasa?cart=abc`)).toBe(`${SHOP_ORIGIN}/kasa?cart=abc`);
    expect(await pay('https://evil.example/phish')).toBe(`${kasa.url}/`);
  });

  it('places a cash-on-delivery order with its fee and no payment', async () => {
    const { id } = await readyCheckout(kasa);
    const cod = (await kasa.api('GET', `/api/checkouts/${id}`)).body.paymentMethods.find(
      (method: { kind: string }) => method.kind === 'cod',
    );
    const chosen = await kasa.api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: cod.id });
    expect(chosen.body.totals.paymentFee).toEqual(cod.fee);
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
    expect(placed.body.status).toBe('cash_on_delivery');
    expect(kasa.sandbox.findSandboxOrder(placed.body.order.id)?.status).toBe('cash_on_delivery');
  });

  it('asks for an address on courier delivery and validates the postcode', async () => {
    const { id, view } = await readyCheckout(kasa);
    const courier = view.shippingOptions.find((option: { kind: string }) => option.kind === 'courier');
    const missing = await kasa.api('PUT', `/api/checkouts/${id}/delivery`, { optionId: courier.id });
    expect(missing.body.error.code).toBe('address_required');
    const bad = await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
      optionId: courier.id,
      address: { ...SHOPPER.address, postcode: '123' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toContainEqual(
      expect.objectContaining({ field: 'address.postcode', code: 'postcode_invalid' }),
    );
    const good = await kasa.api('PUT', `/api/checkouts/${id}/delivery`, {
      optionId: courier.id,
      address: SHOPPER.address,
    });
    expect(good.body.delivery.address.postcode).toBe('00-514');
    expect(good.body.totals.shipping).toEqual(courier.price);
  });

  it('freezes contact and delivery once the order is placed', async () => {
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const edit = await kasa.api('PUT', `/api/checkouts/${id}/contact`, SHOPPER.contact);
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('checkout_locked');
  });

  it('answers in English when asked, Polish by default', async () => {
    const unknown = await kasa.api('GET', '/api/checkouts/chk_doesnotexist');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('checkout_not_found');
    expect(unknown.body.error.message).toMatch(/sesja/);
    const english = await kasa.api('GET', '/api/checkouts/chk_doesnotexist', undefined, {
      'accept-language': 'en-GB',
    });
    expect(english.body.error.message).toMatch(/session/);
    expect(english.body.error.merchantMessage).toBeTruthy();
  });
});
