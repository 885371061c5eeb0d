import { useLocale } from '../../locale.ts';
import {
  addInitiative,
  addKeyResult,
  removalNeedsConfirmation,
  removeObjective,
  updateObjective,
} from '../../okr-edit.ts';
import type { ObjectiveDraft } from '../../okr-form.ts';
import type { Editing } from './editing.ts';
import { InitiativeEditor } from './InitiativeEditor.tsx';
import { KeyResultEditor } from './KeyResultEditor.tsx';
import { FieldErrors, OkrField } from './OkrField.tsx';

/** One objective: its title, its key results and its initiatives, each added and removed here. */
export function ObjectiveEditor({
  editing,
  o,
  objective,
}: {
  readonly editing: Editing;
  readonly o: number;
  readonly objective: ObjectiveDraft;
}) {
  const { m } = useLocale();
  const at = `objectives.${o}`;
  const title = objective.title || m.okr.untitled;
  const krKeys = objective.keyResults.map((kr) => kr.key);
  return (
    <fieldset className="okr-objective" data-testid="okr-objective">
      <legend>
        {m.okr.objective}: {title}
      </legend>
      <OkrField
        id={editing.idFor(`${at}.title`)}
        label={m.okr.objectiveTitle}
        mode="text"
        value={objective.title}
        errors={editing.errorsAt(`${at}.title`)}
        onChange={(value) => editing.change((draft) => updateObjective(draft, o, { title: value }))}
      />
      <div id={editing.idFor(`${at}.keyResults`)}>
        <FieldErrors
          id={`${editing.idFor(`${at}.keyResults`)}-error`}
          errors={editing.errorsAt(`${at}.keyResults`)}
        />
      </div>
      {objective.keyResults.map((kr, k) => (
        <KeyResultEditor
          key={kr.uid}
          editing={editing}
          o={o}
          k={k}
          kr={kr}
          removable={objective.keyResults.length > 1}
        />
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          editing.change(
            (draft) => addKeyResult(draft, o, { metric: editing.metrics[0] ?? '', now: Date.now() }),
            true,
          )
        }
      >
        {m.okr.addKeyResult}
      </button>
      {objective.initiatives.map((initiative, i) => (
        <InitiativeEditor
          key={initiative.uid}
          editing={editing}
          o={o}
          i={i}
          initiative={initiative}
          krKeys={krKeys}
        />
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => editing.change((draft) => addInitiative(draft, o), true)}
      >
        {m.okr.addInitiative}
      </button>
      <button
        type="button"
        className="okr-remove"
        onClick={() =>
          editing.remove(
            removalNeedsConfirmation(editing.draft, { objective: o }),
            m.okr.confirmRemoveObjective(title),
            (draft) => removeObjective(draft, o),
          )
        }
      >
        {m.okr.removeObjective(title)}
      </button>
    </fieldset>
  );
}
