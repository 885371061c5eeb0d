import { DAY_MS } from '@kasa/analytics';
import { useId } from 'react';
import { ProgressBar } from '../charts/ProgressBar.tsx';
import { TrendChart } from '../charts/TrendChart.tsx';
import { formatMetric } from '../derive.ts';
import { formatCount } from '../format.ts';
import { krPeriodLabel, krStatusText } from '../kr-card-text.ts';
import { useLocale } from '../locale.ts';
import { named } from '../messages.ts';
import type { InitiativeCard, KrCard } from '../report.ts';

/** One card per key result: where it stands, how far to the target, its trend and what should move it. */
export function KrCards({ krs }: { readonly krs: readonly KrCard[] }) {
  const { m } = useLocale();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.krs.title}</h2>
      {krs.length === 0 ? <p>{m.krs.none}</p> : null}
      <div className="cards">
        {krs.map((card) => (
          <Card key={`${card.objective.key}/${card.keyResult.key}`} card={card} />
        ))}
      </div>
    </section>
  );
}

function Card({ card }: { readonly card: KrCard }) {
  const { lang, m } = useLocale();
  const id = useId();
  const { keyResult: kr } = card;
  const value = (x: number | null) => formatMetric(kr.metric, x, lang);
  const progressText = krStatusText(card, m, lang);
  const judged = card.status !== 'not-enough-data';
  const metric = named(m.metrics, kr.metric);
  // The first bucket is whole (only the last may be cut by the period's end): a day or a week.
  const first = card.trend[0];
  const per = first && first.to - first.from > DAY_MS ? 'week' : 'day';
  return (
    <article className="card kr" aria-labelledby={`${id}-title`}>
      <p className="eyebrow">{card.objective.title}</p>
      <h3 id={`${id}-title`}>{metric}</h3>
      <p className="kr-value">
        <span className="label">{m.krs.current}: </span>
        <strong data-testid="kr-current">{value(card.current)}</strong>
      </p>
      <p className="muted">
        {m.krs.baselineTarget(value(kr.baseline), value(kr.target))} ·{' '}
        <span data-testid="kr-period">{krPeriodLabel(kr.period, m, lang)}</span>
      </p>
      {/* No bar before the minimum sample: a full bar would read as "target reached". */}
      <ProgressBar
        progress={judged ? card.progress : null}
        label={`${m.krs.progress}: ${metric}`}
        valueText={progressText}
      />
      <p className="progress-text" data-testid="kr-status">
        {progressText}
      </p>
      {judged ? null : (
        <p className="muted">{m.krSim.notEnoughHint(m.krSim.sampleUnit[kr.metric] ?? kr.metric)}</p>
      )}
      <figure className="trend">
        <figcaption>{m.krs.trend}</figcaption>
        <TrendChart
          points={card.trend}
          target={kr.target}
          baseline={kr.baseline}
          metric={metric}
          format={(x) => value(x)}
          isRate={kr.metric !== 'median_time_to_purchase'}
          per={per}
        />
        {card.trend.some((p) => !p.complete) ? <p className="legend">{m.krs.incompleteLegend}</p> : null}
      </figure>
      <h4>{m.krs.initiatives}</h4>
      {card.initiatives.length === 0 ? (
        <p className="muted">{m.krs.noInitiatives}</p>
      ) : (
        <ul className="initiatives">
          {card.initiatives.map((initiative) => (
            <Initiative key={initiative.key} initiative={initiative} />
          ))}
        </ul>
      )}
    </article>
  );
}

function Initiative({ initiative }: { readonly initiative: InitiativeCard }) {
  const { lang, m } = useLocale();
  const { impact, confidence, ease } = initiative.ice;
  return (
    <li>
      <span className="initiative-title">{initiative.title}</span>{' '}
      <span className="badge">
        {m.krs.ice(formatCount(initiative.iceScore, lang), `${impact} × ${confidence} × ${ease}`)}
      </span>
      {initiative.experiment ? (
        <p className="muted">
          {m.krs.experiment} {initiative.experiment}
          {initiative.status ? ` (${named(m.krs.status, initiative.status)})` : ''}
          {initiative.verdict ? `: ${initiative.verdict[lang]}` : ''}
        </p>
      ) : null}
    </li>
  );
}
