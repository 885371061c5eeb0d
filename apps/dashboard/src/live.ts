/**
 * The live view's logic, apart from React: the query, the clock times in the shop's time zone, the
 * hourly bar chart's geometry, and what to announce to a screen reader when the figures change.
 * Pure: tested in live.test.ts.
 */
/** GET /api/analytics/live's answer (apps/server/src/http/live-routes.ts). */
export interface LiveFigures {
  readonly now: number;
  readonly windowMs: number;
  readonly inProgress: number;
  readonly inProgressMs: number;
  readonly hours: readonly LiveHour[];
  readonly totals: {
    readonly lastHour: OrdersAndRevenue;
    readonly last6Hours: OrdersAndRevenue;
    readonly last24Hours: OrdersAndRevenue;
  };
  readonly open: {
    readonly checkouts: number;
    readonly purchases: number;
    readonly conversion: number | null;
    readonly firstFinalAt: number | null;
    readonly allFinalAt: number | null;
  };
  readonly experiments: readonly {
    readonly key: string;
    readonly arms: readonly {
      readonly variation: string;
      readonly checkouts: number;
      readonly purchases: number;
      readonly conversion: number | null;
    }[];
  }[];
}
export interface OrdersAndRevenue {
  readonly orders: number;
  /** Gross, grosze. */
  readonly revenue: number;
}
export interface LiveHour extends OrdersAndRevenue {
  readonly start: number;
}

/** How often the view asks again while the tab is visible. */
export const LIVE_POLL_MS = 10_000;
/** The shop's clock: Polish merchants read times in Polish time, wherever the browser is. */
export const SHOP_TIME_ZONE = 'Europe/Warsaw';

/**
 * The API path for the page's data filter (real only when absent, as the report).
 *
 * @example liveQuery(true); // '/api/analytics/live?simulated=true'
 */
export const liveQuery = (simulated: boolean | 'both' | undefined): string =>
  `/api/analytics/live${simulated === undefined ? '' : `?simulated=${simulated}`}`;

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: SHOP_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const day = new Intl.DateTimeFormat('en-CA', { timeZone: SHOP_TIME_ZONE, dateStyle: 'short' });

/** A moment as the shop's clock shows it, and how many calendar days after `now`'s it falls. */
export interface ClockTime {
  /** '14:05' */
  readonly time: string;
  /** 0 today, 1 tomorrow, … */
  readonly days: number;
}

/**
 * @example
 * clockTime(Date.UTC(2026, 11, 6, 0, 10), Date.UTC(2026, 11, 5, 13, 0)); // { time: '01:10', days: 1 }
 */
export function clockTime(ms: number, now: number): ClockTime {
  const days = Math.round((Date.parse(day.format(ms)) - Date.parse(day.format(now))) / 86_400_000);
  return { time: clock.format(ms), days };
}

export interface Bar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly hour: LiveHour;
  /** Whether the hour is still under way (the last one). */
  readonly current: boolean;
}

export interface BarChart {
  readonly bars: readonly Bar[];
  /** The top of the value axis: the most orders in an hour, at least 1. */
  readonly max: number;
  /** Where the hour labels go: every sixth hour and the current one. */
  readonly ticks: readonly { readonly x: number; readonly start: number }[];
  /** y of the baseline. */
  readonly baseline: number;
}

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Room for the axis on the left, for the values above and the hour labels below. */
  readonly left: number;
  readonly top: number;
  readonly bottom: number;
}

/**
 * Orders per hour as bars in an SVG box: equal slots, heights scaled to the busiest hour.
 *
 * @example
 * hourBars(hours, { width: 340, height: 140, left: 24, top: 16, bottom: 22 }).bars[23];
 * // { x: 328.5, y: 62, width: 10.2, height: 40, hour: { start, orders: 2, revenue: 9800 }, current: true }
 */
export function hourBars(hours: readonly LiveHour[], box: ChartBox): BarChart {
  const max = Math.max(1, ...hours.map((h) => h.orders));
  const baseline = box.height - box.bottom;
  const plot = baseline - box.top;
  const slot = hours.length > 0 ? (box.width - box.left) / hours.length : 0;
  const width = slot * 0.75;
  const bars = hours.map((hour, i) => {
    const height = (hour.orders / max) * plot;
    return {
      x: box.left + i * slot + (slot - width) / 2,
      y: baseline - height,
      width,
      height,
      hour,
      current: i === hours.length - 1,
    };
  });
  const ticks = bars
    .filter((bar, i) => i % 6 === 0 || bar.current)
    .map((bar) => ({ x: bar.x + bar.width / 2, start: bar.hour.start }));
  return { bars, max, ticks, baseline };
}

/** What a change is worth telling: orders of the last 24 h and checkouts in progress. */
export interface LiveChange {
  readonly newOrders: number;
  readonly inProgress: number;
  readonly orders24h: number;
  readonly revenue24h: number;
}

/**
 * The change since the previous answer worth announcing (politely): new orders, or a different number
 * of checkouts in progress; null when nothing a merchant would notice changed, or on the first answer.
 *
 * @example
 * liveChange(before, after); // { newOrders: 1, inProgress: 0, orders24h: 16, revenue24h: 245_000 }
 */
export function liveChange(previous: LiveFigures | null, next: LiveFigures): LiveChange | null {
  if (!previous) return null;
  const newOrders = next.totals.last24Hours.orders - previous.totals.last24Hours.orders;
  if (newOrders <= 0 && next.inProgress === previous.inProgress) return null;
  return {
    newOrders: Math.max(0, newOrders),
    inProgress: next.inProgress,
    orders24h: next.totals.last24Hours.orders,
    revenue24h: next.totals.last24Hours.revenue,
  };
}

/** The hours of the window in whole hours, for 'z ostatnich 24 h'. */
export const windowHours = (figures: Pick<LiveFigures, 'windowMs'>): number =>
  Math.round(figures.windowMs / 3_600_000);
