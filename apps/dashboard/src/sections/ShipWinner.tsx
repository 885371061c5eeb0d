import { useId, useState } from 'react';
import { suggestedWinner, variationLabel } from '../experiment-controls.ts';
import type { ControlledExperiment } from '../experiments-api.ts';
import { useLocale } from '../locale.ts';
import type { ExperimentResults } from '../report.ts';

/**
 * Which variation to ship, the results' suggestion chosen first, and a confirmation that names what
 * follows: everyone gets that variation.
 */
export function ShipWinner({
  experiment,
  results,
  busy,
  onShip,
  onCancel,
}: {
  readonly experiment: ControlledExperiment;
  readonly results: readonly ExperimentResults[];
  readonly busy: boolean;
  readonly onShip: (variation: string) => void;
  readonly onCancel: () => void;
}) {
  const { lang, m } = useLocale();
  const t = m.experimentControls;
  const id = useId();
  const suggestion = suggestedWinner(experiment, results);
  const [choice, setChoice] = useState<string | null>(suggestion?.variation ?? null);
  return (
    <fieldset className="xc-ship">
      <legend>{t.shipLegend(experiment.key)}</legend>
      <p className="muted">{suggestion ? t.suggested(suggestion.verdict[lang]) : t.noSuggestion}</p>
      {experiment.variations.map((variation, i) => (
        <label key={variation} className="inline" htmlFor={`${id}-${i}`}>
          <input
            id={`${id}-${i}`}
            type="radio"
            name={`${id}-variation`}
            value={variation}
            checked={choice === variation}
            onChange={() => setChoice(variation)}
          />
          {variationLabel(variation, t)}
          {i === 0 ? ` (${t.control})` : ''}
        </label>
      ))}
      <p className="note">{t.shipWarning}</p>
      <div className="xc-buttons">
        {choice ? (
          <button type="button" disabled={busy} onClick={() => onShip(choice)}>
            {t.shipConfirm(choice)}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </fieldset>
  );
}
