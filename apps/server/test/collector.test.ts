import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Kasa, readyCheckout, SHOP_ORIGIN, startKasa } from './harness.ts';

let kasa: Kasa;
beforeAll(async () => {
  kasa = await startKasa();
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

  it('records the purchase from the verified payment, once, with the id the browser uses', async () => {
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

    const browserPurchase = { ...purchases[0], ts: Date.now() };
    expect((await collect({ events: [browserPurchase] })).body).toMatchObject({ stored: 0, duplicates: 1 });
  });
});
