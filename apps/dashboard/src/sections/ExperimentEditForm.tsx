import { type FormEvent, useId, useState } from 'react';
import type { Issue } from '../api.ts';
import { changeBody, hasStarted, refusalReason, settingsFields } from '../experiment-controls.ts';
import type { ChangeBody, ControlledExperiment, ControlResult } from '../experiments-api.ts';
import { useLocale } from '../locale.ts';
import { ExperimentSettingsFields, type KrOption } from './ExperimentSettingsFields.tsx';

/**
 * The KR, weights, coverage and MDE of an experiment, sent with only what changed; warns that a new
 * split or coverage of a started experiment starts a new phase.
 */
export function ExperimentEditForm({
  experiment,
  krs,
  busy,
  onSave,
  onCancel,
}: {
  readonly experiment: ControlledExperiment;
  readonly krs: readonly KrOption[];
  readonly busy: boolean;
  readonly onSave: (body: ChangeBody) => Promise<ControlResult<unknown>>;
  readonly onCancel: () => void;
}) {
  const { lang, m } = useLocale();
  const t = m.experimentControls;
  const id = useId();
  const [before] = useState(() => settingsFields(experiment, lang));
  const [fields, setFields] = useState(before);
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const [error, setError] = useState<readonly string[]>([]);
  const [note, setNote] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNote('');
    const { body, issues: found } = changeBody(experiment, before, fields, t.validation, lang);
    setIssues(found);
    setError(found.length ? [t.invalid] : []);
    if (!body) return;
    if (Object.keys(body).length === 0) {
      setNote(t.nothingChanged);
      return;
    }
    const result = await onSave(body);
    if (result.kind === 'error') {
      setIssues(result.issues);
      setError([result.message ?? t.requestFailed, refusalReason(result.details, t) ?? ''].filter(Boolean));
    }
  };

  return (
    <form className="xc-form" onSubmit={submit} noValidate aria-labelledby={`${id}-legend`}>
      <fieldset>
        <legend id={`${id}-legend`}>{t.editLegend(experiment.key)}</legend>
        {hasStarted(experiment.status) ? (
          <p className="banner xc-warning" role="note">
            {t.newPhaseWarning}
          </p>
        ) : null}
        {error.length ? (
          <div className="error" role="alert">
            {error.map((text) => (
              <p key={text}>{text}</p>
            ))}
          </div>
        ) : null}
        <ExperimentSettingsFields
          idPrefix={id}
          fields={fields}
          variations={experiment.variations}
          krs={krs}
          issues={issues}
          onChange={setFields}
        />
        <div className="xc-buttons">
          <button type="submit" disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
        <p className="status" role="status">
          {note}
        </p>
      </fieldset>
    </form>
  );
}
