/**
 * Where the widget keeps the shopper's progress between visits: IndexedDB in the browser (idb-keyval),
 * an in-memory map in tests, nothing at all on the server. The BLIK code is never written anywhere.
 */
import type { PickupPoint } from '@kasa/core';
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { emptyForm } from './state.ts';
import type { FormValues, RestoredValues } from './types.ts';

/** A tiny key-value store; every method may fail (private mode, full disk) and callers survive that. */
export interface ProgressStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export const progressKey = (checkoutId: string) => `kasa:progress:${checkoutId}`;
/** The returning shopper: contact and last locker, kept only when the shopper asks for it. */
export const SHOPPER_KEY = 'kasa:shopper';
export const cartKey = (cartRef: string) => `kasa:cart:${cartRef}`;

/** Progress older than this is stale (the cart has likely changed); it is ignored. */
const MAX_AGE_MS = 30 * 24 * 3600_000;
/** A remembered shopper is forgotten after a year without a checkout. */
const SHOPPER_MAX_AGE_MS = 365 * 24 * 3600_000;

/** What a shopper who ticked "remember me" finds filled in next time in this browser. */
export interface RememberedShopper {
  readonly email: string;
  readonly phone: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly optionId?: string;
  readonly point?: PickupPoint;
}

export interface SavedProgress extends Omit<RestoredValues, 'blikCode'> {
  readonly savedAt: number;
}

/** Keeps only known fields of the right type, and never the BLIK code. */
export function sanitiseProgress(raw: unknown, now: number): RestoredValues | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  if (typeof record.savedAt !== 'number' || now - record.savedAt > MAX_AGE_MS) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, empty] of Object.entries(emptyForm) as [keyof FormValues, unknown][]) {
    if (key !== 'blikCode' && typeof record[key] === typeof empty) out[key] = record[key];
  }
  for (const key of ['shippingOptionId', 'pickupPointId', 'paymentMethodId'] as const) {
    if (typeof record[key] === 'string') out[key] = record[key];
  }
  if (record.step === 1 || record.step === 2 || record.step === 3) out.step = record.step;
  if (record.locale === 'pl' || record.locale === 'en') out.locale = record.locale;
  return out as RestoredValues;
}

/** The remembered shopper, if the record is there, fresh and well-formed. */
export function sanitiseShopper(raw: unknown, now: number): RememberedShopper | undefined {
  const record = (raw ?? {}) as Record<string, unknown>;
  if (typeof record.savedAt !== 'number' || now - record.savedAt > SHOPPER_MAX_AGE_MS) return undefined;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : '');
  return {
    email: text('email'),
    phone: text('phone'),
    firstName: text('firstName'),
    lastName: text('lastName'),
    ...(typeof record.optionId === 'string' && isPickupPoint(record.point)
      ? { optionId: record.optionId, point: record.point }
      : {}),
  };
}

export function isPickupPoint(value: unknown): value is PickupPoint {
  const point = value as Partial<PickupPoint> | undefined;
  return typeof point?.id === 'string' && typeof point.address?.city === 'string';
}

/** An in-memory store, for tests and for pages where IndexedDB is not wanted. */
export function memoryStorage(): ProgressStorage & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => {
      data.set(key, structuredClone(value));
    },
    delete: async (key) => {
      data.delete(key);
    },
  };
}

/** IndexedDB through idb-keyval (about 600 bytes); the database is opened on first use. */
export function idbStorage(): ProgressStorage {
  let store: UseStore | undefined;
  const use = () => {
    store ??= createStore('kasa', 'progress');
    return store;
  };
  const quietly = async <T>(run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch {
      return undefined;
    }
  };
  return {
    get: (key) => quietly(() => get(key, use())),
    set: async (key, value) => {
      await quietly(() => set(key, value, use()));
    },
    delete: async (key) => {
      await quietly(() => del(key, use()));
    },
  };
}
