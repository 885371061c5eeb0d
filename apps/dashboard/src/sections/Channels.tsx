import { useId } from 'react';
import { formatCount, formatMoney, formatRate } from '../format.ts';
import { useLocale } from '../locale.ts';
import type { ChannelCostRow, DashboardReport } from '../report.ts';
import type { Touch } from '../url-state.ts';
import { costCells } from './channel-costs.ts';
import { num, TableScroll } from './TableScroll.tsx';

/** Sessions, orders, revenue and ad costs per source / medium / campaign, by first or last touch. */
export function Channels({
  channels,
  touch,
  onTouch,
}: {
  readonly channels: DashboardReport['channels'];
  readonly touch: Touch;
  readonly onTouch: (touch: Touch) => void;
}) {
  const { lang, m } = useLocale();
  const id = useId();
  const rows: readonly ChannelCostRow[] = touch === 'first' ? channels.firstTouch : channels.lastTouch;
  const n = (x: number) => formatCount(x, lang);
  const money = (x: number | null) => (x === null ? '—' : formatMoney(x, lang));
  const cells = rows.map((row) => ({ row, costs: costCells(row, lang, m) }));
  // Each reason once under the table, so the cells can stay short.
  const reasons = [...new Set(cells.flatMap(({ costs }) => (costs.why ? [costs.why] : [])))];
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.channels.title}</h2>
      <fieldset className="segmented">
        <legend className="visually-hidden">{m.filters.touch}</legend>
        {(['last', 'first'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={touch === option} onClick={() => onTouch(option)}>
            {m.touch[option]}
          </button>
        ))}
      </fieldset>
      {rows.length === 0 ? (
        <p>{m.channels.none}</p>
      ) : (
        <TableScroll
          caption={m.channels.caption(m.touch[touch])}
          {...(reasons.length > 0 ? { note: reasons.map((why) => <p key={why}>{why}</p>) } : {})}
          columns={[
            m.channels.source,
            m.channels.medium,
            m.channels.campaign,
            num(m.channels.sessions),
            num(m.channels.orders),
            num(m.channels.revenue),
            num(m.channels.conversion),
            num(m.channels.cost),
            num(m.channels.costPerOrder),
            num(m.channels.roas),
          ]}
        >
          <tbody>
            {cells.map(({ row, costs }) => (
              <tr key={`${row.source}/${row.medium}/${row.campaign}`}>
                <th scope="row">{row.source}</th>
                <td>{row.medium}</td>
                <td>{row.campaign}</td>
                <td className="num">{n(row.sessions)}</td>
                <td className="num">{n(row.orders)}</td>
                <td className="num">{money(row.revenue)}</td>
                <td className="num">{formatRate(row.conversionRate, lang)}</td>
                <td className="num">{costs.cost}</td>
                <td className="num" title={costs.why ?? undefined}>
                  {costs.costPerOrder}
                </td>
                <td className="num" title={costs.why ?? undefined}>
                  {costs.roas}
                </td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      )}
    </section>
  );
}
