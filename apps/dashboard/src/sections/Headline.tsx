import { useId } from 'react';
import { formatCount, formatDuration, formatRate } from '../format.ts';
import { useLocale } from '../locale.ts';
import type { DashboardReport, Rate } from '../report.ts';

/** The five numbers a merchant checks first, each with what it counts. */
export function Headline({ report }: { readonly report: DashboardReport }) {
  const { lang, m } = useLocale();
  const id = useId();
  const { headline } = report;
  const n = (x: number) => formatCount(x, lang);
  const ofRate = (r: Rate, of: (count: string, total: string) => string) => of(n(r.count), n(r.total));
  const tiles = [
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
      label: m.headline.conversion,
      value: formatRate(headline.checkoutConversion.rate, lang),
      detail: ofRate(headline.checkoutConversion, m.headline.ofCheckouts),
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
          </div>
        ))}
      </dl>
      {headline.checkoutAbandonment.total === 0 && pending === 0 ? <p>{m.emptyRange}</p> : null}
      <p className="note">
        {pending > 0 ? `${m.headline.pending(pending, n(pending), hours)} ` : ''}
        {m.headline.paymentNoWindow}
      </p>
    </section>
  );
}
