/**
 * Shoper's leaky bucket, as each answer reports it: `X-SHOP-API-LIMIT` (capacity, default 10),
 * `X-SHOP-API-BANDWIDTH` (calls drained per second, default 2) and `X-SHOP-API-CALLS` (the level
 * when the answer left). Kasa waits before a call that would overflow it rather than collect a 429.
 */

export interface BucketState {
  readonly limit: number;
  readonly bandwidth: number;
  /** The level at `at` (calls in the bucket). */
  readonly level: number;
  /** Epoch ms of the observation. */
  readonly at: number;
}

/** The documented defaults, until the first answer says otherwise. */
export const DEFAULT_BUCKET: Omit<BucketState, 'at'> = { limit: 10, bandwidth: 2, level: 0 };

/**
 * The level at `now`: drained at `bandwidth` per second since the observation.
 *
 * @example levelAt({ limit: 10, bandwidth: 2, level: 9, at: 0 }, 1500); // 6
 */
export function levelAt(state: BucketState, now: number): number {
  return Math.max(0, state.level - (state.bandwidth * Math.max(0, now - state.at)) / 1000);
}

/**
 * How long to wait (ms) before one more call fits in the bucket; 0 when it fits now.
 *
 * @example waitBeforeCall({ limit: 10, bandwidth: 2, level: 10, at: 0 }, 0); // 500
 */
export function waitBeforeCall(state: BucketState, now: number): number {
  // A state ahead of `now` holds calls already queued for then: one more goes after them.
  const from = Math.max(now, state.at);
  const overflow = levelAt(state, from) + 1 - state.limit;
  return overflow <= 0 ? 0 : from - now + Math.ceil((overflow * 1000) / state.bandwidth);
}

/**
 * The state after one call was sent at `now` (it fills the bucket by one until an answer reports).
 *
 * @example afterSending({ limit: 10, bandwidth: 2, level: 3, at: 0 }, 0).level; // 4
 */
export function afterSending(state: BucketState, now: number): BucketState {
  return { ...state, level: levelAt(state, now) + 1, at: Math.max(state.at, now) };
}

const positive = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * The state after an answer's headers; what they leave out is kept from `previous`. The reported
 * level is the shop's count when the answer left: it misses the calls still in flight and those
 * queued for later, which `previous` holds (its `at` may lie ahead of `now`). So the fuller of the
 * two is kept: another client of the same shop shows in the report, Kasa's own queue in `previous`.
 *
 * @example fromHeaders((h) => ({ 'x-shop-api-limit': '10', 'x-shop-api-bandwidth': '2', 'x-shop-api-calls': '7' })[h], prev, 0).level; // 7
 */
export function fromHeaders(
  header: (name: string) => string | undefined,
  previous: BucketState,
  now: number,
): BucketState {
  const limit = positive(header('x-shop-api-limit'));
  const bandwidth = positive(header('x-shop-api-bandwidth'));
  const calls = positive(header('x-shop-api-calls'));
  const merged = {
    limit: limit !== undefined && limit >= 1 ? limit : previous.limit,
    bandwidth: bandwidth !== undefined && bandwidth > 0 ? bandwidth : previous.bandwidth,
  };
  const at = Math.max(now, previous.at);
  const own = levelAt({ ...previous, ...merged }, at);
  const reported = calls === undefined ? 0 : levelAt({ ...merged, level: calls, at: now }, at);
  return { ...merged, level: Math.max(own, reported), at };
}

/**
 * The bucket of one shop, shared by every call of an adapter: `reserve()` waits (injected sleep and
 * clock) until one more call fits, capped at `maxWaitMs`; `observe()` takes each answer's headers.
 *
 * @example
 * const bucket = new ShopBucket({ now: Date.now, sleep, maxWaitMs: 10_000 });
 * await bucket.reserve(); const answer = await send(); bucket.observe(answer.header);
 */
export class ShopBucket {
  #state: BucketState;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #maxWaitMs: number;

  constructor(options: { now: () => number; sleep: (ms: number) => Promise<void>; maxWaitMs: number }) {
    this.#now = options.now;
    this.#sleep = options.sleep;
    this.#maxWaitMs = options.maxWaitMs;
    this.#state = { ...DEFAULT_BUCKET, at: options.now() };
  }

  get state(): BucketState {
    return this.#state;
  }

  /** Waits until one more call fits (at most `maxWaitMs`), then counts it in. Returns the wait. */
  async reserve(): Promise<number> {
    const now = this.#now();
    const wait = Math.min(waitBeforeCall(this.#state, now), this.#maxWaitMs);
    // The place is taken before sleeping, so concurrent callers queue behind each other.
    this.#state = afterSending(this.#state, now + wait);
    if (wait > 0) await this.#sleep(wait);
    return wait;
  }

  observe(header: (name: string) => string | undefined): void {
    this.#state = fromHeaders(header, this.#state, this.#now());
  }

  /** Free places in the bucket now. */
  headroom(): number {
    return Math.max(0, this.#state.limit - levelAt(this.#state, this.#now()));
  }
}
