import { useId } from 'react';
import { CiBar } from '../charts/CiBar.tsx';
import { ciExtent } from '../charts/geometry.ts';
import { remainingText } from '../derive.ts';
import {
  formatChance,
  formatCount,
  formatDate,
  formatMoney,
  formatPValue,
  formatRate,
  formatShare,
  formatSignedShare,
  type Locale,
} from '../format.ts';
import { useLocale } from '../locale.ts';
import type { Messages } from '../messages.ts';
import type { ExperimentResults, VariantResult } from '../report.ts';
import { num, TableScroll } from './TableScroll.tsx';

/** A treatment against the control, as @kasa/experiments compares them. */
type Comparison = NonNullable<VariantResult['conversion']>;

/** A comparison the engine could make; null for the control or without enough data. */
const usable = (c: Comparison | null | undefined) => (c && !c.reason ? c : null);
/** A treatment's conversion comparison with the control, when the engine could make one. */
const comparisonOf = (v: VariantResult) => usable(v.conversion);

/** '+4,2% [−1,0%; +9,6%]': a relative change with its interval. */
function changeText(c: Comparison, lang: Locale): string {
  const sep = lang === 'pl' ? '; ' : ', ';
  return `${formatSignedShare(c.effect, lang)} [${formatSignedShare(c.ci[0], lang)}${sep}${formatSignedShare(c.ci[1], lang)}]`;
}

/** The plan in words: the MDE's sample per variant, what is left and when it should arrive. */
function planText(experiment: ExperimentResults, m: Messages, lang: Locale): string {
  const { plan } = experiment;
  const mde = formatShare(plan.mde, lang, 0);
  const power = formatShare(plan.power, lang, 0);
  if (plan.perArm === null || plan.more === null) return m.experiments.planUnknown(mde, power);
  const head = m.experiments.plan(mde, power, formatCount(plan.perArm, lang));
  if (plan.more <= 0) return `${head}: ${m.experiments.planDone}.`;
  const more = formatCount(plan.more, lang);
  const rest =
    plan.expectedDate === null || plan.perDay === null
      ? m.experiments.expectedNoPace(more)
      : m.experiments.expected(
          more,
          formatDate(Date.parse(`${plan.expectedDate}T00:00:00Z`), lang),
          formatCount(Math.round(plan.perDay), lang),
        );
  return `${head}: ${rest}.`;
}

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
      <p className="method" data-testid="experiment-method">
        <span className="label">{m.experiments.method}: </span>
        {experiment.method[lang]}
      </p>
      <p className="muted" data-testid="experiment-plan">
        {planText(experiment, m, lang)}{' '}
        {experiment.startDate === null
          ? m.experiments.noStart(experiment.phase)
          : m.experiments.start(
              formatDate(Date.parse(`${experiment.startDate}T00:00:00Z`), lang),
              experiment.phase,
            )}
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
          num(m.experiments.rate),
          m.experiments.effect,
          num(m.experiments.chance),
          num(m.experiments.pValue),
          m.experiments.rpvChange,
          m.experiments.aov,
          m.experiments.paymentFailures,
          num(m.experiments.sessions),
          num(m.experiments.conversions),
          m.experiments.remaining,
        ]}
      >
        <tbody>
          {experiment.variants.map((v) => {
            const c = comparisonOf(v);
            const isControl = v.variation === experiment.control;
            const rpv = usable(v.revenuePerVisitorComparison);
            const aov = usable(v.guardrails?.averageOrderValue);
            const failures = usable(v.guardrails?.paymentFailure);
            const label = (text: string) => ({ 'data-label': text });
            return (
              <tr key={v.variation}>
                <th scope="row">
                  {v.variation}
                  {isControl ? <span className="muted"> ({m.experiments.control})</span> : null}
                </th>
                <td className="num" {...label(m.experiments.rate)}>
                  {formatRate(v.conversionRate, lang)}
                </td>
                <td className="effect-cell" {...label(m.experiments.effect)}>
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
                <td className="num" data-testid="chance" {...label(m.experiments.chance)}>
                  {c ? formatChance(c.chanceToWin, lang) : '—'}
                </td>
                <td className="num" data-testid="p-value" {...label(m.experiments.pValue)}>
                  {c ? formatPValue(c.pValue, lang) : '—'}
                </td>
                <td {...label(m.experiments.rpvChange)}>
                  {v.revenuePerVisitor === null ? '—' : formatMoney(v.revenuePerVisitor, lang)}
                  {rpv ? <span className="muted"> {changeText(rpv, lang)}</span> : null}
                </td>
                <td {...label(m.experiments.aov)}>
                  {v.averageOrderValue === null ? '—' : formatMoney(v.averageOrderValue, lang)}
                  {aov ? <span className="muted"> {changeText(aov, lang)}</span> : null}
                </td>
                <td {...label(m.experiments.paymentFailures)}>
                  {formatRate(v.payments.rate, lang)}
                  {failures ? <span className="muted"> {changeText(failures, lang)}</span> : null}
                </td>
                <td className="num" {...label(m.experiments.sessions)}>
                  {formatCount(v.sessions, lang)}
                </td>
                <td className="num" {...label(m.experiments.conversions)}>
                  {formatCount(v.conversions, lang)}
                </td>
                <td {...label(m.experiments.remaining)}>{remainingText(v, m, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </TableScroll>
    </article>
  );
}
