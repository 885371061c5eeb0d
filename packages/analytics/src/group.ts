/**
 * Adding up cells and splitting them by layout, device and channel, shared by the funnel, the channel
 * report, the experiments and the headline rates.
 */
import { type Cell, UNKNOWN } from './aggregates.ts';

export type GroupDimension = 'layout' | 'device' | 'source' | 'medium' | 'campaign';
/** The value of each grouped dimension, e.g. { layout: 'multi-step', device: 'mobile' }. */
export type GroupKey = Readonly<Partial<Record<GroupDimension, string>>>;

/** What cells add up to. */
export type CellTotals = Omit<Cell, 'key'>;

/**
 * The sums of the cells' counts.
 *
 * @example
 * sumCells(cells); // { checkouts: 200, conversions: 60, revenue: 1_200_000, revenueSumSquares: 3.1e10 }
 */
export function sumCells(cells: readonly Cell[]): CellTotals {
  let checkouts = 0;
  let conversions = 0;
  let revenue = 0;
  let revenueSumSquares = 0;
  for (const cell of cells) {
    checkouts += cell.checkouts;
    conversions += cell.conversions;
    revenue += cell.revenue;
    revenueSumSquares += cell.revenueSumSquares;
  }
  return { checkouts, conversions, revenue, revenueSumSquares };
}

/**
 * Groups cells by the given dimensions (one group of everything for none), sorted by label; the cells
 * may be split by more dimensions, e.g. `furthest` for the funnel.
 *
 * @example
 * groupCells(cells, ['layout', 'device'])[0]?.label; // 'multi-step / desktop'
 */
export function groupCells(
  cells: readonly Cell[],
  dimensions: readonly GroupDimension[],
): { readonly key: GroupKey; readonly label: string; readonly cells: readonly Cell[] }[] {
  const groups = new Map<string, { key: GroupKey; label: string; cells: Cell[] }>();
  for (const cell of cells) {
    const values = dimensions.map((d) => String(cell.key[d] ?? UNKNOWN));
    // Campaign names are free text and may contain the label's separator, so the map key is JSON.
    const id = JSON.stringify(values);
    const group: { key: GroupKey; label: string; cells: Cell[] } = groups.get(id) ?? {
      key: Object.fromEntries(dimensions.map((d, i) => [d, values[i]])),
      label: dimensions.length ? values.join(' / ') : 'all',
      cells: [],
    };
    groups.set(id, group);
    group.cells.push(cell);
  }
  return [...groups.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
