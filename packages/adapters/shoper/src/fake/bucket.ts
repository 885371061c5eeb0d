/**
 * Shoper's request limit, a leaky bucket (fixtures/api-limits.doc-excerpt.txt): every call adds one to
 * a counter that drains by BANDWIDTH per second; a call that would take it past LIMIT is refused with
 * 429 and `Retry-After`. Every answer reports the three values in `X-SHOP-API-*` headers. Pure: the
 * clock is passed in.
 */

export interface BucketSettings {
  /** X-SHOP-API-LIMIT: the most calls the bucket holds. Default 10 (docs). */
  readonly limit: number;
  /** X-SHOP-API-BANDWIDTH: calls drained per second. Default 2 (docs). */
  readonly bandwidth: number;
}

export const DEFAULT_BUCKET: BucketSettings = { limit: 10, bandwidth: 2 };

export interface LeakyBucket {
  /** Counts one call at `nowMs`; `retryAfterSeconds` when it does not fit (the call is not counted). */
  take(nowMs: number): { readonly admitted: boolean; readonly retryAfterSeconds: number };
  /** The `X-SHOP-API-*` headers for an answer sent at `nowMs`. */
  headers(nowMs: number): Record<string, string>;
  /** The counter at `nowMs`, drained. */
  level(nowMs: number): number;
  /** New settings, and optionally a counter to start from (a test filling the bucket). */
  set(settings: Partial<BucketSettings> & { readonly level?: number }, nowMs: number): void;
}

/**
 * A bucket that starts empty.
 *
 * @example
 * const bucket = createLeakyBucket({ limit: 2, bandwidth: 1 });
 * bucket.take(0); bucket.take(0);
 * bucket.take(0); // { admitted: false, retryAfterSeconds: 1 }
 */
export function createLeakyBucket(initial: BucketSettings = DEFAULT_BUCKET): LeakyBucket {
  let settings = initial;
  let counter = 0;
  let drainedAt: number | undefined;

  const drain = (nowMs: number) => {
    if (drainedAt !== undefined && nowMs > drainedAt) {
      counter = Math.max(0, counter - ((nowMs - drainedAt) / 1000) * settings.bandwidth);
    }
    if (drainedAt === undefined || nowMs > drainedAt) drainedAt = nowMs;
    return counter;
  };

  return {
    take(nowMs) {
      const level = drain(nowMs);
      if (level + 1 > settings.limit + 1e-9) {
        const seconds = Math.max(1, Math.ceil((level + 1 - settings.limit) / settings.bandwidth));
        return { admitted: false, retryAfterSeconds: seconds };
      }
      counter = level + 1;
      return { admitted: true, retryAfterSeconds: 0 };
    },
    headers(nowMs) {
      return {
        'x-shop-api-limit': String(settings.limit),
        'x-shop-api-bandwidth': String(settings.bandwidth),
        'x-shop-api-calls': String(Math.ceil(drain(nowMs) - 1e-9)),
      };
    },
    level: (nowMs) => drain(nowMs),
    set({ level, ...changes }, nowMs) {
      drain(nowMs);
      settings = { ...settings, ...changes };
      if (level !== undefined) counter = level;
    },
  };
}
