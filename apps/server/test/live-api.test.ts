import { HOUR_MS } from '@kasa/analytics';
import { type CheckoutEvent, checkoutEventSchema } from '@kasa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveFigures } from '../src/analytics/live.ts';
import { liveAnswerSchema } from '../src/http/live-routes.ts';
import { eventually, type Kasa, readyCheckout, SHOPPER, startKasa } from './harness.ts';

const TOKEN = 'merchant-token-for-the-live-view-0123';
const asMerchant = { authorization: `Bearer ${TOKEN}` };

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa({ config: { analytics: { merchantToken: TOKEN } } });
});
afterAll(() => kasa.close());

const live = async (query = ''): Promise<LiveFigures> => {
  const response = await kasa.api<LiveFigures>('GET', `/api/analytics/live${query}`, undefined, asMerchant);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return liveAnswerSchema.parse(response.body);
};

let eventCount = 0;
const nextEventId = () => {
  eventCount += 1;
  return `live-test-event-${eventCount}`;
};
/** A browser event of the checkout, as the tracker sends it. */
const browserEvent = (checkoutId: string, name: string, params: object, more: object = {}) => ({
  id: nextEventId(),
  ts: Date.now(),
  shopId: 'demo',
  checkoutId,
  experiments: { 'checkout-layout': 'multi-step' },
  name,
  params,
  ...more,
});

async function collect(...events: object[]) {
  const response = await kasa.api('POST', '/api/collect', { events });
  expect(response.body).toMatchObject({ rejected: [] });
}

async function pay(id: string) {
  const placed = await kasa.api('POST', `/api/checkouts/${id}/order`, undefined, {
    'idempotency-key': `order-${id}`,
  });
  const started = await kasa.api('POST', `/api/checkouts/${id}/payments`, { blikCode: '777123' });
  const paid = await eventually(
    () => kasa.api('GET', `/api/checkouts/${id}/payments/${started.body.id}`),
    (r) => r.body.status === 'paid',
  );
  expect(paid.body.status).toBe('paid');
  return placed.body.order.total.amount as number;
}

describe('GET /api/analytics/live', () => {
  it('answers only with the merchant token, and refuses a bad simulated filter naming it', async () => {
    expect((await kasa.api('GET', '/api/analytics/live')).status).toBe(401);
    const bad = await kasa.api('GET', '/api/analytics/live?simulated=maybe', undefined, asMerchant);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('query_invalid');
    expect(JSON.stringify(bad.body.error.details.issues)).toContain('simulated');
    const unknown = await kasa.api('GET', '/api/analytics/live?from=2026-01-01', undefined, asMerchant);
    expect(unknown.status).toBe(400);
  });

  it('shows a checkout in progress, then its paid order and revenue, open with a provisional conversion', async () => {
    const before = await live();
    const { id, view } = await readyCheckout(kasa);
    await collect(
      browserEvent(id, 'begin_checkout', {
        value: view.totals.total.amount,
        currency: 'PLN',
        items: [],
      }),
    );
    const started = await live();
    expect(started.inProgress).toBe(before.inProgress + 1);
    expect(started.open.checkouts).toBe(before.open.checkouts + 1);
    expect(started.open.purchases).toBe(before.open.purchases);
    expect(started.totals.lastHour.orders).toBe(before.totals.lastHour.orders);
    const layout = started.experiments.find((e) => e.key === 'checkout-layout');
    expect(layout?.arms.map((a) => a.variation)).toEqual(['one-page', 'multi-step']);
    expect(layout?.arms[1]?.checkouts).toBeGreaterThanOrEqual(1);

    const total = await pay(id);
    const paid = await live();
    expect(paid.inProgress).toBe(before.inProgress);
    expect(paid.totals.lastHour).toEqual({
      orders: before.totals.lastHour.orders + 1,
      revenue: before.totals.lastHour.revenue + total,
    });
    expect(paid.totals.last24Hours.revenue).toBe(before.totals.last24Hours.revenue + total);
    expect(paid.hours.at(-1)?.orders).toBe((before.hours.at(-1)?.orders ?? 0) + 1);
    expect(paid.open.purchases).toBe(before.open.purchases + 1);
    expect(paid.open.conversion).toBe(paid.open.purchases / paid.open.checkouts);
    // Final one attribution window (24 h by default) after it began.
    expect(paid.open.allFinalAt).toBeGreaterThan(Date.now() + 23 * HOUR_MS);
    const arm = paid.experiments.find((e) => e.key === 'checkout-layout')?.arms[1];
    expect(arm?.purchases).toBe((layout?.arms[1]?.purchases ?? 0) + 1);
    // Nothing about the shopper in the answer.
    const text = JSON.stringify(paid);
    for (const personal of [SHOPPER.contact.email, SHOPPER.contact.lastName, id]) {
      expect(text).not.toContain(personal);
    }
  });

  it('counts an order once even when its purchase is reported twice', async () => {
    const before = await live();
    const { id } = await readyCheckout(kasa);
    const total = await pay(id);
    await eventually(
      () => live(),
      (l) => l.totals.lastHour.orders === before.totals.lastHour.orders + 1,
    );
    const [purchase] = (await kasa.runtime.events.byCheckout(id)).filter((e) => e.name === 'purchase');
    if (!purchase) throw new Error('the server recorded no purchase');
    await kasa.runtime.events.append([
      checkoutEventSchema.parse({ ...purchase, id: 'purchase-reported-again' }),
    ]);
    const after = await live();
    expect(after.totals.lastHour).toEqual({
      orders: before.totals.lastHour.orders + 1,
      revenue: before.totals.lastHour.revenue + total,
    });
  });

  it('keeps simulated checkouts out unless asked for them', async () => {
    const real = await live();
    const simulatedBefore = await live('?simulated=true');
    const ts = Date.now();
    const simulated: CheckoutEvent[] = [
      checkoutEventSchema.parse({
        ...browserEvent('chk_simulated_live_1', 'begin_checkout', { value: 10, currency: 'PLN', items: [] }),
        ts: ts - 1_000,
        simulated: true,
      }),
      checkoutEventSchema.parse({
        id: 'purchase-simulated-live-1',
        ts,
        shopId: 'demo',
        checkoutId: 'chk_simulated_live_1',
        simulated: true,
        name: 'purchase',
        params: { value: 4_200, currency: 'PLN', transaction_id: 'sim-1', shipping: 0, tax: 0, items: [] },
      }),
    ];
    await kasa.runtime.events.append(simulated);
    const [realAfter, simulatedAfter, both] = [
      await live(),
      await live('?simulated=true'),
      await live('?simulated=both'),
    ];
    expect(realAfter.totals.lastHour).toEqual(real.totals.lastHour);
    expect(simulatedAfter.totals.lastHour).toEqual({
      orders: simulatedBefore.totals.lastHour.orders + 1,
      revenue: simulatedBefore.totals.lastHour.revenue + 4_200,
    });
    expect(both.totals.lastHour.orders).toBe(
      realAfter.totals.lastHour.orders + simulatedAfter.totals.lastHour.orders,
    );
  });
});
