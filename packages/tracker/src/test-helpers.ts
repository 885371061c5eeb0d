import { browserEventSchema, type CheckoutEvent } from '@kasa/core';
import { Window as HappyWindow } from 'happy-dom';
import { vi } from 'vitest';
import { createTracker } from './index.ts';
import type { BatchBody, TrackerOptions, TrackerStorage, WidgetEvent } from './types.ts';

export const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
export const ENDPOINT = 'https://kasa.example/api/collect';
const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

/** A seeded uniform PRNG (mulberry32), so ids and jitter repeat from run to run. */
export function seeded(seed = 42): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Map-backed store whose methods are spies; `data` survives "reloads" when passed on. */
export function spyStorage(data = new Map<string, unknown>()) {
  return {
    data,
    get: vi.fn(async (key: string) => structuredClone(data.get(key))),
    set: vi.fn(async (key: string, value: unknown) => void data.set(key, structuredClone(value))),
    del: vi.fn(async (key: string) => void data.delete(key)),
  } satisfies TrackerStorage & { data: Map<string, unknown> };
}

type Reply = number | Error | [number, Record<string, string>];

/**
 * A fake collector: answers with `replies` in turn (the last one repeats). `attempts` keeps every
 * body posted, `bodies` only those it accepted (2xx).
 */
export function fakeCollector(...replies: Reply[]) {
  const attempts: BatchBody[] = [];
  const bodies: BatchBody[] = [];
  const inits: RequestInit[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as BatchBody;
    inits.push(init);
    attempts.push(body);
    const reply = (replies.length > 1 ? replies.shift() : replies[0]) ?? 200;
    if (reply instanceof Error) throw reply;
    const [status, headers] = Array.isArray(reply) ? reply : [reply, {}];
    if (status < 300) bodies.push(body);
    return new Response(JSON.stringify({ stored: 1, duplicates: 0, rejected: [] }), { status, headers });
  });
  return { fetch, attempts, bodies, inits };
}

export interface PageOptions {
  url?: string;
  referrer?: string;
  userAgent?: string;
  width?: number;
  dataLayer?: unknown[];
}

/** A happy-dom window standing in for the shop's page. */
export function page({ url = 'https://shop.example/checkout', referrer = '', ...o }: PageOptions = {}) {
  const win = new HappyWindow({ url, width: o.width ?? 1280, height: 800 });
  Object.defineProperty(win.navigator, 'userAgent', { value: o.userAgent ?? DESKTOP });
  Object.defineProperty(win.document, 'referrer', { value: referrer });
  if (o.dataLayer) Object.assign(win, { dataLayer: o.dataLayer });
  return win as unknown as Window & { Event: typeof Event; dataLayer?: unknown[] };
}

/** A tracker on a fake page, clock, collector and store; `events()` parses all it sent. */
export function setup(options: Partial<TrackerOptions> & { page?: PageOptions; replies?: Reply[] } = {}) {
  const { page: pageOptions, replies = [200], ...rest } = options;
  const collector = fakeCollector(...replies);
  const storage = spyStorage();
  const blobs: Blob[] = [];
  const clock = { t: T0 };
  const win = page(pageOptions);
  const sendBeacon = vi.fn((_url: string, data: Blob) => blobs.push(data) > 0);
  const tracker = createTracker({
    endpoint: ENDPOINT,
    shopId: 'shop_1',
    fetch: collector.fetch,
    sendBeacon,
    storage,
    now: () => clock.t,
    random: seeded(),
    window: win,
    ...rest,
  });
  /**
   * Every event delivered by fetch or beacon, as sent; each must pass the collector's schema (which
   * would drop a personal-looking campaign value, so the test sees what the tracker did, not that).
   */
  const events = async (): Promise<CheckoutEvent[]> => {
    const beacons = await Promise.all(blobs.map(async (b) => JSON.parse(await b.text()) as BatchBody));
    const bodies = [...collector.bodies, ...beacons];
    const sent = bodies.flatMap((b) => b.events);
    for (const event of sent) browserEventSchema.parse(event);
    return sent as CheckoutEvent[];
  };
  return { tracker, win, storage, clock, sendBeacon, blobs, events, ...collector };
}

const items = [{ item_id: 'SKU-1', quantity: 2, price: 4999 }];

/** One event of each kind, as the widget emits them. */
export const sample = {
  viewCart: { name: 'view_cart', params: { value: 9998, currency: 'PLN', items } },
  beginCheckout: {
    name: 'begin_checkout',
    params: { value: 9998, currency: 'PLN', items, layout: 'one-page' },
  },
  step: { name: 'checkout_step_view', params: { section: 'contact' } },
  blur: { name: 'field_blur', params: { field: 'email', section: 'contact', filled: true } },
  fieldError: {
    name: 'field_error',
    params: { field: 'postcode', section: 'delivery', code: 'postcode_invalid' },
  },
  shipping: {
    name: 'add_shipping_info',
    params: { value: 1299, currency: 'PLN', shipping_tier: 'inpost-locker', shipping_kind: 'locker' },
  },
  payment: { name: 'add_payment_info', params: { value: 11297, currency: 'PLN', payment_type: 'blik' } },
  blik: { name: 'blik_code_submitted', params: { attempt: 1 } },
  failed: { name: 'payment_failed', params: { payment_type: 'blik', reason: 'blik_code_rejected' } },
  purchase: {
    name: 'purchase',
    params: { value: 9998, currency: 'PLN', transaction_id: '100234', shipping: 1299, tax: 2113, items },
  },
  exposure: { name: 'experiment_exposure', params: { experiment: 'layout', variation: 'one-page' } },
  abandon: { name: 'checkout_abandon', params: { section: 'payment', last_field: 'blikCode' } },
  remove: { name: 'remove_from_cart', params: { value: 4999, currency: 'PLN', items } },
} satisfies Record<string, WidgetEvent>;
