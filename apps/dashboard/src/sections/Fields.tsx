import { useId } from 'react';
import { csvCount, csvPercent } from '../csv.ts';
import { formatCount, formatRate } from '../format.ts';
import { useLocale } from '../locale.ts';
import { named } from '../messages.ts';
import type { FieldReport } from '../report.ts';
import { num, TableScroll } from './TableScroll.tsx';

/**
 * The last field before leaving, and the fields whose errors go with leaving more than average: every
 * field, each table scrolling within its own region when the list is long.
 */
export function Fields({ fields }: { readonly fields: FieldReport }) {
  const { lang, m } = useLocale();
  const id = useId();
  const n = (x: number) => formatCount(x, lang);
  const average = fields.abandonmentRate;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.fields.title}</h2>
      {fields.lastFields.length === 0 && fields.errors.length === 0 ? <p>{m.fields.none}</p> : null}
      <div className="two-columns">
        {fields.lastFields.length > 0 ? (
          <TableScroll
            caption={m.fields.lastCaption}
            tall
            columns={[m.fields.field, num(m.fields.abandoned), num(m.fields.share, `${m.fields.share} (%)`)]}
            note={
              fields.withoutField > 0 ? (
                <p className="muted">{m.fields.withoutField(n(fields.withoutField))}</p>
              ) : null
            }
          >
            <tbody>
              {fields.lastFields.map((row) => (
                <tr key={row.field}>
                  <th scope="row">{named(m.fieldNames, row.field)}</th>
                  <td className="num" data-csv={csvCount(row.count)}>
                    {n(row.count)}
                  </td>
                  <td className="num" data-csv={csvPercent(row.share)}>
                    {formatRate(row.share, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableScroll>
        ) : null}
        {fields.errors.length > 0 ? (
          <TableScroll
            caption={m.fields.errorsCaption}
            tall
            columns={[
              m.fields.field,
              num(m.fields.errors),
              num(m.fields.checkoutsWithError),
              num(m.fields.abandonShare, `${m.fields.abandonShare} (%)`),
            ]}
            note={
              average !== null ? (
                <p className="muted">
                  {m.fields.average(formatRate(average, lang))} ▲ {m.fields.aboveAverage}.
                </p>
              ) : null
            }
          >
            <tbody>
              {fields.errors.map((row) => {
                const above = average !== null && row.abandonShare > average;
                return (
                  <tr key={row.field}>
                    <th scope="row">{named(m.fieldNames, row.field)}</th>
                    <td className="num" data-csv={csvCount(row.errors)}>
                      {n(row.errors)}
                    </td>
                    <td className="num" data-csv={csvCount(row.checkouts)}>
                      {n(row.checkouts)}
                    </td>
                    <td className="num" data-csv={csvPercent(row.abandonShare)}>
                      {formatRate(row.abandonShare, lang)}
                      {above ? (
                        <span className="flag">
                          {' '}
                          <span aria-hidden="true">▲</span>
                          <span className="visually-hidden">{m.fields.aboveAverage}</span>
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </TableScroll>
        ) : null}
      </div>
    </section>
  );
}
