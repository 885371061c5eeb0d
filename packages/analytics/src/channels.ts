/**
 * Where buying checkouts come from: sessions, orders, revenue and conversion per source / medium /
 * campaign, by first and by last touch, and the same joined with advertising costs.
 */
import { type CellQuery, type Cells, summaryAggregates } from './aggregates.ts';
import type { CostRow } from './costs.ts';
import type { MetricOptions } from './filters.ts';
import { groupCells, sumCells } from './group.ts';
import type { CheckoutSummary, Device } from './types.ts';

export { type CostRow, parseCostsCsv, parseZloty } from './costs.ts';

export interface ChannelRow {
  readonly source: string;
  readonly medium: string;
  readonly campaign: string;
  /** Decided checkouts begun. */
  readonly sessions: number;
  /** Of those, purchased within the window. */
  readonly orders: number;
  /** Purchase values of those orders, minor units. */
  readonly revenue: number;
  readonly conversionRate: number | null;
}

/**
 * Why a channel's cost cannot be set against its orders under the filters:
 * - `device`: a device filter is set and (some of) the channel's costs were imported for all devices,
 *   so the whole campaign's cost would be charged to one device's orders;
 * - `variant`: a layout filter is set; ad costs are never split by layout;
 * - `touch`: a source filter on the other touch keeps only part of this touch's checkouts.
 */
export type NotComparable = 'device' | 'variant' | 'touch';

export interface ChannelCostRow extends ChannelRow {
  /**
   * In grosze, summed over the cost rows of this channel in the date range (of the filtered device
   * when costs are imported per device; of all devices otherwise).
   */
  readonly cost: number;
  /** cost / orders; null without orders, or when {@link notComparable}. */
  readonly costPerOrder: number | null;
  /** Return on ad spend, revenue / cost; null without cost, or when {@link notComparable}. */
  readonly roas: number | null;
  /** Set when the channel has costs but cost per order and ROAS are not comparable under the filters. */
  readonly notComparable: NotComparable | null;
}

/** Which cost rows count, and whether cost per order and ROAS can be read under the filters. */
export interface CostScope {
  /** ISO date, inclusive. */
  readonly from?: string;
  /** ISO date, inclusive. */
  readonly to?: string;
  /** The source filter: other sources' costs are left out (ignoring case). */
  readonly source?: string;
  /**
   * The device filter: costs imported for other devices are left out; a channel with costs for all
   * devices gets `notComparable: 'device'`.
   */
  readonly device?: Device;
  /** A reason that holds for every channel with costs (see {@link NotComparable}). */
  readonly notComparable?: NotComparable;
}

/**
 * The cells a channel report reads: decided checkouts by source, medium and campaign of one touch.
 *
 * @example
 * channelQuery('first'); // { base: 'checkout', groupBy: ['source', 'medium', 'campaign'], touch: 'first' }
 */
export const channelQuery = (touch: 'first' | 'last'): CellQuery => ({
  base: 'checkout',
  groupBy: ['source', 'medium', 'campaign'],
  touch,
});

/**
 * Channel rows, most sessions first, from cells by source / medium / campaign (see {@link channelQuery}).
 *
 * @example
 * channelRowsFromCells(await aggregates.cells(channelQuery('last'), { now }))[0];
 * // { source: 'google', medium: 'cpc', campaign: 'zima-2026', sessions: 410, orders: 130, revenue: 2_340_000, conversionRate: 0.317 }
 */
export function channelRowsFromCells(cells: Cells): ChannelRow[] {
  return groupCells(cells.cells, ['source', 'medium', 'campaign'])
    .map(({ key, cells: group }) => {
      const { checkouts, conversions, revenue } = sumCells(group);
      return {
        source: key.source ?? '',
        medium: key.medium ?? '',
        campaign: key.campaign ?? '',
        sessions: checkouts,
        orders: conversions,
        revenue,
        conversionRate: checkouts ? conversions / checkouts : null,
      };
    })
    .sort((a, b) => b.sessions - a.sessions);
}

/**
 * The channel report over decided checkouts (see `decidedCheckouts`), by first and last touch; visits
 * without UTM parameters are '(direct)' / '(none)' / '(none)'. Revenue is in the shop's currency (PLN).
 *
 * @example
 * channelReport(summaries, { now }).lastTouch[0];
 * // { source: 'google', medium: 'cpc', campaign: 'zima-2026', sessions: 410, orders: 130, revenue: 2_340_000, conversionRate: 0.317 }
 */
export function channelReport(
  summaries: readonly CheckoutSummary[],
  options: MetricOptions,
): { readonly firstTouch: readonly ChannelRow[]; readonly lastTouch: readonly ChannelRow[] } {
  const aggregates = summaryAggregates(summaries);
  return {
    firstTouch: channelRowsFromCells(aggregates.cells(channelQuery('first'), options)),
    lastTouch: channelRowsFromCells(aggregates.cells(channelQuery('last'), options)),
  };
}

// Ad platforms and UTM tags disagree on case and stray spaces; matching ignores both.
const keyOf = (r: { source: string; medium: string; campaign: string }) =>
  JSON.stringify([r.source, r.medium, r.campaign].map((x) => x.trim().toLowerCase()));

/**
 * Adds costs to channel rows by source / medium / campaign (ignoring case), counting only the cost rows
 * in `scope` (dates within [from, to], the filtered source, the filtered device). Costs for a channel
 * without checkouts become rows of their own, since money spent for nothing is what the merchant most
 * needs to see. Under a device filter, a channel whose costs are not all imported per device keeps
 * its cost but has no cost per order or ROAS (`notComparable: 'device'`): charging a campaign's whole
 * cost to the mobile orders alone would make it look worse than it is.
 *
 * @example
 * // campaign X cost 10,000 zł and brought 5 orders worth 80,000 zł
 * joinCosts([{ source: 'google', medium: 'cpc', campaign: 'x', sessions: 50, orders: 5, revenue: 8_000_000, conversionRate: 0.1 }],
 *   [{ line: 2, date: '2026-01-05', source: 'google', medium: 'cpc', campaign: 'x', cost: 1_000_000 }]);
 * // [{ …, cost: 1_000_000, costPerOrder: 200_000 (2,000 zł), roas: 8, notComparable: null }]
 */
export function joinCosts(
  channels: readonly ChannelRow[],
  costs: readonly CostRow[],
  scope: CostScope = {},
): ChannelCostRow[] {
  const { from, to, device } = scope;
  const source = scope.source?.trim().toLowerCase();
  const spend = new Map<string, { row: CostRow; cost: number; allDevices: boolean }>();
  for (const row of costs) {
    if ((from && row.date < from) || (to && row.date > to)) continue;
    if (source !== undefined && row.source.trim().toLowerCase() !== source) continue;
    if (device && row.device && row.device !== device) continue;
    const key = keyOf(row);
    const seen = spend.get(key);
    spend.set(key, {
      row,
      cost: (seen?.cost ?? 0) + row.cost,
      allDevices: (seen?.allDevices ?? false) || row.device === undefined,
    });
  }
  const withCost = (channel: ChannelRow, found: { cost: number; allDevices: boolean } | undefined) => {
    const cost = found?.cost ?? 0;
    const notComparable: NotComparable | null = !found
      ? null
      : device && found.allDevices
        ? 'device'
        : (scope.notComparable ?? null);
    return {
      ...channel,
      cost,
      costPerOrder: channel.orders && !notComparable ? cost / channel.orders : null,
      roas: cost && !notComparable ? channel.revenue / cost : null,
      notComparable,
    };
  };
  const joined = channels.map((channel) => {
    const key = keyOf(channel);
    const found = spend.get(key);
    spend.delete(key);
    return withCost(channel, found);
  });
  for (const found of spend.values()) {
    const { source, medium, campaign } = found.row;
    joined.push(
      withCost({ source, medium, campaign, sessions: 0, orders: 0, revenue: 0, conversionRate: null }, found),
    );
  }
  return joined;
}
