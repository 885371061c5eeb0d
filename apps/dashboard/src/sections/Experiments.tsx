import { useId } from 'react';
import { CiBar } from '../charts/CiBar.tsx';
import { ciExtent } from '../charts/geometry.ts';
import { remainingText } from '../derive.ts';
import {
  formatChance,
  formatCount,
  formatMoney,
  formatPValue,
  formatRate,
  formatSignedShare,
} from '../format.ts';
import { useLocale } from '../locale.ts';
import type { ExperimentResults, VariantResult } from '../report.ts';
import { num, TableScroll } from './TableScroll.tsx';

/** A treatment's comparison with the control, when the engine could make one. */
const comparisonOf = (v: VariantResult) => (v.conversion && !v.conversion.reason ? v.conversion : null);

/** Per experiment: the verdict in words, the sample-ratio warning, and the numbers per variant. */
export function Experiments({ experiments }: { readonly experiments: readonly ExperimentResults[] }) {
  const { m } = useLocale();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.experiments.title}</h2>
      {experiments.length === 0 ? <p>{m.experiments.none}</p> : null}
      {experiments.map((experiment) => (
        <Experiment key={experiment.key} experiment={experiment} />
      ))}
    </section>
  );
}

function Experiment({ experiment }: { readonly experiment: ExperimentResults }) {
  const { lang, m } = useLocale();
  const id = useId();
  const comparisons = experiment.variants.flatMap((v) => comparisonOf(v) ?? []);
  const extent = ciExtent(comparisons.map((c) => c.ci));
  return (
    <article className="card experiment" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{m.experiments.caption(experiment.key)}</h3>
      {experiment.srmWarning ? (
        <div className="srm" role="note" aria-labelledby={`${id}-srm`}>
          <p id={`${id}-srm`}>
            <strong>{m.experiments.srmTitle}</strong>
          </p>
          <p>{experiment.srmWarning[lang]}</p>
        </div>
      ) : null}
      <p className={`verdict ${experiment.verdict.kind}`}>
        <span className="label">{m.experiments.verdict}: </span>
        <strong data-testid="verdict">{experiment.verdict[lang]}</strong>
      </p>
      {experiment.pending > 0 || experiment.unknownVariations > 0 ? (
        <p className="muted">
          {experiment.pending > 0
            ? m.experiments.pending(experiment.pending, formatCount(experiment.pending, lang))
            : ''}
          {experiment.unknownVariations > 0
            ? ` ${m.experiments.unknown(formatCount(experiment.unknownVariations, lang))}`
            : ''}
        </p>
      ) : null}
      <TableScroll
        label={`${m.experiments.caption(experiment.key)}: ${m.experiments.tableCaption}`}
        caption={m.experiments.tableCaption}
        columns={[
          m.experiments.variant,
          num(m.experiments.sessions),
          num(m.experiments.conversions),
          num(m.experiments.rate),
          num(m.experiments.rpv),
          m.experiments.effect,
          num(m.experiments.chance),
          num(m.experiments.pValue),
          m.experiments.remaining,
        ]}
      >
        <tbody>
          {experiment.variants.map((v) => {
            const c = comparisonOf(v);
            const isControl = v.variation === experiment.control;
            return (
              <tr key={v.variation}>
                <th scope="row">
                  {v.variation}
                  {isControl ? <span className="muted"> ({m.experiments.control})</span> : null}
                </th>
                <td className="num">{formatCount(v.sessions, lang)}</td>
                <td className="num">{formatCount(v.conversions, lang)}</td>
                <td className="num">{formatRate(v.conversionRate, lang)}</td>
                <td className="num">
                  {v.revenuePerVisitor === null ? '—' : formatMoney(v.revenuePerVisitor, lang)}
                </td>
                <td>
                  {isControl ? (
                    <span className="muted">{m.experiments.control}</span>
                  ) : c ? (
                    <span className="effect">
                      <CiBar effect={c.effect} ci={c.ci} extent={extent} />
                      <span>
                        {formatSignedShare(c.effect, lang)}{' '}
                        <span className="muted">
                          [{formatSignedShare(c.ci[0], lang)}
                          {lang === 'pl' ? '; ' : ', '}
                          {formatSignedShare(c.ci[1], lang)}]
                        </span>
                      </span>
                    </span>
                  ) : (
                    m.experiments.noComparison
                  )}
                </td>
                <td className="num">{c ? formatChance(c.chanceToWin, lang) : '—'}</td>
                <td className="num">{c ? formatPValue(c.pValue, lang) : '—'}</td>
                <td>{remainingText(v, m, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </TableScroll>
    </article>
  );
}
