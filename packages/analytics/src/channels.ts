/**
 * Where buying checkouts come from: sessions, orders, revenue and conversion per source / medium /
 * campaign, by first and by last touch, and the same joined with advertising costs.
 */
import { type CellQuery, type Cells, summaryAggregates } from './aggregates.ts';
import type { CostRow } from './costs.ts';
import type { MetricOptions } from './filters.ts';
import { groupCells, sumCells } from './group.ts';
import type { CheckoutSummary } from './types.ts';

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

export interface ChannelCostRow extends ChannelRow {
  /** In grosze, summed over the cost rows of this channel. */
  readonly cost: number;
  /** cost / orders; null without orders. */
  readonly costPerOrder: number | null;
  /** Return on ad spend, revenue / cost; null without cost. */
  readonly roas: number | null;
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
 * Adds costs to channel rows by source / medium / campaign (ignoring case), optionally only costs dated
 * within [from, to] (ISO dates, inclusive). Costs for a channel without checkouts become rows of their
 * own, since money spent for nothing is what the merchant most needs to see.
 *
 * @example
 * // campaign X cost 10,000 zł and brought 5 orders worth 80,000 zł
 * joinCosts([{ source: 'google', medium: 'cpc', campaign: 'x', sessions: 50, orders: 5, revenue: 8_000_000, conversionRate: 0.1 }],
 *   [{ line: 2, date: '2026-01-05', source: 'google', medium: 'cpc', campaign: 'x', cost: 1_000_000 }]);
 * // [{ …, cost: 1_000_000, costPerOrder: 200_000 (2,000 zł), roas: 8 }]
 */
export function joinCosts(
  channels: readonly ChannelRow[],
  costs: readonly CostRow[],
  range: { readonly from?: string; readonly to?: string } = {},
): ChannelCostRow[] {
  const spend = new Map<string, { row: CostRow; cost: number }>();
  for (const row of costs) {
    if ((range.from && row.date < range.from) || (range.to && row.date > range.to)) continue;
    const key = keyOf(row);
    spend.set(key, { row, cost: (spend.get(key)?.cost ?? 0) + row.cost });
  }
  const withCost = (channel: ChannelRow, cost: number): ChannelCostRow => ({
    ...channel,
    cost,
    costPerOrder: channel.orders ? cost / channel.orders : null,
    roas: cost ? channel.revenue / cost : null,
  });
  const joined = channels.map((channel) => {
    const key = keyOf(channel);
    const cost = spend.get(key)?.cost ?? 0;
    spend.delete(key);
    return withCost(channel, cost);
  });
  for (const { row, cost } of spend.values()) {
    const { source, medium, campaign } = row;
    joined.push(
      withCost({ source, medium, campaign, sessions: 0, orders: 0, revenue: 0, conversionRate: null }, cost),
    );
  }
  return joined;
}
