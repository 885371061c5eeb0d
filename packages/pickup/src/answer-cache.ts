/**
 * The cache behind the remote pickup-point providers: each answer is kept with the time it was
 * fetched; it is served as it is while younger than the TTL, and kept beyond that (up to `max`
 * entries, the least recently used forgotten first) as the last good answer for when the carrier's
 * API does not answer.
 */
import { RecentMap } from '@kasa/core';

export interface CachedAnswer<T> {
  readonly value: T;
  /** When the answer was fetched, in milliseconds since the epoch (the cache's clock). */
  readonly fetchedAt: number;
}

export interface AnswerCacheOptions {
  /** How long an answer is served without asking the carrier again. */
  readonly ttlMs: number;
  /** How many answers are kept at most; the least recently used goes first. */
  readonly max: number;
  /** The clock; injected by tests. */
  readonly now?: () => number;
}

export interface AnswerCache<T> {
  /** The answer for `key` if it is younger than the TTL. Counts as a use. */
  fresh(key: string): CachedAnswer<T> | undefined;
  /** The answer for `key` however old (the last good one). Counts as a use. */
  last(key: string): CachedAnswer<T> | undefined;
  set(key: string, value: T): CachedAnswer<T>;
  delete(key: string): void;
  /** Every answer kept, most recently used last. */
  values(): IterableIterator<CachedAnswer<T>>;
  readonly size: number;
  now(): number;
}

/**
 * @example
 * const cache = createAnswerCache<PickupPoint[]>({ ttlMs: 600_000, max: 500 });
 * cache.set('postcode:31-564', points);
 * cache.fresh('postcode:31-564'); // { value: points, fetchedAt } for ten minutes, then undefined
 * cache.last('postcode:31-564');  // still there, until 500 newer queries push it out
 */
export function createAnswerCache<T>(options: AnswerCacheOptions): AnswerCache<T> {
  if (!(options.ttlMs >= 0) || !Number.isSafeInteger(options.max) || options.max < 1) {
    throw new RangeError(`A cache needs ttlMs ≥ 0 and max ≥ 1, got ${options.ttlMs} and ${options.max}.`);
  }
  const now = options.now ?? Date.now;
  const entries = new RecentMap<string, CachedAnswer<T>>(options.max);

  const last = (key: string): CachedAnswer<T> | undefined => {
    const entry = entries.get(key);
    // Setting it again makes it the most recently used: an answer in use is the last to go.
    if (entry) entries.set(key, entry);
    return entry;
  };

  return {
    fresh(key) {
      const entry = last(key);
      return entry && now() - entry.fetchedAt < options.ttlMs ? entry : undefined;
    },
    last,
    set(key, value) {
      const entry = { value, fetchedAt: now() };
      entries.set(key, entry);
      return entry;
    },
    delete: (key) => void entries.delete(key),
    values: () => entries.values(),
    get size() {
      return entries.size;
    },
    now,
  };
}
