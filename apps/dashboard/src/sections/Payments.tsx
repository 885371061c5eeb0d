import { useId } from 'react';
import { formatCount, formatRate } from '../format.ts';
import { useLocale } from '../locale.ts';
import { named } from '../messages.ts';
import type { DashboardReport, PaymentFailureRow } from '../report.ts';
import { TableScroll } from './TableScroll.tsx';

/** Payment attempts and failures per method, BLIK's two failure kinds apart. */
export function Payments({ payments }: { readonly payments: DashboardReport['payments'] }) {
  const { lang, m } = useLocale();
  const id = useId();
  const n = (x: number) => formatCount(x, lang);
  const cells = (row: PaymentFailureRow) => (
    <>
      <td className="num">{n(row.attempts)}</td>
      <td className="num">{n(row.failures)}</td>
      <td className="num">{formatRate(row.rate, lang)}</td>
      <td className="num">{n(row.blikRejected)}</td>
      <td className="num">{n(row.blikTimeouts)}</td>
    </>
  );
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.payments.title}</h2>
      {payments.methods.length === 0 ? (
        <p>{m.payments.none}</p>
      ) : (
        <TableScroll label={m.payments.caption}>
          <table>
            <caption>{m.payments.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.payments.method}</th>
                <th scope="col" className="num">
                  {m.payments.attempts}
                </th>
                <th scope="col" className="num">
                  {m.payments.failures}
                </th>
                <th scope="col" className="num">
                  {m.payments.rate}
                </th>
                <th scope="col" className="num">
                  {m.payments.blikRejected}
                </th>
                <th scope="col" className="num">
                  {m.payments.blikTimeouts}
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.methods.map((row) => (
                <tr key={row.method}>
                  <th scope="row">{named(m.paymentMethods, row.method)}</th>
                  {cells(row)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{m.payments.total}</th>
                {cells(payments.total)}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
