/**
 * Kasa's side of Shopify's GraphQL cost limit: remembers the last `throttleStatus` the Admin API
 * reported and says how long to wait before a call of a given cost, so the bucket is not run dry.
 * Pure; the clock is passed in.
 */
export interface ThrottleStatusSeen {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

export interface CostGauge {
  /** Records the status of an answer (a THROTTLED one included) at `now`. */
  seen(status: ThrottleStatusSeen | undefined, now: number): void;
  /** Milliseconds to wait before a call of `cost` points at `now`; 0 when the bucket has them. */
  waitFor(cost: number, now: number): number;
}

/**
 * A gauge that knows nothing until the first answer (then a call is never held back).
 *
 * @example
 * const gauge = createCostGauge();
 * gauge.seen({ maximumAvailable: 1000, currentlyAvailable: 5, restoreRate: 50 }, 0);
 * gauge.waitFor(10, 0); // 100: 5 points missing at 50 a second
 */
export function createCostGauge(): CostGauge {
  let last: { status: ThrottleStatusSeen; at: number } | undefined;
  return {
    seen(status, now) {
      if (status) last = { status, at: now };
    },
    waitFor(cost, now) {
      if (last === undefined || last.status.restoreRate <= 0) return 0;
      const { maximumAvailable, currentlyAvailable, restoreRate } = last.status;
      const available = Math.min(
        maximumAvailable,
        currentlyAvailable + ((now - last.at) / 1000) * restoreRate,
      );
      const wanted = Math.min(cost, maximumAvailable);
      if (available >= wanted) return 0;
      return Math.ceil(((wanted - available) / restoreRate) * 1000);
    },
  };
}
