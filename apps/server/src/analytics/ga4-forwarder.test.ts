import { type CheckoutEvent, checkoutEventSchema } from '@kasa/core';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../listen.ts';
import { createGa4Forwarder, MP_MAX_BYTES, MP_MAX_EVENTS, mpBodies } from './ga4-forwarder.ts';

const purchase = (n: number, overrides: Partial<CheckoutEvent> = {}) =>
  checkoutEventSchema.parse({
    id: `purchase-ord_${n}`,
    ts: 1_767_225_600_000,
    shopId: 'demo',
    checkoutId: `chk_${n}`,
    name: 'purchase',
    params: {
      value: 14_298,
      currency: 'PLN',
      transaction_id: `ord_${n}`,
      shipping: 1_299,
      tax: 2_674,
      items: [{ item_id: 'kawa-etiopia-250', quantity: 2, price: 4_990 }],
      payment_type: 'blik',
    },
    ...overrides,
  }) as Extract<CheckoutEvent, { name: 'purchase' }>;

/** A local stand-in for GA4's /mp/collect and /debug/mp/collect, checking the documented limits. */
function fakeGa4() {
  const received: {
    path: string;
    query: URLSearchParams;
    body: { client_id: string; events: { name: string; params: Record<string, unknown> }[] };
  }[] = [];
  const app = new Hono();
  const collect = async (c: import('hono').Context, debug: boolean) => {
    const text = await c.req.text();
    const body = JSON.parse(text);
    received.push({ path: c.req.path, query: new URL(c.req.url).searchParams, body });
    const messages = [];
    if (text.length >= MP_MAX_BYTES)
      messages.push({ description: 'body too large', validationCode: 'VALUE_INVALID' });
    if (body.events.length > MP_MAX_EVENTS)
      messages.push({ description: 'too many events', validationCode: 'VALUE_INVALID' });
    if (!body.client_id)
      messages.push({ description: 'client_id missing', validationCode: 'VALUE_REQUIRED' });
    // Like GA4: /mp/collect always answers 2xx, only the debug endpoint says what is wrong.
    return debug ? c.json({ validationMessages: messages }) : c.body(null, 204);
  };
  app.post('/mp/collect', (c) => collect(c, false));
  app.post('/debug/mp/collect', (c) => collect(c, true));
  return { app, received };
}

describe('the GA4 Measurement Protocol forwarder', () => {
  const ga4 = fakeGa4();
  let server: Awaited<ReturnType<typeof listen>>;
  let endpoint = '';
  beforeAll(async () => {
    server = await listen(ga4.app.fetch, 0);
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends purchases in major units with the measurement id and secret, and passes validation', async () => {
    const forwarder = createGa4Forwarder({
      measurementId: 'G-TEST123',
      apiSecret: 's3cret',
      endpoint,
      validate: true,
    });
    expect(
      await forwarder.forward([purchase(1), { ...purchase(2), name: 'begin_checkout' } as never]),
    ).toEqual({ requests: 1 });
    const [request] = ga4.received;
    expect(request?.path).toBe('/debug/mp/collect');
    expect(request?.query.get('measurement_id')).toBe('G-TEST123');
    expect(request?.body.events[0]).toEqual({
      name: 'purchase',
      params: expect.objectContaining({
        transaction_id: 'ord_1',
        value: 142.98,
        shipping: 12.99,
        tax: 26.74,
      }),
    });
  });

  it('puts one client per request, at most 25 events and under 130 kB each', () => {
    const many = Array.from({ length: 60 }, (_, i) => purchase(i, { visitorId: 'v_same' }));
    const other = purchase(99, { visitorId: 'v_other' });
    const bodies = mpBodies([...many, other]).map((body) => JSON.parse(body));
    expect(bodies.map((body) => body.events.length)).toEqual([25, 25, 10, 1]);
    expect(new Set(bodies.slice(0, 3).map((body) => body.client_id))).toEqual(new Set(['v_same']));
    const heavy = Array.from({ length: 25 }, (_, i) =>
      purchase(i, {
        visitorId: 'v_heavy',
        params: {
          ...purchase(i).params,
          items: Array.from({ length: 200 }, (_, j) => ({
            item_id: `sku-${j}-${'x'.repeat(40)}`,
            quantity: 1,
            price: 100,
          })),
        },
      } as never),
    );
    for (const body of mpBodies(heavy)) expect(body.length).toBeLessThan(MP_MAX_BYTES);
  });

  it('fails loudly when the validation server reports a problem', async () => {
    const forwarder = createGa4Forwarder({
      measurementId: 'G-TEST123',
      apiSecret: 's3cret',
      endpoint,
      validate: true,
      fetch: async () => Response.json({ validationMessages: [{ description: 'NAME_INVALID' }] }),
    });
    await expect(forwarder.forward([purchase(5)])).rejects.toThrow(/NAME_INVALID/);
  });
});
