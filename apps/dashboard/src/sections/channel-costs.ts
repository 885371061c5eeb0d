/** The cost cells of a channel row as the dashboard writes them, in words when they are not comparable. */
import { formatMoney, formatRoas, type Locale } from '../format.ts';
import type { Messages } from '../messages.ts';
import type { ChannelCostRow } from '../report.ts';

export interface CostCells {
  readonly cost: string;
  readonly costPerOrder: string;
  readonly roas: string;
  /** Why cost per order and ROAS are not comparable under the filters; null when they are. */
  readonly why: string | null;
}

/**
 * Cost, cost per order and ROAS of one channel row; '—' where there is nothing to show, and "not
 * comparable" (with the reason) where the filters split the channel in a way its costs are not.
 *
 * @example
 * costCells({ …, cost: 5_000, costPerOrder: null, roas: null, notComparable: 'device' }, 'pl', MESSAGES.pl);
 * // { cost: '50,00 zł', costPerOrder: 'nieporównywalne', roas: 'nieporównywalne', why: 'Koszty kampanii zaimportowano …' }
 */
export function costCells(row: ChannelCostRow, lang: Locale, m: Messages): CostCells {
  const cost = row.cost ? formatMoney(row.cost, lang) : '—';
  if (row.notComparable) {
    const words = m.channels.notComparable;
    return {
      cost,
      costPerOrder: words,
      roas: words,
      why: m.channels.notComparableWhy[row.notComparable] ?? null,
    };
  }
  return {
    cost,
    costPerOrder: row.cost && row.costPerOrder !== null ? formatMoney(row.costPerOrder, lang) : '—',
    roas: formatRoas(row.roas, lang),
    why: null,
  };
}
