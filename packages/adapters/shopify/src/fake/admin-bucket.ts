/**
 * Shopify's GraphQL Admin cost limit as a leaky bucket: each call takes its requested cost, the
 * bucket refills at `restoreRate` points a second up to `maximumAvailable`
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits; Standard plan: 1000 / 50 s⁻¹
 * in the docs' example, 100 points restored a second on newer plans).
 */
export interface ThrottleStatus {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

export interface CostBucket {
  /** Takes `cost` points if the bucket has them; `false` (nothing taken) when it has not. */
  take(cost: number): boolean;
  status(): ThrottleStatus;
  /** Empties the bucket down to `points`, for tests of a low bucket. */
  drain(points: number): void;
}

/**
 * A bucket full at the start.
 *
 * @example const bucket = createCostBucket({ maximumAvailable: 100, restoreRate: 50 }); bucket.take(10); // true
 */
export function createCostBucket(
  options: { maximumAvailable?: number; restoreRate?: number; now?: () => number } = {},
): CostBucket {
  const maximumAvailable = options.maximumAvailable ?? 1000;
  const restoreRate = options.restoreRate ?? 50;
  const now = options.now ?? Date.now;
  let available = maximumAvailable;
  let at = now();
  const refill = () => {
    const t = now();
    available = Math.min(maximumAvailable, available + ((t - at) / 1000) * restoreRate);
    at = t;
  };
  return {
    take(cost) {
      refill();
      if (available < cost) return false;
      available -= cost;
      return true;
    },
    status() {
      refill();
      return { maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate };
    },
    drain(points) {
      refill();
      available = Math.min(available, points);
    },
  };
}
