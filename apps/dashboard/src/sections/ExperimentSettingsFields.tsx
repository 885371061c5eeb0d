import type { Issue } from '../api.ts';
import { issuesAt, type SettingsFields, variationLabel } from '../experiment-controls.ts';
import { useLocale } from '../locale.ts';

/** A key result the experiment may serve, as the select offers it. */
export interface KrOption {
  readonly key: string;
  readonly label: string;
}

/**
 * The settings an experiment is created or changed with: the KR it serves, one weight per variation
 * (percent, adding up to 100), the traffic included and the MDE (percent), each with its issues.
 */
export function ExperimentSettingsFields({
  idPrefix,
  fields,
  variations,
  krs,
  issues,
  onChange,
}: {
  readonly idPrefix: string;
  readonly fields: SettingsFields;
  readonly variations: readonly string[];
  readonly krs: readonly KrOption[];
  readonly issues: readonly Issue[];
  readonly onChange: (fields: SettingsFields) => void;
}) {
  const { m } = useLocale();
  const t = m.experimentControls;
  const options =
    krs.some((kr) => kr.key === fields.kr) || !fields.kr
      ? krs
      : [{ key: fields.kr, label: fields.kr }, ...krs];
  const sumErrors = issuesAt(issues, 'weights');
  return (
    <>
      <Field id={`${idPrefix}-kr`} label={t.krLabel} errors={issuesAt(issues, 'kr')}>
        {(props) => (
          <select
            {...props}
            value={fields.kr}
            onChange={(event) => onChange({ ...fields, kr: event.target.value })}
          >
            {options.map((kr) => (
              <option key={kr.key} value={kr.key}>
                {kr.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset
        className="xc-weights"
        aria-describedby={sumErrors.length ? `${idPrefix}-weights-error` : undefined}
      >
        <legend>{t.weightsLabel}</legend>
        {variations.map((variation, i) => (
          <Field
            key={variation}
            id={`${idPrefix}-weight-${i}`}
            label={`${t.weightFor(variationLabel(variation, t))}${i === 0 ? `, ${t.control}` : ''}`}
            errors={issuesAt(issues, `weights.${i}`)}
          >
            {(props) => (
              <input
                {...props}
                inputMode="decimal"
                value={fields.weights[i] ?? ''}
                onChange={(event) =>
                  onChange({
                    ...fields,
                    weights: fields.weights.map((w, j) => (j === i ? event.target.value : w)),
                  })
                }
              />
            )}
          </Field>
        ))}
        {sumErrors.length ? (
          <p className="field-error" id={`${idPrefix}-weights-error`}>
            {sumErrors.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <Field id={`${idPrefix}-coverage`} label={t.coverageField} errors={issuesAt(issues, 'coverage')}>
        {(props) => (
          <input
            {...props}
            inputMode="decimal"
            value={fields.coverage}
            onChange={(event) => onChange({ ...fields, coverage: event.target.value })}
          />
        )}
      </Field>
      <Field id={`${idPrefix}-mde`} label={t.mdeField} errors={issuesAt(issues, 'mde')}>
        {(props) => (
          <input
            {...props}
            inputMode="decimal"
            value={fields.mde}
            onChange={(event) => onChange({ ...fields, mde: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}

interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

/** A labelled control with its errors below it, tied to it by aria-describedby. */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly errors: readonly string[];
  readonly children: (props: ControlProps) => React.ReactNode;
}) {
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="muted xc-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-invalid': errors.length ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {errors.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
