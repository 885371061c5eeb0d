import { ID_PATTERN } from '@kasa/core';
import type { TrackerOptions, TrackerResponse, TrackerStorage } from './types.ts';

/**
 * Options with defaults applied and numbers clamped.
 *
 * @example resolveOptions({ endpoint: '/api/collect', shopId: 'shop_1' }, idbStorage)?.flushIntervalMs; // 5000
 */
export interface Resolved {
  endpoint: string;
  shopId: string;
  strict: boolean;
  batchSize: number;
  flushIntervalMs: number;
  maxQueue: number;
  storage: () => TrackerStorage;
  fetch: (url: string, init: RequestInit) => Promise<TrackerResponse>;
  sendBeacon: (url: string, data: Blob) => boolean;
  now: () => number;
  random: () => number;
  win: Window | undefined;
}

/**
 * Writes one warning to the console, prefixed so a merchant knows where it came from.
 *
 * @example warn('batchSize must be 1–100; using 100');
 */
export const warn = (message: string): void => console.warn(`[kasa tracker] ${message}`);

const clamp = (name: string, value: unknown, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
  const ok = Math.min(max, Math.max(min, n));
  if (ok !== value) warn(`${name} must be a number from ${min} to ${max}; using ${ok}`);
  return ok;
};

const cryptoRandom = (): number => {
  const c = globalThis.crypto;
  return c ? (c.getRandomValues(new Uint32Array(1))[0] ?? 0) / 2 ** 32 : Math.random();
};

/**
 * Applies defaults, clamps numbers (one warning per bad option) and picks the browser's APIs
 * unless injected. Returns undefined, after a warning, when the tracker cannot work at all.
 *
 * @example resolveOptions({ endpoint: '/api/collect', shopId: 'shop_1', batchSize: 0 }, idb)?.batchSize; // 1
 */
export function resolveOptions(o: TrackerOptions, idb: () => TrackerStorage): Resolved | undefined {
  if (!o || typeof o.endpoint !== 'string' || !o.endpoint) {
    warn('endpoint is missing; the tracker is disabled');
    return undefined;
  }
  if (typeof o.shopId !== 'string' || !ID_PATTERN.test(o.shopId)) {
    warn('shopId must be 1–64 letters, digits, _ or -; the tracker is disabled');
    return undefined;
  }
  if (o.consentMode !== undefined && o.consentMode !== 'default' && o.consentMode !== 'strict') {
    warn("consentMode must be 'default' or 'strict'; using 'default'");
  }
  const win = o.window ?? (typeof window === 'undefined' ? undefined : window);
  const storage = o.storage;
  return {
    endpoint: o.endpoint,
    shopId: o.shopId,
    strict: o.consentMode === 'strict',
    batchSize: clamp('batchSize', o.batchSize, 20, 1, 100),
    flushIntervalMs: clamp('flushIntervalMs', o.flushIntervalMs, 5000, 1000, 60_000),
    maxQueue: clamp('maxQueue', o.maxQueue, 500, 10, 5000),
    storage: storage ? () => storage : idb,
    fetch: o.fetch ?? ((url, init) => fetch(url, init)),
    sendBeacon: o.sendBeacon ?? ((url, data) => win?.navigator.sendBeacon(url, data) ?? false),
    now: o.now ?? Date.now,
    random: o.random ?? cryptoRandom,
    win,
  };
}
