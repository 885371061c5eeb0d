import { useLocale } from '../../locale.ts';
import { named } from '../../messages.ts';
import { removalNeedsConfirmation, removeKeyResult, updateKeyResult } from '../../okr-edit.ts';
import { type KrDraft, unitOf } from '../../okr-form.ts';
import type { Editing } from './editing.ts';
import { FieldErrors, OkrField } from './OkrField.tsx';

/** One key result: its key, metric, baseline and target in the metric's unit, and its period. */
export function KeyResultEditor({
  editing,
  o,
  k,
  kr,
  removable,
}: {
  readonly editing: Editing;
  readonly o: number;
  readonly k: number;
  readonly kr: KrDraft;
  /** False for an objective's only key result. */
  readonly removable: boolean;
}) {
  const { m } = useLocale();
  const at = `objectives.${o}.keyResults.${k}`;
  const unit = unitOf(kr.metric) === 'percent' ? m.okr.unitPercent : m.okr.unitSeconds;
  const set = (patch: Partial<Omit<KrDraft, 'uid' | 'written'>>) =>
    editing.change((draft) => updateKeyResult(draft, o, k, patch));
  const field = (
    label: string,
    path: string,
    mode: 'text' | 'decimal' | 'date',
    value: string,
    name: keyof KrDraft,
  ) => (
    <OkrField
      id={editing.idFor(`${at}.${path}`)}
      label={label}
      mode={mode}
      value={value}
      errors={editing.errorsAt(`${at}.${path}`)}
      onChange={(next) => set({ [name]: next })}
    />
  );
  const metricId = editing.idFor(`${at}.metric`);
  const metricErrors = editing.errorsAt(`${at}.metric`);
  const metrics = editing.metrics.includes(kr.metric) ? editing.metrics : [...editing.metrics, kr.metric];
  return (
    <fieldset className="okr-row okr-kr" data-testid="okr-key-result">
      <legend>
        {m.okr.keyResult(kr.key)}: {named(m.metrics, kr.metric)}
      </legend>
      {field(m.okr.keyResultKey, 'key', 'text', kr.key, 'key')}
      <div className="field">
        <label htmlFor={metricId}>{m.okr.metric}</label>
        <select
          id={metricId}
          value={kr.metric}
          aria-invalid={metricErrors.length ? true : undefined}
          aria-describedby={metricErrors.length ? `${metricId}-error` : undefined}
          onChange={(event) => set({ metric: event.target.value })}
        >
          {metrics.map((metric) => (
            <option key={metric} value={metric}>
              {named(m.metrics, metric)}
            </option>
          ))}
        </select>
        <FieldErrors id={`${metricId}-error`} errors={metricErrors} />
      </div>
      {field(`${m.okr.baseline} (${unit})`, 'baseline', 'decimal', kr.baseline, 'baseline')}
      {field(`${m.okr.target} (${unit})`, 'target', 'decimal', kr.target, 'target')}
      {field(m.okr.periodFrom, 'period.from', 'date', kr.from, 'from')}
      {field(m.okr.periodTo, 'period.to', 'date', kr.to, 'to')}
      {removable ? (
        <button
          type="button"
          className="okr-remove"
          onClick={() =>
            editing.remove(
              removalNeedsConfirmation(editing.draft, { objective: o, keyResult: k }),
              m.okr.confirmRemoveKeyResult(kr.key),
              (draft) => removeKeyResult(draft, o, k),
            )
          }
        >
          {m.okr.removeKeyResult(kr.key)}
        </button>
      ) : null}
    </fieldset>
  );
}
