import { useId } from 'react';
import {
  formatCount,
  formatDate,
  formatDuration,
  formatMoney,
  formatNumber,
  formatRate,
  formatSignedShare,
} from '../format.ts';
import { useLocale } from '../locale.ts';
import type { Comparison, DashboardReport, Rate } from '../report.ts';

/**
 * The numbers a merchant checks first, each with what it counts: orders, revenue, average order value
 * and conversion beside the previous period of the same length (when the range has a start), then
 * abandonment, time to purchase and payment failures.
 */
export function Headline({ report }: { readonly report: DashboardReport }) {
  const { lang, m } = useLocale();
  const id = useId();
  const { headline } = report;
  const { period } = headline;
  const n = (x: number) => formatCount(x, lang);
  const money = (x: number | null) => (x === null ? '—' : formatMoney(Math.round(x), lang));
  const ofRate = (r: Rate, of: (count: string, total: string) => string) => of(n(r.count), n(r.total));
  /** 'previously 1 234 (+12,3%)'; for a rate the change in percentage points; null without a previous period. */
  const previously = (c: Comparison, show: (x: number | null) => string, points = false): string | null => {
    if (period.previousPeriod === null) return null;
    const change = points
      ? c.difference === null
        ? '—'
        : m.headline.points(`${c.difference > 0 ? '+' : ''}${formatNumber(c.difference * 100, 1, lang)}`)
      : c.change === null
        ? '—'
        : formatSignedShare(c.change, lang);
    return m.headline.previously(show(c.previous), change);
  };
  const tiles: { label: string; value: string; detail: string; compare?: string | null }[] = [
    {
      label: m.headline.orders,
      value: n(period.orders.current ?? 0),
      detail: ofRate(headline.checkoutConversion, m.headline.ofCheckouts),
      compare: previously(period.orders, (x) => (x === null ? '—' : n(x))),
    },
    {
      label: m.headline.revenue,
      value: money(period.revenue.current),
      detail: m.headline.ofOrders(n(period.orders.current ?? 0)),
      compare: previously(period.revenue, money),
    },
    {
      label: m.headline.averageOrder,
      value: money(period.averageOrderValue.current),
      detail: m.headline.ofOrders(n(period.orders.current ?? 0)),
      compare: previously(period.averageOrderValue, money),
    },
    {
      label: m.headline.conversion,
      value: formatRate(headline.checkoutConversion.rate, lang),
      detail: ofRate(headline.checkoutConversion, m.headline.ofCheckouts),
      compare: previously(period.conversion, (x) => formatRate(x, lang), true),
    },
    {
      label: m.headline.cartAbandonment,
      value: formatRate(headline.cartAbandonment.rate, lang),
      detail: ofRate(headline.cartAbandonment, m.headline.ofCarts),
    },
    {
      label: m.headline.checkoutAbandonment,
      value: formatRate(headline.checkoutAbandonment.rate, lang),
      detail: ofRate(headline.checkoutAbandonment, m.headline.ofCheckouts),
    },
    {
      label: m.headline.medianTime,
      value: formatDuration(headline.medianTimeToPurchase.medianMs),
      detail: m.headline.purchases(n(headline.medianTimeToPurchase.count)),
    },
    {
      label: m.headline.paymentFailure,
      value: formatRate(headline.paymentFailure.rate, lang),
      detail: m.headline.attempts(n(headline.paymentFailure.failures), n(headline.paymentFailure.attempts)),
    },
  ];
  const pending = headline.checkoutAbandonment.pending;
  const hours = formatCount(report.windowMs / 3_600_000, lang);
  return (
    <section aria-labelledby={`${id}-title`} className="headline">
      <h2 id={`${id}-title`}>{m.headline.title}</h2>
      <dl className="tiles">
        {tiles.map((tile) => (
          <div key={tile.label} className="tile">
            <dt>{tile.label}</dt>
            <dd className="value">{tile.value}</dd>
            <dd className="detail">{tile.detail}</dd>
            {tile.compare ? <dd className="detail compare">{tile.compare}</dd> : null}
          </div>
        ))}
      </dl>
      {headline.checkoutAbandonment.total === 0 && pending === 0 ? <p>{m.emptyRange}</p> : null}
      <p className="note">
        {period.previousPeriod
          ? m.headline.comparedWith(
              formatDate(period.previousPeriod.from, lang),
              formatDate(period.previousPeriod.to - 1, lang),
            )
          : m.headline.noComparison}
      </p>
      <p className="note">
        {pending > 0 ? `${m.headline.pending(pending, n(pending), hours)} ` : ''}
        {m.headline.paymentNoWindow}
      </p>
    </section>
  );
}
