/**
 * How long to wait before trying a platform call again: exponential backoff with full jitter (a
 * random pause between 0 and the ceiling, so the retries of many checkouts spread out), or the
 * platform's `Retry-After` when it asks for longer.
 */

export interface RetrySettings {
  /** Tries in all, the first included (1 = no retry). */
  readonly attempts: number;
  /** The backoff ceiling before the first retry; it doubles each retry. */
  readonly baseDelayMs: number;
  /** The backoff ceiling never grows past this. */
  readonly maxDelayMs: number;
  /**
   * Without it, a `Retry-After` is capped at `maxDelayMs` (the call waits that long and tries again).
   * With it, a `Retry-After` longer than this gives up at once rather than hold a checkout.
   */
  readonly maxRetryAfterMs?: number;
  /**
   * Statuses that mean the platform did not run the call and asks to come back later, so even a
   * non-idempotent call is repeated. Default `[429]`; add 503 only for a platform whose 503 provably
   * comes before any work (maintenance mode, a proxy).
   */
  readonly notDoneStatuses?: readonly number[];
}

/**
 * `Retry-After` as seconds or an HTTP date (RFC 9110), in milliseconds; undefined when absent or
 * unreadable. A date in the past is 0.
 *
 * @example retryAfterMs('3'); // 3000
 * @example retryAfterMs('Fri, 27 Nov 2026 10:00:05 GMT', Date.parse('2026-11-27T10:00:00Z')); // 5000
 */
export function retryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its month; Date.parse would also take '-1' as a year.
  const date = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Full-jitter backoff before retry number `retry` (from 1): a random pause between 0 and
 * min(maxDelayMs, baseDelayMs × 2^(retry − 1)).
 *
 * @example backoffMs({ attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }, 4, () => 1); // 800
 */
export function backoffMs(retry: RetrySettings, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * The pause before retry `attempt`: the backoff, or the `Retry-After` the platform asked for when
 * longer, capped at `maxDelayMs`; with `maxRetryAfterMs` set, `undefined` when the platform asks for
 * more than that (give up instead).
 *
 * @example pauseBeforeRetry({ attempts: 3, baseDelayMs: 100, maxDelayMs: 5_000 }, 1, 2_000); // 2000
 */
export function pauseBeforeRetry(
  retry: RetrySettings,
  attempt: number,
  askedMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  const backoff = backoffMs(retry, attempt, random);
  if (retry.maxRetryAfterMs === undefined) return Math.min(Math.max(askedMs ?? 0, backoff), retry.maxDelayMs);
  return askedMs !== undefined && askedMs > retry.maxRetryAfterMs
    ? undefined
    : Math.max(askedMs ?? 0, backoff);
}

/**
 * A promise that resolves after `ms`.
 *
 * @example await sleep(250);
 */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
