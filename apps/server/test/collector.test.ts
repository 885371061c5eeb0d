import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Kasa, readyCheckout, SHOP_ORIGIN, startKasa } from './harness.ts';

const TOKEN = 'merchant-token-for-collector-tests-01';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ config: { analytics: { merchantToken: TOKEN } } });
});
afterAll(() => kasa.close());

let serial = 0;
const nextId = () => {
  serial += 1;
  return `0190f0a1-7c2b-7000-8000-${String(serial).padStart(12, '0')}`;
};
const event = (overrides: Record<string, unknown> = {}) => ({
  id: nextId(),
  ts: Date.now(),
  shopId: 'demo',
  checkoutId: 'chk_collector',
  name: 'checkout_step_view',
  params: { section: 'contact', layout: 'one-page' },
  ...overrides,
});

const collect = (body: unknown, headers: Record<string, string> = {}) =>
  kasa.api('POST', '/api/collect', typeof body === 'string' ? body : JSON.stringify(body), {
    'content-type': 'application/json',
    ...headers,
  });

describe('POST /api/collect', () => {
  it('stores a batch and counts a retried batch once', async () => {
    const batch = { events: [event(), event(), event()] };
    expect((await collect(batch)).body).toEqual({ stored: 3, duplicates: 0, rejected: [] });
    expect((await collect(batch)).body).toEqual({ stored: 0, duplicates: 3, rejected: [] });
  });

  it('accepts text/plain JSON, as sendBeacon sends it, from a shop origin', async () => {
    const response = await collect(
      { events: [event()] },
      { 'content-type': 'text/plain;charset=UTF-8', origin: SHOP_ORIGIN },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(response.body.stored).toBe(1);
  });

  it('keeps the good events of a batch and names the index and reason of each bad one', async () => {
    const good = event();
    const response = await collect({
      events: [
        good,
        { ...event(), name: 'teleport' },
        { ...event(), params: { section: 'contact', email: 'a@b.pl' } },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.stored).toBe(1);
    expect(response.body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2]);
    expect(response.body.rejected[1].reason).toMatch(/params/);
  });

  it('answers a batch with no valid event with 400 and stores nothing', async () => {
    const before = await kasa.runtime.events.count();
    const response = await collect({ events: [{ nonsense: true }] });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('body_invalid');
    expect(await kasa.runtime.events.count()).toBe(before);
  });

  it('refuses more than 100 events and bodies over 64 kB', async () => {
    expect((await collect({ events: Array.from({ length: 101 }, () => event()) })).status).toBe(400);
    const huge = { events: [event({ params: { section: 'contact', layout: 'x'.repeat(70_000) } })] };
    expect((await collect(huge)).status).toBe(413);
  });

  it("records the purchase from the verified payment, once, and refuses the browser's copy", async () => {
    const { id } = await readyCheckout(kasa);
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
    const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
    await eventually(
      () => kasa.api('GET', `/api/checkouts/${id}/payments/${started.body.id}`),
      (r) => r.body.status === 'paid',
    );
    const orderId: string = placed.body.order.id;
    const purchases = (await kasa.runtime.events.byCheckout(id)).filter((e) => e.name === 'purchase');
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ id: `purchase-${orderId}`, params: { transaction_id: orderId } });
    expect(purchases[0]?.name === 'purchase' && purchases[0].params.value).toBe(
      placed.body.order.total.amount,
    );

    // The browser's copy is refused, not de-duplicated: only the server writes purchases.
    const browserPurchase = { ...purchases[0], id: nextId(), ts: Date.now() };
    const refused = await collect({ events: [browserPurchase] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.rejected).toEqual([
      { index: 0, code: 'event_server_only', reason: expect.stringContaining('purchase') },
    ]);
    expect((await kasa.runtime.events.byCheckout(id)).filter((e) => e.name === 'purchase')).toHaveLength(1);
  });
});

describe('payment outcomes', () => {
  it('records a cash-on-delivery order as the purchase when it is placed, there being no payment to wait for', async () => {
    const { id, view } = await readyCheckout(kasa);
    const cod = view.paymentMethods.find((method: { kind: string }) => method.kind === 'cod');
    await kasa.api('PUT', `/api/checkouts/${id}/payment-method`, { methodId: cod.id });
    const placed = await kasa.api('POST', `/api/checkouts/${id}/order`);
    expect(placed.status).toBe(200);
    const purchases = (await kasa.runtime.events.byCheckout(id)).filter((e) => e.name === 'purchase');
    expect(purchases).toEqual([
      expect.objectContaining({
        id: `purchase-${placed.body.order.id}`,
        params: expect.objectContaining({ value: placed.body.order.total.amount, payment_type: 'cod' }),
      }),
    ]);
  });

  it('records each failed payment attempt from the provider, once', async () => {
    const { id } = await readyCheckout(kasa);
    await kasa.api('POST', `/api/checkouts/${id}/order`);
    const refused = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '500500' });
    const seen = await eventually(
      () => kasa.api('GET', `/api/checkouts/${id}/payments/${refused.body.id}`),
      (r) => r.body.status === 'rejected',
    );
    expect(seen.body.status).toBe('rejected');
    await kasa.api('GET', `/api/checkouts/${id}/payments/${refused.body.id}`);
    const failed = await eventually(
      async () => (await kasa.runtime.events.byCheckout(id)).filter((e) => e.name === 'payment_failed'),
      (events) => events.length > 0,
    );
    expect(failed).toEqual([
      expect.objectContaining({
        id: `payment_failed-${refused.body.id}`,
        checkoutId: id,
        params: { payment_type: 'blik', reason: 'blik_code_rejected' },
      }),
    ]);
    expect(failed[0]).not.toHaveProperty('simulated');
  });
});

/** The merchant's report, simulated checkouts included, without the moment it was made. */
async function report() {
  const answer = await kasa.api('GET', '/api/analytics/report?simulated=both', undefined, {
    authorization: `Bearer ${TOKEN}`,
  });
  expect(answer.status).toBe(200);
  // The time of the read moves between two reads (the report's `now`, and the headline period's end
  // when no `to` is asked for); the figures must not.
  const { now: _now, ...rest } = answer.body;
  const { period } = rest.headline;
  return {
    ...rest,
    headline: { ...rest.headline, period: { ...period, period: { ...period.period, to: undefined } } },
  };
}

const forgedPurchase = (checkoutId: string, value: number, overrides: Record<string, unknown> = {}) =>
  event({
    checkoutId,
    name: 'purchase',
    params: { value, currency: 'PLN', transaction_id: `ord_${checkoutId}`, shipping: 0, tax: 0, items: [] },
    ...overrides,
  });

describe('POST /api/collect and the numbers only the server knows', () => {
  it('refuses forged purchases and payment outcomes, each with its code, and the report does not move', async () => {
    const layout = { 'checkout-layout': 'one-page' };
    const begun = (checkoutId: string) =>
      event({
        checkoutId,
        experiments: layout,
        name: 'begin_checkout',
        params: { value: 9_998, currency: 'PLN', items: [{ item_id: 'SKU-1', quantity: 2, price: 4_999 }] },
      });
    expect((await collect({ events: [begun('chk_forge_a'), begun('chk_forge_b')] })).status).toBe(200);
    const before = await report();

    const forged = [
      forgedPurchase('chk_forge_a', 10 ** 15, { experiments: layout }),
      forgedPurchase('chk_forge_b', -500_000, { experiments: layout }),
      forgedPurchase('chk_forge_c', 12_999, { simulated: true }),
      event({
        checkoutId: 'chk_forge_a',
        name: 'payment_failed',
        params: { payment_type: 'blik', reason: 'blik_timeout' },
      }),
    ];
    const answer = await collect({ events: forged });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('body_invalid');
    expect(answer.body.error.details.rejected).toEqual(
      forged.map((_, index) => ({ index, code: 'event_server_only', reason: expect.any(String) })),
    );

    // Beside a browser event, the forged ones are named and the good one kept.
    const mixed = await collect({
      events: [event({ checkoutId: 'chk_forge_a' }), forgedPurchase('chk_forge_a', 1)],
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body).toEqual({
      stored: 1,
      duplicates: 0,
      rejected: [{ index: 1, code: 'event_server_only', reason: expect.any(String) }],
    });

    const stored = [
      ...(await kasa.runtime.events.byCheckout('chk_forge_a')),
      ...(await kasa.runtime.events.byCheckout('chk_forge_b')),
      ...(await kasa.runtime.events.byCheckout('chk_forge_c')),
    ];
    expect(stored.map((e) => e.name).sort()).toEqual([
      'begin_checkout',
      'begin_checkout',
      'checkout_step_view',
    ]);
    expect(await report()).toEqual(before);
  });

  it('refuses amounts and times no browser could know, naming the field', async () => {
    const before = await kasa.runtime.events.count();
    const cart = (value: number, price = 100) => ({
      name: 'begin_checkout',
      params: { value, currency: 'PLN', items: [{ item_id: 'SKU-1', quantity: 1, price }] },
    });
    const answer = await collect({
      events: [
        event(cart(-1)),
        event(cart(10 ** 15)),
        event(cart(100, -100)),
        event({
          name: 'add_payment_info',
          params: { value: 2 ** 40, currency: 'PLN', payment_type: 'blik' },
        }),
        event({ ts: Date.now() + 7 * 24 * 3_600_000 }),
      ],
    });
    expect(answer.status).toBe(400);
    const rejected = answer.body.error.details.rejected as { index: number; code: string; reason: string }[];
    expect(rejected.map((r) => [r.index, r.code])).toEqual([0, 1, 2, 3, 4].map((i) => [i, 'event_invalid']));
    expect(rejected.map((r) => r.reason.split(':')[0])).toEqual([
      'params.value',
      'params.value',
      'params.items.0.price',
      'params.value',
      'ts',
    ]);
    expect(await kasa.runtime.events.count()).toBe(before);
  });

  it('refuses prototype names as experiment keys and variations', async () => {
    const before = await kasa.runtime.events.count();
    // Written as text: an object literal cannot hold an own `__proto__` key.
    const body = `{"events":[${[
      JSON.stringify(event({ experiments: { constructor: 'one-page' } })),
      JSON.stringify(event({ experiments: { 'checkout-layout': 'prototype' } })),
      JSON.stringify(event()).replace('{', '{"experiments":{"__proto__":"one-page"},'),
      JSON.stringify(
        event({ name: 'experiment_exposure', params: { experiment: '__proto__', variation: 'a' } }),
      ),
      JSON.stringify(
        event({ name: 'experiment_exposure', params: { experiment: 'layout', variation: 'constructor' } }),
      ),
    ].join(',')}]}`;
    const answer = await collect(body);
    expect(answer.status).toBe(400);
    expect(
      answer.body.error.details.rejected.map((r: { index: number; code: string }) => [r.index, r.code]),
    ).toEqual([0, 1, 2, 3, 4].map((i) => [i, 'event_invalid']));
    expect(await kasa.runtime.events.count()).toBe(before);
  });

  it('refuses a body that is not UTF-8 and text with a lone surrogate, storing no replacement character', async () => {
    const before = await kasa.runtime.events.count();
    const json = JSON.stringify({
      events: [event({ checkoutId: 'chk_utf8', lastTouch: { campaign: 'zimaXX' } })],
    });
    const [head, tail] = json.split('XX') as [string, string];
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe]), Buffer.from(tail)]);
    const response = await fetch(`${kasa.url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: bytes,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('body_invalid');

    // Valid JSON escapes that make no Unicode text.
    const lone = json.replace('XX', '\\ud800');
    const answer = await collect(lone);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.rejected).toEqual([
      { index: 0, code: 'event_invalid', reason: expect.stringMatching(/^lastTouch\.campaign/) },
    ]);
    expect(await kasa.runtime.events.count()).toBe(before);
    expect(JSON.stringify(await kasa.runtime.events.byCheckout('chk_utf8'))).not.toContain('\ufffd');
  });
});
