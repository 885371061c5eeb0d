import { useId } from 'react';
import { ProgressBar } from '../charts/ProgressBar.tsx';
import { Sparkline } from '../charts/Sparkline.tsx';
import { formatMetric } from '../derive.ts';
import { formatCount, formatDate, formatShare } from '../format.ts';
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
  const progressText =
    card.progress === null
      ? m.noData
      : card.progress < 0
        ? m.krs.wrongWay
        : card.progress >= 1
          ? m.krs.reached
          : m.krs.progressText(formatShare(card.progress, lang, 0));
  const metric = named(m.metrics, kr.metric);
  const trendAlt = m.krs.trendAlt(
    metric,
    card.trend
      .map(
        (p) => `${formatDate(p.from, lang)}: ${value(p.value)}${p.complete ? '' : ` (${m.krs.incomplete})`}`,
      )
      .join('; ') || m.noData,
  );
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
        {m.krs.period(formatDate(kr.period.from, lang), formatDate(kr.period.to, lang))}
      </p>
      <ProgressBar progress={card.progress} label={`${m.krs.progress}: ${metric}`} valueText={progressText} />
      <p className="progress-text">{progressText}</p>
      <figure className="trend">
        <figcaption>{m.krs.trend}</figcaption>
        <Sparkline points={card.trend} label={trendAlt} />
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
