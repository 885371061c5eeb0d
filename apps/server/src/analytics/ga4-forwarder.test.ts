import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CheckoutEvent, checkoutEventSchema } from '@kasa/core';
import { createSqliteGa4Outbox, openSqlite } from '@kasa/storage';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen } from '../listen.ts';
import {
  createGa4Forwarder,
  type GaContext,
  latestGaContext,
  MP_MAX_AGE_MS,
  MP_MAX_BYTES,
  mpBody,
} from './ga4-forwarder.ts';

const T0 = 1_767_225_600_000;
type Purchase = Extract<CheckoutEvent, { name: 'purchase' }>;

const purchase = (n: number, overrides: Partial<CheckoutEvent> = {}) =>
  checkoutEventSchema.parse({
    id: `purchase-ord_${n}`,
    ts: T0,
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
  }) as Purchase;

const consented: GaContext = {
  clientId: '1234567890.1767225600',
  sessionId: '1767229200',
  adUserData: 'granted',
  adPersonalization: 'denied',
};

type Received = {
  path: string;
  query: URLSearchParams;
  body: {
    client_id: string;
    timestamp_micros?: number;
    consent?: Record<string, string>;
    validation_behavior?: string;
    events: { name: string; params: Record<string, unknown> }[];
  };
};

/**
 * A local stand-in for GA4's /mp/collect and /debug/mp/collect. Like GA4, /mp/collect always answers
 * 2xx and only the debug endpoint says what is wrong; `faults` makes the next answers fail instead.
 */
function fakeGa4() {
  const received: Received[] = [];
  const faults: (number | 'drop')[] = [];
  const app = new Hono();
  const collect = async (c: import('hono').Context, debug: boolean) => {
    const fault = faults.shift();
    if (fault === 'drop') {
      // The connection dies without an answer: a network error for the client.
      (c.env as { incoming: import('node:http').IncomingMessage }).incoming.socket.destroy();
      return c.body(null);
    }
    if (fault) return c.body(null, fault as 500);
    const text = await c.req.text();
    const body = JSON.parse(text);
    received.push({ path: c.req.path, query: new URL(c.req.url).searchParams, body });
    const messages = [];
    if (text.length >= MP_MAX_BYTES)
      messages.push({ description: 'body too large', validationCode: 'VALUE_INVALID' });
    if (!body.client_id)
      messages.push({ description: 'client_id missing', validationCode: 'VALUE_REQUIRED' });
    if (body.events[0]?.params.currency === 'XXX')
      messages.push({
        fieldPath: 'events.params.currency',
        description: 'bad currency',
        validationCode: 'VALUE_INVALID',
      });
    return debug ? c.json({ validationMessages: messages }) : c.body(null, 204);
  };
  app.post('/mp/collect', (c) => collect(c, false));
  app.post('/debug/mp/collect', (c) => collect(c, true));
  return { app, received, faults };
}

const ga4 = fakeGa4();
let server: Awaited<ReturnType<typeof listen>>;
let endpoint = '';
const dir = mkdtempSync(join(tmpdir(), 'kasa-ga4-'));
beforeAll(async () => {
  server = await listen(ga4.app.fetch, 0);
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  ga4.received.length = 0;
  ga4.faults.length = 0;
});

/** A forwarder on a fake clock, its log lines kept. */
function forwarder(
  options: { validate?: boolean; withoutConsent?: 'anonymous' | 'skip' } = {},
  file = ':memory:',
) {
  const clock = { t: T0 };
  const logs: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) =>
    void logs.push({ level, fields, message });
  const db = openSqlite(file);
  const outbox = createSqliteGa4Outbox(db);
  const sender = createGa4Forwarder({
    options: { measurementId: 'G-TEST123', apiSecret: 's3cret', endpoint, ...options },
    outbox,
    logger: { info: log('info'), warn: log('warn'), debug: log('debug') },
    now: () => clock.t,
    retryMs: 1_000,
    maxRetryMs: 60_000,
  });
  return { sender, outbox, clock, logs, db };
}

describe('the GA4 purchase body', () => {
  it("carries the shopper's GA client id, session and ad choices when the tracker had consent", () => {
    const body = JSON.parse(mpBody(purchase(1), consented) ?? '');
    expect(body).toEqual({
      client_id: '1234567890.1767225600',
      timestamp_micros: T0 * 1000,
      consent: { ad_user_data: 'GRANTED', ad_personalization: 'DENIED' },
      events: [
        {
          name: 'purchase',
          params: {
            transaction_id: 'ord_1',
            currency: 'PLN',
            value: 142.98,
            shipping: 12.99,
            tax: 26.74,
            items: [{ item_id: 'kawa-etiopia-250', quantity: 2, price: 49.9 }],
            payment_type: 'blik',
            session_id: '1767229200',
            engagement_time_msec: 1,
          },
        },
      ],
    });
  });

  it('without consent sends a new random client id per purchase, no session and ad signals denied', () => {
    const a = JSON.parse(mpBody(purchase(1, { visitorId: 'v_1', sessionId: 's_1' }), undefined) ?? '');
    const b = JSON.parse(mpBody(purchase(1), undefined, { withoutConsent: 'anonymous' }) ?? '');
    expect(a.client_id).toMatch(/^\d+\.1767225600$/);
    expect(a.client_id).not.toBe(b.client_id);
    expect(a.consent).toEqual({ ad_user_data: 'DENIED', ad_personalization: 'DENIED' });
    expect(a.events[0].params).not.toHaveProperty('session_id');
    // Kasa's own visitor and session ids never stand in for GA's.
    expect(JSON.stringify(a)).not.toMatch(/v_1|s_1/);
  });

  it("without consent and withoutConsent: 'skip' sends nothing", () => {
    expect(mpBody(purchase(1), undefined, { withoutConsent: 'skip' })).toBeUndefined();
    expect(mpBody(purchase(1), consented, { withoutConsent: 'skip' })).toBeDefined();
  });

  it('stays under 130 kB with 200 long-named items', () => {
    const heavy = purchase(1, {
      params: {
        ...purchase(1).params,
        items: Array.from({ length: 200 }, (_, j) => ({
          item_id: `sku-${j}-${'x'.repeat(55)}`,
          quantity: 999,
          price: 99_999_999,
        })),
      },
    } as never);
    expect(mpBody(heavy, consented)?.length).toBeLessThan(MP_MAX_BYTES);
  });

  it("takes the GA context of the checkout's latest browser event (none once consent is withdrawn)", () => {
    const step = (ts: number, ga?: GaContext) =>
      checkoutEventSchema.parse({
        id: `e_${ts}_abcdef`,
        ts,
        shopId: 'demo',
        checkoutId: 'chk_1',
        name: 'checkout_step_view',
        params: { section: 'contact' },
        ...(ga ? { ga } : {}),
      });
    const paid = purchase(1, { ts: T0 + 9_000 });
    expect(latestGaContext([step(T0, consented), step(T0 + 1_000, consented), paid])).toEqual(consented);
    expect(latestGaContext([step(T0, consented), step(T0 + 1_000), paid])).toBeUndefined();
    expect(latestGaContext([paid])).toBeUndefined();
  });
});

describe('the GA4 forwarder', () => {
  it('posts to /mp/collect with the measurement id and secret, once per purchase', async () => {
    const { sender, outbox } = forwarder();
    expect(sender.enqueue(purchase(1), consented)).toBe(true);
    expect(sender.enqueue(purchase(1), consented)).toBe(false);
    expect(sender.enqueue({ ...purchase(2), name: 'begin_checkout' } as never, consented)).toBe(false);
    await sender.drain();
    expect(ga4.received).toHaveLength(1);
    const [request] = ga4.received;
    expect(request?.path).toBe('/mp/collect');
    expect(request?.query.get('measurement_id')).toBe('G-TEST123');
    expect(request?.query.get('api_secret')).toBe('s3cret');
    expect(request?.body.client_id).toBe(consented.clientId);
    expect(outbox.pending().count).toBe(0);
  });

  it("queues nothing without consent when withoutConsent is 'skip'", async () => {
    const { sender, outbox } = forwarder({ withoutConsent: 'skip' });
    expect(sender.enqueue(purchase(1), undefined)).toBe(false);
    await sender.drain();
    expect(outbox.pending().count).toBe(0);
    expect(ga4.received).toHaveLength(0);
  });

  it('retries a 5xx, a 429 and a dropped connection with a doubling delay, then sends', async () => {
    const { sender, outbox, clock, logs } = forwarder();
    ga4.faults.push(503, 429, 'drop');
    sender.enqueue(purchase(1), consented);
    await sender.drain();
    expect(outbox.pending()).toEqual({ count: 1, nextAt: T0 + 1_000 });
    clock.t = T0 + 999;
    await sender.drain();
    expect(outbox.pending().nextAt).toBe(T0 + 1_000);
    clock.t = T0 + 1_000;
    await sender.drain();
    expect(outbox.pending()).toEqual({ count: 1, nextAt: T0 + 1_000 + 2_000 });
    clock.t = T0 + 3_000;
    await sender.drain();
    expect(outbox.pending()).toEqual({ count: 1, nextAt: T0 + 3_000 + 4_000 });
    clock.t = T0 + 7_000;
    await sender.drain();
    expect(outbox.pending().count).toBe(0);
    expect(ga4.received).toHaveLength(1);
    expect(
      logs.filter((l) => l.message === 'GA4 send failed; will retry').map((l) => l.fields.cause),
    ).toEqual(['status 503', 'status 429', expect.any(String)]);
  });

  it('does not retry a 4xx: logs it and drops the request', async () => {
    const { sender, outbox, logs } = forwarder();
    ga4.faults.push(400);
    sender.enqueue(purchase(1), consented);
    await sender.drain();
    expect(outbox.pending().count).toBe(0);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        fields: { id: 'purchase-ord_1', status: 400 },
        message: 'GA4 refused the purchase; not retried',
      }),
    );
  });

  it('gives up a purchase GA4 could no longer date (72 hours)', async () => {
    const { sender, outbox, clock, logs } = forwarder();
    sender.enqueue(purchase(1), consented);
    clock.t = T0 + MP_MAX_AGE_MS;
    ga4.faults.push(500);
    await sender.drain();
    expect(outbox.pending().count).toBe(0);
    expect(logs.map((l) => l.message)).toContain('GA4 purchase given up after 72 h');
  });

  it('keeps a failed purchase through a restart and sends it from the new process', async () => {
    const file = join(dir, 'restart.db');
    const first = forwarder({}, file);
    first.sender.start();
    ga4.faults.push(503);
    first.sender.enqueue(purchase(7), consented);
    await first.sender.drain();
    await first.sender.stop();
    first.db.close();
    expect(ga4.received).toHaveLength(0);

    const second = forwarder({}, file);
    second.clock.t = T0 + 60_000;
    second.sender.start();
    await second.sender.drain();
    await second.sender.stop();
    expect(ga4.received.map((r) => r.body.events[0]?.params.transaction_id)).toEqual(['ord_7']);
    expect(second.outbox.pending().count).toBe(0);
    second.db.close();
  });

  it('stop() waits for a send under way and sends nothing after it', async () => {
    const { sender, outbox, db } = forwarder();
    sender.start();
    sender.enqueue(purchase(1), consented);
    await sender.stop();
    expect(ga4.received).toHaveLength(1);
    sender.enqueue(purchase(2), consented);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ga4.received).toHaveLength(1);
    expect(outbox.pending().count).toBe(1);
    db.close();
  });

  it('with validate: true posts to /debug/mp/collect and logs what GA4 says', async () => {
    const { sender, logs } = forwarder({ validate: true });
    sender.enqueue(purchase(1), consented);
    sender.enqueue(purchase(2, { params: { ...purchase(2).params, currency: 'XXX' } } as never), undefined);
    await sender.drain();
    expect(ga4.received.map((r) => r.path)).toEqual(['/debug/mp/collect', '/debug/mp/collect']);
    expect(ga4.received[0]?.body.validation_behavior).toBe('ENFORCE_RECOMMENDATIONS');
    expect(logs).toContainEqual({
      level: 'info',
      fields: { id: 'purchase-ord_1' },
      message: 'GA4 validation passed',
    });
    expect(logs).toContainEqual({
      level: 'warn',
      fields: {
        id: 'purchase-ord_2',
        messages: [
          {
            fieldPath: 'events.params.currency',
            description: 'bad currency',
            validationCode: 'VALUE_INVALID',
          },
        ],
      },
      message: 'GA4 validation messages',
    });
  });
});
