import { useId, useState } from 'react';
import { allowedActions, DEFAULT_MDE, percentField, refusalReason } from '../experiment-controls.ts';
import type { ChangeBody, ControlledExperiment, ControlResult } from '../experiments-api.ts';
import { formatDate } from '../format.ts';
import { useLocale } from '../locale.ts';
import type { ExperimentResults } from '../report.ts';
import { ExperimentEditForm } from './ExperimentEditForm.tsx';
import type { KrOption } from './ExperimentSettingsFields.tsx';
import { ShipWinner } from './ShipWinner.tsx';

/** What the card asks its section to do; each answers the server's result. */
export interface CardActions {
  readonly run: (action: 'start' | 'stop') => Promise<ControlResult<unknown>>;
  readonly ship: (variation: string) => Promise<ControlResult<unknown>>;
  readonly change: (body: ChangeBody) => Promise<ControlResult<unknown>>;
}

/**
 * One experiment: status, phase and its start, split, coverage, KR and MDE, with the buttons its
 * status allows and, opened from them, shipping the winner or changing the settings.
 */
export function ExperimentCard({
  experiment,
  results,
  krs,
  busy,
  actions,
}: {
  readonly experiment: ControlledExperiment;
  readonly results: readonly ExperimentResults[];
  readonly krs: readonly KrOption[];
  readonly busy: boolean;
  readonly actions: CardActions;
}) {
  const { lang, m } = useLocale();
  const t = m.experimentControls;
  const id = useId();
  const [mode, setMode] = useState<'idle' | 'ship' | 'edit'>('idle');
  const [error, setError] = useState<readonly string[]>([]);
  const allowed = allowedActions(experiment.status);
  const percent = (share: number) => `${percentField(share, lang)}%`;
  const kr = krs.find((option) => option.key === experiment.kr);

  /** Runs a change; on success closes what was open, on refusal says why. */
  const perform = async (call: () => Promise<ControlResult<unknown>>) => {
    setError([]);
    const result = await call();
    if (result.kind === 'ok') setMode('idle');
    else if (result.kind === 'error') {
      setError([result.message ?? t.requestFailed, refusalReason(result.details, t) ?? ''].filter(Boolean));
    }
    return result;
  };

  return (
    <article className="card xc-experiment" aria-labelledby={`${id}-title`} data-testid="experiment-control">
      <h3 id={`${id}-title`}>{experiment.key}</h3>
      <p className="muted xc-template">
        {experiment.template ? (t.templates[experiment.template] ?? experiment.template) : t.templateCustom}
      </p>
      <dl className="xc-facts">
        <div>
          <dt>{t.statusLabel}</dt>
          <dd data-testid="xc-status">
            <span className={`badge xc-${experiment.status}`}>
              {t.status[experiment.status] ?? experiment.status}
            </span>
            {experiment.shipped ? ` ${t.shippedTo(experiment.shipped)}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t.phaseLabel}</dt>
          <dd data-testid="xc-phase">
            {t.phase(
              String(experiment.phase ?? 1),
              formatDate(Date.parse(`${experiment.startDate}T00:00:00Z`), lang),
            )}
          </dd>
        </div>
        <div>
          <dt>{t.weightsLabel}</dt>
          <dd data-testid="xc-weights">
            {experiment.variations.map((v, i) => `${v} ${percent(experiment.weights[i] ?? 0)}`).join(' · ')}
          </dd>
        </div>
        <div>
          <dt>{t.coverageLabel}</dt>
          <dd data-testid="xc-coverage">{percent(experiment.coverage)}</dd>
        </div>
        <div>
          <dt>{t.krLabel}</dt>
          <dd data-testid="xc-kr">{kr ? kr.label : experiment.kr}</dd>
        </div>
        <div>
          <dt>{t.mdeLabel}</dt>
          <dd data-testid="xc-mde">
            {experiment.mde === undefined ? t.mdeDefault(percent(DEFAULT_MDE)) : percent(experiment.mde)}
          </dd>
        </div>
      </dl>
      {allowed.start || allowed.stop || allowed.ship || allowed.edit ? (
        <fieldset className="xc-buttons xc-actions">
          <legend className="visually-hidden">{t.actionsFor(experiment.key)}</legend>
          {allowed.start ? (
            <button type="button" disabled={busy} onClick={() => perform(() => actions.run('start'))}>
              {t.start}
            </button>
          ) : null}
          {allowed.stop ? (
            <button
              type="button"
              className={experiment.status === 'shipped' ? 'secondary' : undefined}
              title={experiment.status === 'shipped' ? t.unshipHint : undefined}
              disabled={busy}
              onClick={() => perform(() => actions.run('stop'))}
            >
              {experiment.status === 'shipped' ? t.unship : t.stop}
            </button>
          ) : null}
          {allowed.ship ? (
            <button
              type="button"
              className="secondary"
              aria-expanded={mode === 'ship'}
              onClick={() => setMode(mode === 'ship' ? 'idle' : 'ship')}
            >
              {t.ship}
            </button>
          ) : null}
          {allowed.edit ? (
            <button
              type="button"
              className="secondary"
              aria-expanded={mode === 'edit'}
              onClick={() => setMode(mode === 'edit' ? 'idle' : 'edit')}
            >
              {t.edit}
            </button>
          ) : null}
        </fieldset>
      ) : null}
      {error.length ? (
        <div className="error" role="alert" data-testid="xc-error">
          {error.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      ) : null}
      {mode === 'ship' ? (
        <ShipWinner
          experiment={experiment}
          results={results}
          busy={busy}
          onShip={(variation) => perform(() => actions.ship(variation))}
          onCancel={() => setMode('idle')}
        />
      ) : null}
      {mode === 'edit' ? (
        <ExperimentEditForm
          experiment={experiment}
          krs={krs}
          busy={busy}
          onSave={async (body) => {
            const result = await actions.change(body);
            if (result.kind === 'ok') setMode('idle');
            return result;
          }}
          onCancel={() => setMode('idle')}
        />
      ) : null}
    </article>
  );
}
