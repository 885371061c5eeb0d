import type { CheckoutEvent } from '@kasa/core';

/**
 * A checkout event as the widget emits it: a name and its params, no context. The tracker adds
 * the context (id, time, shop, checkout, consent-gated ids, UTM, device). Same shape as the
 * widget's `WidgetEvent`, declared here because the tracker depends on core only.
 *
 * @example
 * const event: WidgetEvent = { name: 'checkout_step_view', params: { section: 'contact' } };
 */
export type WidgetEvent = {
  [N in CheckoutEvent['name']]: {
    readonly name: N;
    readonly params: Extract<CheckoutEvent, { name: N }>['params'];
  };
}[CheckoutEvent['name']];

/**
 * One Google Consent Mode v2 signal.
 *
 * @example const analytics: ConsentValue = 'granted';
 */
export type ConsentValue = 'granted' | 'denied';

/**
 * Google Consent Mode v2 signals. `analytics_storage` decides ids and storage; `ad_storage`
 * decides whether ad click ids (`gclid`, `fbclid`) are kept. All default to `'denied'`.
 *
 * @example
 * tracker.setConsent({ analytics_storage: 'granted' });
 */
export interface Consent {
  analytics_storage: ConsentValue;
  ad_storage: ConsentValue;
  ad_user_data: ConsentValue;
  ad_personalization: ConsentValue;
}

/**
 * Where the tracker keeps its queue and anonymous ids, only with analytics consent. The default
 * is IndexedDB through idb-keyval; tests inject a Map-backed store.
 *
 * @example
 * const map = new Map<string, unknown>();
 * const storage: TrackerStorage = {
 *   get: async (k) => map.get(k),
 *   set: async (k, v) => void map.set(k, v),
 *   del: async (k) => void map.delete(k),
 * };
 */
export interface TrackerStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/**
 * The part of a fetch Response the tracker reads (status and Retry-After).
 *
 * @example const res: TrackerResponse = new Response(null, { status: 503, headers: { 'Retry-After': '5' } });
 */
export type TrackerResponse = Pick<Response, 'ok' | 'status' | 'headers'>;

/**
 * Options of {@link createTracker}. Numbers out of range are clamped with one warning each.
 *
 * @example
 * createTracker({ endpoint: 'https://kasa.example/api/collect', shopId: 'shop_1', batchSize: 10 });
 */
export interface TrackerOptions {
  /** Collector URL, e.g. `https://kasa.example/api/collect`. */
  endpoint: string;
  shopId: string;
  /** `'strict'`: without analytics consent nothing is sent at all. Default `'default'`. */
  consentMode?: 'default' | 'strict';
  /** Events per request; default 20, clamped to 1–100. */
  batchSize?: number;
  /** Delay before a partial batch is sent; default 5000, clamped to 1000–60000 ms. */
  flushIntervalMs?: number;
  /** Queued events kept at most (oldest dropped first); default 500, clamped to 10–5000. */
  maxQueue?: number;
  storage?: TrackerStorage;
  fetch?: (url: string, init: RequestInit) => Promise<TrackerResponse>;
  sendBeacon?: (url: string, data: Blob) => boolean;
  now?: () => number;
  /** Uniform in [0, 1); used for ids and retry jitter. */
  random?: () => number;
  window?: Window;
}

/**
 * A running tracker. No method ever throws; failures are logged with `console.warn`.
 *
 * @example
 * tracker.track({ name: 'begin_checkout', params: { value: 12900, currency: 'PLN', items: [] } });
 */
export interface Tracker {
  track(event: WidgetEvent): void;
  /** Merges the given signals; granting analytics consent starts ids and storage at once. */
  setConsent(consent: Partial<Consent>): void;
  setCheckout(checkoutId: string | undefined): void;
  /** Experiment key → variation key, attached to every later event. */
  setExperiments(experiments: Record<string, string>): void;
  /** Sends what is queued; resolves when done or when a retry has been scheduled. */
  flush(): Promise<void>;
  /** Sends what is left, then removes listeners and timers; later calls do nothing. */
  shutdown(): Promise<void>;
}

/**
 * The body of one POST or beacon to the collector (sent as `text/plain` JSON). `dropped` is the
 * number of events lost on the client since the last delivered body (queue overflow, refused
 * personal data, events the collector answered 4xx to); it is left out when zero.
 *
 * @example
 * const body: BatchBody = { events: [], dropped: 3 };
 */
export interface BatchBody {
  events: CheckoutEvent[];
  dropped?: number;
}
