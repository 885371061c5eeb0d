/**
 * How far checkouts get: per section (contact → … → paid) and per step of the multi-step layout, with
 * the drop-off between consecutive rows, split by layout, device and channel.
 */
import { type Cell, type CellQuery, type Cells, summaryAggregates } from './aggregates.ts';
import type { MetricOptions } from './filters.ts';
import { type GroupDimension, type GroupKey, groupCells, sumCells } from './group.ts';
import { type CheckoutSummary, type ProgressSection, SECTION_ORDER, sectionRank } from './types.ts';

export interface FunnelRow {
  readonly name: string;
  /** Decided checkouts that reached this row. */
  readonly reached: number;
  /** reached / checkouts in the group; null for an empty group. */
  readonly shareOfStart: number | null;
  /** 1 − reached / reached of the previous row; null for the first row or after a row of 0. */
  readonly dropOff: number | null;
}

export interface FunnelGroup {
  readonly key: GroupKey;
  readonly label: string;
  readonly checkouts: number;
  readonly sections: readonly FunnelRow[];
  /** Step 1 = contact + delivery, 2 = payment, 3 = review (summary), then the purchase. */
  readonly steps: readonly FunnelRow[];
}

export interface FunnelOptions extends MetricOptions {
  /** Dimensions to split by, e.g. ['layout', 'device']; none gives one group labelled 'all'. */
  readonly groupBy?: readonly GroupDimension[];
  /** Which touch channel dimensions read; default 'last'. */
  readonly touch?: 'first' | 'last';
}

/** The multi-step layout's steps, named by the first section each covers. */
export const STEPS: readonly { readonly name: string; readonly from: ProgressSection }[] = [
  { name: 'step 1: contact + delivery', from: 'contact' },
  { name: 'step 2: payment', from: 'payment' },
  { name: 'step 3: review', from: 'review' },
  { name: 'purchase', from: 'paid' },
];

const SECTIONS = SECTION_ORDER.map((section) => ({ name: section, from: section }));

function rows(
  cells: readonly Cell[],
  stages: readonly { readonly name: string; readonly from: ProgressSection }[],
): FunnelRow[] {
  const { checkouts, conversions } = sumCells(cells);
  // `paid` means converted within the window, so the last row matches checkoutConversionRate.
  const reached = (from: ProgressSection) =>
    from === 'paid'
      ? conversions
      : sumCells(cells.filter((c) => Number(c.key.furthest ?? -1) >= sectionRank(from))).checkouts;
  let previous: number | null = null;
  return stages.map(({ name, from }) => {
    const count = reached(from);
    const dropOff: number | null = previous ? 1 - count / previous : null;
    previous = count;
    return { name, reached: count, shareOfStart: checkouts ? count / checkouts : null, dropOff };
  });
}

/**
 * The cells a funnel reads: decided checkouts by the group dimensions and the furthest section.
 *
 * @example
 * funnelQuery(['layout']); // { base: 'checkout', groupBy: ['layout', 'furthest'], touch: 'last' }
 */
export const funnelQuery = (
  groupBy: readonly GroupDimension[] = [],
  touch: 'first' | 'last' = 'last',
): CellQuery => ({ base: 'checkout', groupBy: [...groupBy, 'furthest'], touch });

/**
 * The funnel per group from cells split by `groupBy` and `furthest` (see {@link funnelQuery}).
 *
 * @example
 * funnelFromCells(await aggregates.cells(funnelQuery(['layout']), { now }), ['layout'])[0]?.label; // 'multi-step'
 */
export function funnelFromCells(cells: Cells, groupBy: readonly GroupDimension[]): FunnelGroup[] {
  return groupCells(cells.cells, groupBy).map((group) => ({
    key: group.key,
    label: group.label,
    checkouts: sumCells(group.cells).checkouts,
    sections: rows(group.cells, SECTIONS),
    steps: rows(group.cells, STEPS),
  }));
}

/**
 * Funnel of decided checkouts (see `decidedCheckouts`), per group.
 *
 * @example
 * const [onePage] = funnel(summaries, { now, groupBy: ['layout'] });
 * onePage?.sections.map((r) => r.dropOff); // [null, 0.18, 0.12, 0.06, 0.04, 0.05]
 */
export function funnel(summaries: readonly CheckoutSummary[], options: FunnelOptions): FunnelGroup[] {
  const groupBy = options.groupBy ?? [];
  const cells = summaryAggregates(summaries).cells(funnelQuery(groupBy, options.touch), options);
  return funnelFromCells(cells, groupBy);
}
