/**
 * How far checkouts get: per section (contact → … → paid) and per step of the multi-step layout, with
 * the drop-off between consecutive rows, split by layout, device and channel; and how far carts get
 * (cart → checkout → … → paid), the whole shop's funnel from the cart.
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

/** A funnel row: named, counting what reached `from` ('cart': every cart in the cells). */
type Stage = { readonly name: string; readonly from: ProgressSection | 'cart' };

/**
 * The cart funnel's rows: the cart, then the checkout begun (a begun checkout is at the contact
 * section, so there is no separate contact row), then the sections after it.
 */
const CART_SECTIONS: readonly Stage[] = [
  { name: 'cart', from: 'cart' },
  { name: 'checkout', from: 'contact' },
  ...SECTIONS.slice(1),
];
/** The cart, then the multi-step steps (step 1 is the checkout begun). */
const CART_STEPS: readonly Stage[] = [{ name: 'cart', from: 'cart' }, ...STEPS];

function rows(cells: readonly Cell[], stages: readonly Stage[]): FunnelRow[] {
  const { checkouts, conversions } = sumCells(cells);
  // `paid` means converted within the window, so the last row matches checkoutConversionRate (or, for
  // cells of carts, 1 − cart abandonment).
  const reached = (from: Stage['from']) =>
    from === 'cart'
      ? checkouts
      : from === 'paid'
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

export interface CartFunnel {
  /** Decided carts: viewed at least `windowMs` before `now`. */
  readonly carts: number;
  /** Carts viewed whose window is still open, left out. */
  readonly pending: number;
  /** cart → checkout → delivery → payment → review → paying → paid. */
  readonly sections: readonly FunnelRow[];
  /** cart → step 1 → step 2 → step 3 → purchase. */
  readonly steps: readonly FunnelRow[];
}

/**
 * The cells the cart funnel reads: decided carts (from the first `view_cart`) by the furthest section
 * their checkout reached (−1 when none was begun). Their sum is the cart abandonment's `CARTS` too.
 */
export const CART_FUNNEL_QUERY: CellQuery = { base: 'cart', groupBy: ['furthest'] };

/**
 * The shop's funnel from the cart, over decided carts: a cart is decided `windowMs` after its first view
 * and converted by a purchase within that window, so the last row is 1 − cart abandonment. Checkouts
 * begun without a cart view (e.g. "buy now") are not in it; layouts are not split, since the layout
 * is chosen when the checkout begins.
 *
 * @example
 * cartFunnelFromCells(await aggregates.cells(CART_FUNNEL_QUERY, { now })).sections.map((r) => r.reached);
 * // [5, 4, 4, 4, 3, 3, 2]: cart, checkout, delivery, payment, review, paying, paid
 */
export function cartFunnelFromCells(cells: Cells): CartFunnel {
  return {
    carts: sumCells(cells.cells).checkouts,
    pending: cells.pending,
    sections: rows(cells.cells, CART_SECTIONS),
    steps: rows(cells.cells, CART_STEPS),
  };
}

/**
 * The funnel from the cart over summaries in memory (see {@link cartFunnelFromCells}).
 *
 * @example
 * cartFunnel(summaries, { now }).sections[1]; // { name: 'checkout', reached: 4, shareOfStart: 0.8, dropOff: 0.2 }
 */
export const cartFunnel = (summaries: readonly CheckoutSummary[], options: MetricOptions): CartFunnel =>
  cartFunnelFromCells(summaryAggregates(summaries).cells(CART_FUNNEL_QUERY, options));

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
