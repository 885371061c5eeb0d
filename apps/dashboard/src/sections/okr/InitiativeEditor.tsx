import { useLocale } from '../../locale.ts';
import {
  removalNeedsConfirmation,
  removeInitiative,
  toggleServedKeyResult,
  updateInitiative,
} from '../../okr-edit.ts';
import type { InitiativeDraft } from '../../okr-form.ts';
import type { Editing } from './editing.ts';
import { FieldErrors, OkrField } from './OkrField.tsx';
import { TaskLinks } from './TaskLinks.tsx';

/**
 * One initiative: its title, the key results it serves, the experiment that tests it, its ICE
 * scores and the tasks where the work is tracked.
 */
export function InitiativeEditor({
  editing,
  o,
  i,
  initiative,
  krKeys,
}: {
  readonly editing: Editing;
  readonly o: number;
  readonly i: number;
  readonly initiative: InitiativeDraft;
  /** The keys of the objective's key results. */
  readonly krKeys: readonly string[];
}) {
  const { m } = useLocale();
  const at = `objectives.${o}.initiatives.${i}`;
  const set = (patch: Partial<Omit<InitiativeDraft, 'uid' | 'key'>>) =>
    editing.change((draft) => updateInitiative(draft, o, i, patch));
  const ice = (label: string, part: 'impact' | 'confidence' | 'ease') => (
    <OkrField
      id={editing.idFor(`${at}.ice.${part}`)}
      label={label}
      mode="ice"
      value={initiative[part]}
      errors={editing.errorsAt(`${at}.ice.${part}`)}
      onChange={(value) => set({ [part]: value })}
    />
  );
  const experimentId = editing.idFor(`${at}.experiment`);
  const experimentErrors = editing.errorsAt(`${at}.experiment`);
  const experiments =
    initiative.experiment && !editing.experiments.includes(initiative.experiment)
      ? [...editing.experiments, initiative.experiment]
      : editing.experiments;
  const title = initiative.title || m.okr.untitled;
  return (
    <fieldset className="okr-row okr-initiative" data-testid="okr-initiative">
      <legend>{m.okr.initiative(title)}</legend>
      <OkrField
        id={editing.idFor(`${at}.title`)}
        label={m.okr.initiativeTitle}
        mode="text"
        value={initiative.title}
        errors={editing.errorsAt(`${at}.title`)}
        onChange={(value) => set({ title: value })}
      />
      <fieldset className="okr-serves" id={editing.idFor(`${at}.keyResults`)}>
        <legend>{m.okr.serves}</legend>
        {krKeys.map((key) => (
          <label key={key} className="okr-check">
            <input
              type="checkbox"
              checked={initiative.keyResults.includes(key)}
              onChange={(event) =>
                editing.change((draft) => toggleServedKeyResult(draft, o, i, key, event.target.checked))
              }
            />{' '}
            {key}
          </label>
        ))}
        <FieldErrors
          id={`${editing.idFor(`${at}.keyResults`)}-error`}
          errors={editing.errorsAt(`${at}.keyResults`)}
        />
      </fieldset>
      <div className="field">
        <label htmlFor={experimentId}>{m.okr.experiment}</label>
        <select
          id={experimentId}
          value={initiative.experiment}
          aria-invalid={experimentErrors.length ? true : undefined}
          onChange={(event) => set({ experiment: event.target.value })}
        >
          <option value="">{m.okr.noExperiment}</option>
          {experiments.map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
        <FieldErrors id={`${experimentId}-error`} errors={experimentErrors} />
      </div>
      {ice(m.okr.impact, 'impact')}
      {ice(m.okr.confidence, 'confidence')}
      {ice(m.okr.ease, 'ease')}
      <TaskLinks editing={editing} o={o} i={i} links={initiative.links} />
      <button
        type="button"
        className="okr-remove"
        onClick={() =>
          editing.remove(
            removalNeedsConfirmation(editing.draft, { objective: o, initiative: i }),
            m.okr.confirmRemoveInitiative(title),
            (draft) => removeInitiative(draft, o, i),
          )
        }
      >
        {m.okr.removeInitiative(title)}
      </button>
    </fieldset>
  );
}
