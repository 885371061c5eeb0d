import type { CheckoutEvent } from '@kasa/core';
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Touch } from './context.ts';
import { warn } from './options.ts';
import type { TrackerStorage } from './types.ts';

/**
 * Anonymous ids and attribution, kept only with analytics consent.
 *
 * @example const id: Identity = { v: 'visitor-uuid', s: '', t: 0, first: { source: 'google' } };
 */
export interface Identity {
  /** Visitor id. */
  v: string;
  /** Session id ('' until the first event) and the time of the last event in it. */
  s: string;
  t: number;
  first?: Touch;
  last?: Touch;
  ref?: string;
}

/**
 * What one page load leaves for the next: unsent events, the dropped count and the ids.
 *
 * @example const saved: Saved = { q: [], d: 2 };
 */
export interface Saved {
  q: CheckoutEvent[];
  d: number;
  id?: Identity;
}

const KEY = 'kasa-tracker';

/**
 * The default store: IndexedDB through idb-keyval, in a database of its own. The database is
 * opened on first use, so a tracker without consent never creates it.
 *
 * @example const storage = idbStorage(); await storage.set('k', 1);
 */
export function idbStorage(): TrackerStorage {
  let store: UseStore | undefined;
  const use = () => (store ??= createStore('kasa-tracker', 'kv'));
  return {
    get: async (key) => get(key, use()),
    set: async (key, value) => set(key, value, use()),
    del: async (key) => del(key, use()),
  };
}

/**
 * Saves snapshots one at a time (the newest wins while a write is running) and stops using the
 * store after its first failure, so a broken IndexedDB never breaks the checkout.
 *
 * @example
 * const p = persistence(() => storage);
 * p.save({ q: [], d: 0 });
 */
export function persistence(open: () => TrackerStorage) {
  let store: TrackerStorage | undefined;
  let broken = false;
  let busy = false;
  let pending: Saved | null | undefined;
  const use = () => {
    if (!broken) store ??= open();
    return broken ? undefined : store;
  };
  const fail = (error: unknown) => {
    broken = true;
    warn(`storage failed, keeping events in memory: ${String(error)}`);
  };
  const drain = async () => {
    busy = true;
    while (pending !== undefined) {
      const next = pending;
      pending = undefined;
      try {
        const s = use();
        if (s) await (next ? s.set(KEY, next) : s.del(KEY));
      } catch (error) {
        fail(error);
      }
    }
    busy = false;
  };
  const write = (value: Saved | null) => {
    pending = value;
    if (!busy) void drain();
  };
  return {
    async load(): Promise<Saved | undefined> {
      try {
        const saved = (await use()?.get(KEY)) as Saved | undefined;
        if (!saved || !Array.isArray(saved.q)) return undefined;
        return { q: saved.q.filter((e) => typeof e?.id === 'string'), d: Number(saved.d) || 0, id: saved.id };
      } catch (error) {
        fail(error);
        return undefined;
      }
    },
    save: (value: Saved) => write(value),
    erase: () => write(null),
  };
}
