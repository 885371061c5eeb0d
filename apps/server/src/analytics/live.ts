/**
 * The dashboard's live view: what is happening now and what the report cannot say yet. The report
 * judges a checkout only once its attribution window has passed; here the checkouts still inside it are
 * counted as open, with their purchases so far as a provisional conversion. Pure: the route reads the
 * checkouts, this function counts them.
 */
import { HOUR_MS } from '@kasa/analytics';
import type { RecentCheckout } from '@kasa/storage';

/** A checkout is in progress when something happened in it this recently and it has no order. */
export const IN_PROGRESS_MS = 30 * 60_000;
/** How many hourly bars the live view draws, the current (partial) hour last. */
export const LIVE_HOURS = 24;

/** One checkout as the live view needs it: times, the purchase, the arms; nothing about the shopper. */
export type LiveCheckout = RecentCheckout;

export interface OrdersAndRevenue {
  readonly orders: number;
  /** Gross, minor units. */
  readonly revenue: number;
}

export interface LiveHour extends OrdersAndRevenue {
  /** Start of the clock hour (UTC epoch ms; Polish time is a whole number of hours off UTC). */
  readonly start: number;
}

export interface LiveArm {
  readonly variation: string;
  /** Open checkouts assigned this variation. */
  readonly checkouts: number;
  /** Of those, purchased so far. */
  readonly purchases: number;
  /** purchases / checkouts; null without checkouts. Provisional: more may still buy. */
  readonly conversion: number | null;
}

export interface LiveExperiment {
  readonly key: string;
  readonly arms: readonly LiveArm[];
}

export interface LiveFigures {
  readonly now: number;
  readonly windowMs: number;
  /** Checkouts with something happening in the last {@link IN_PROGRESS_MS} and no order yet. */
  readonly inProgress: number;
  readonly inProgressMs: number;
  /** {@link LIVE_HOURS} clock hours, oldest first; the last is the hour under way. */
  readonly hours: readonly LiveHour[];
  /** Rolling totals ending now. */
  readonly totals: {
    readonly lastHour: OrdersAndRevenue;
    readonly last6Hours: OrdersAndRevenue;
    readonly last24Hours: OrdersAndRevenue;
  };
  /** Checkouts begun inside the attribution window: their outcome is not final yet. */
  readonly open: {
    readonly checkouts: number;
    readonly purchases: number;
    /** purchases / checkouts so far; null without open checkouts. */
    readonly conversion: number | null;
    /** When the oldest open checkout becomes final (the report then counts it); null without any. */
    readonly firstFinalAt: number | null;
    /** When the newest one does: from then on, every checkout open now is final. */
    readonly allFinalAt: number | null;
  };
  /** Per experiment, the open checkouts of each arm (the report's figures leave them out until final). */
  readonly experiments: readonly LiveExperiment[];
}

export interface LiveOptions {
  readonly now: number;
  readonly windowMs: number;
  /** Only simulated (true) or only real (false) checkouts; both when absent. */
  readonly simulated?: boolean;
  /** Experiments to list even without open checkouts, each with its variations in order (control first). */
  readonly experiments?: readonly { readonly key: string; readonly variations: readonly string[] }[];
}

const rate = (count: number, total: number): number | null => (total > 0 ? count / total : null);

/** Orders and revenue of the purchases at or after `since`. */
function since(purchases: readonly LiveCheckout[], from: number): OrdersAndRevenue {
  let orders = 0;
  let revenue = 0;
  for (const c of purchases) {
    if ((c.purchaseTs ?? -1) < from) continue;
    orders += 1;
    revenue += c.revenue;
  }
  return { orders, revenue };
}

/** Arms per experiment of the open checkouts, listed experiments first with their variations in order. */
function armsOf(open: readonly LiveCheckout[], listed: LiveOptions['experiments'] = []): LiveExperiment[] {
  const tallies = new Map<string, Map<string, { checkouts: number; purchases: number }>>();
  const tally = (key: string, variation: string) => {
    const arms = tallies.get(key) ?? new Map<string, { checkouts: number; purchases: number }>();
    tallies.set(key, arms);
    const arm = arms.get(variation) ?? { checkouts: 0, purchases: 0 };
    arms.set(variation, arm);
    return arm;
  };
  for (const experiment of listed) for (const v of experiment.variations) tally(experiment.key, v);
  for (const c of open) {
    for (const [key, variation] of Object.entries(c.experiments)) {
      const arm = tally(key, variation);
      arm.checkouts += 1;
      if (c.purchaseTs !== null) arm.purchases += 1;
    }
  }
  return [...tallies].map(([key, arms]) => ({
    key,
    arms: [...arms].map(([variation, { checkouts, purchases }]) => ({
      variation,
      checkouts,
      purchases,
      conversion: rate(purchases, checkouts),
    })),
  }));
}

/**
 * The live figures at `now` from the checkouts of the last day or so (the caller bounds them).
 * A checkout is open while `beganTs + windowMs > now`, exactly as long as the report leaves it out.
 *
 * @example
 * const live = liveFigures(recentCheckouts, { now, windowMs: 24 * HOUR_MS, simulated: false });
 * live.totals.lastHour; // { orders: 3, revenue: 48_700 }
 * live.open; // { checkouts: 23, purchases: 15, conversion: 0.652, firstFinalAt: …, allFinalAt: … }
 */
export function liveFigures(checkouts: readonly LiveCheckout[], options: LiveOptions): LiveFigures {
  const { now, windowMs } = options;
  const wanted = checkouts.filter(
    (c) => options.simulated === undefined || c.simulated === options.simulated,
  );
  const purchased = wanted.filter((c) => c.purchaseTs !== null);
  const inProgress = wanted.filter(
    (c) =>
      c.purchaseTs === null &&
      c.lastTs > now - IN_PROGRESS_MS &&
      // The browser said the shopper left, and nothing happened since.
      !(c.abandonedTs !== null && c.abandonedTs >= c.lastTs),
  ).length;
  const firstHour = (Math.floor(now / HOUR_MS) - (LIVE_HOURS - 1)) * HOUR_MS;
  const hours = Array.from({ length: LIVE_HOURS }, (_, i) => ({
    start: firstHour + i * HOUR_MS,
    orders: 0,
    revenue: 0,
  }));
  for (const c of purchased) {
    // A purchase stamped a moment after `now` (another writer's clock) lands in the hour under way.
    const hour = hours[Math.min(LIVE_HOURS - 1, Math.floor(((c.purchaseTs ?? 0) - firstHour) / HOUR_MS))];
    if (!hour) continue;
    hour.orders += 1;
    hour.revenue += c.revenue;
  }
  const open = wanted.filter((c) => c.beganTs !== null && c.beganTs + windowMs > now);
  const began = open.map((c) => c.beganTs ?? now);
  const openPurchases = open.filter((c) => c.purchaseTs !== null).length;
  return {
    now,
    windowMs,
    inProgress,
    inProgressMs: IN_PROGRESS_MS,
    hours,
    totals: {
      lastHour: since(purchased, now - HOUR_MS),
      last6Hours: since(purchased, now - 6 * HOUR_MS),
      last24Hours: since(purchased, now - 24 * HOUR_MS),
    },
    open: {
      checkouts: open.length,
      purchases: openPurchases,
      conversion: rate(openPurchases, open.length),
      firstFinalAt: began.length > 0 ? began.reduce((a, b) => Math.min(a, b)) + windowMs : null,
      allFinalAt: began.length > 0 ? began.reduce((a, b) => Math.max(a, b)) + windowMs : null,
    },
    experiments: armsOf(open, options.experiments),
  };
}
