import { useId } from 'react';
import { csvCount, csvPercent } from '../csv.ts';
import { formatCount, formatRate } from '../format.ts';
import { useLocale } from '../locale.ts';
import { named } from '../messages.ts';
import type { DashboardReport, PaymentFailureRow } from '../report.ts';
import { num, TableScroll } from './TableScroll.tsx';

/** Payment attempts and failures per method, BLIK's two failure kinds apart. */
export function Payments({ payments }: { readonly payments: DashboardReport['payments'] }) {
  const { lang, m } = useLocale();
  const id = useId();
  const n = (x: number) => formatCount(x, lang);
  const cells = (row: PaymentFailureRow) => (
    <>
      <td className="num" data-csv={csvCount(row.attempts)}>
        {n(row.attempts)}
      </td>
      <td className="num" data-csv={csvCount(row.failures)}>
        {n(row.failures)}
      </td>
      <td className="num" data-csv={csvPercent(row.rate)}>
        {formatRate(row.rate, lang)}
      </td>
      <td className="num" data-csv={csvCount(row.blikRejected)}>
        {n(row.blikRejected)}
      </td>
      <td className="num" data-csv={csvCount(row.blikTimeouts)}>
        {n(row.blikTimeouts)}
      </td>
    </>
  );
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.payments.title}</h2>
      {payments.methods.length === 0 ? (
        <p>{m.payments.none}</p>
      ) : (
        <TableScroll
          caption={m.payments.caption}
          columns={[
            m.payments.method,
            num(m.payments.attempts),
            num(m.payments.failures),
            num(m.payments.rate, `${m.payments.rate} (%)`),
            num(m.payments.blikRejected),
            num(m.payments.blikTimeouts),
          ]}
        >
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
        </TableScroll>
      )}
    </section>
  );
}
