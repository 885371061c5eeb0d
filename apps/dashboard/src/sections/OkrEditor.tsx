import { type FormEvent, useId, useState } from 'react';
import { getOkr, type Issue, type OkrDocument, putOkr } from '../api.ts';
import { useLocale } from '../locale.ts';
import { named } from '../messages.ts';
import { fieldsToOkr, type OkrFields, okrToFields, pathKey, unitOf } from '../okr-form.ts';

type State =
  | { readonly status: 'closed' | 'loading' | 'failed' }
  | {
      readonly status: 'editing' | 'saving' | 'saved';
      readonly doc: OkrDocument;
      readonly fields: OkrFields;
      readonly issues: readonly Issue[];
      readonly failed?: boolean;
    };

/**
 * Baseline, target and period of each key result and the ICE scores of each initiative, saved with
 * PUT /api/analytics/okr; the API's validation messages appear next to the fields they name.
 */
export function OkrEditor({
  token,
  onSaved,
  onUnauthorized,
}: {
  readonly token: string;
  readonly onSaved: () => void;
  readonly onUnauthorized: () => void;
}) {
  const { lang, m } = useLocale();
  const id = useId();
  const [state, setState] = useState<State>({ status: 'closed' });

  const open = async () => {
    if (state.status !== 'closed' && state.status !== 'failed') return;
    setState({ status: 'loading' });
    const result = await getOkr(token, lang);
    if (result.kind === 'unauthorized') onUnauthorized();
    else if (result.kind === 'ok')
      setState({ status: 'editing', doc: result.data, fields: okrToFields(result.data), issues: [] });
    else setState({ status: 'failed' });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!('doc' in state)) return;
    const { config, issues } = fieldsToOkr(state.doc, state.fields, m.okr);
    if (issues.length) {
      setState({ ...state, status: 'editing', issues });
      return;
    }
    setState({ ...state, status: 'saving', issues: [] });
    const result = await putOkr(token, config, lang);
    if (result.kind === 'unauthorized') onUnauthorized();
    else if (result.kind === 'ok') {
      setState({ status: 'saved', doc: result.data, fields: okrToFields(result.data), issues: [] });
      onSaved();
    } else {
      setState({ ...state, status: 'editing', issues: result.issues, failed: result.issues.length === 0 });
    }
  };

  const inputId = (path: string) => `${id}-${path.replaceAll('.', '-')}`;
  const field = (label: string, path: string, mode: 'decimal' | 'date' | 'ice') =>
    'doc' in state ? (
      <OkrField
        id={inputId(path)}
        label={label}
        mode={mode}
        value={state.fields[path] ?? ''}
        errors={state.issues.filter((issue) => pathKey(issue.path) === path).map((issue) => issue.message)}
        onChange={(value) =>
          setState({ ...state, status: 'editing', fields: { ...state.fields, [path]: value } })
        }
      />
    ) : null;
  return (
    <details
      className="card okr-editor"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open) void open();
      }}
    >
      <summary>{m.okr.title}</summary>
      {state.status === 'loading' ? <p role="status">{m.okr.loading}</p> : null}
      {state.status === 'failed' ? <p role="alert">{m.okr.loadFailed}</p> : null}
      {'doc' in state ? (
        <form onSubmit={save} noValidate>
          {state.issues.length > 0 ? (
            <div className="error" role="alert">
              <p>{m.okr.invalid}</p>
              <ul>
                {state.issues.map((issue) => {
                  const key = pathKey(issue.path);
                  return (
                    <li key={`${key}:${issue.message}`}>
                      {key in state.fields ? (
                        <a href={`#${inputId(key)}`}>{issue.message}</a>
                      ) : (
                        `${key}: ${issue.message}`
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          {state.failed ? <p role="alert">{m.okr.saveFailed}</p> : null}
          {state.doc.objectives.map((objective, o) => (
            <fieldset key={objective.key}>
              <legend>
                {m.okr.objective}: {objective.title}
              </legend>
              {objective.keyResults.map((kr, k) => {
                const at = `objectives.${o}.keyResults.${k}`;
                const unit = unitOf(kr.metric) === 'percent' ? m.okr.unitPercent : m.okr.unitSeconds;
                return (
                  <fieldset key={kr.key} className="okr-row">
                    <legend>
                      {m.okr.keyResult(kr.key)}: {named(m.metrics, kr.metric)}
                    </legend>
                    {field(`${m.okr.baseline} (${unit})`, `${at}.baseline`, 'decimal')}
                    {field(`${m.okr.target} (${unit})`, `${at}.target`, 'decimal')}
                    {field(m.okr.periodFrom, `${at}.period.from`, 'date')}
                    {field(m.okr.periodTo, `${at}.period.to`, 'date')}
                  </fieldset>
                );
              })}
              {(objective.initiatives ?? []).map((initiative, i) => {
                const at = `objectives.${o}.initiatives.${i}.ice`;
                return (
                  <fieldset key={initiative.key} className="okr-row">
                    <legend>{m.okr.initiative(initiative.title)}</legend>
                    {field(m.okr.impact, `${at}.impact`, 'ice')}
                    {field(m.okr.confidence, `${at}.confidence`, 'ice')}
                    {field(m.okr.ease, `${at}.ease`, 'ice')}
                  </fieldset>
                );
              })}
            </fieldset>
          ))}
          <button type="submit" disabled={state.status === 'saving'}>
            {state.status === 'saving' ? m.okr.saving : m.okr.save}
          </button>
          <p role="status">{state.status === 'saved' ? m.okr.saved : ''}</p>
        </form>
      ) : null}
    </details>
  );
}

function OkrField({
  id,
  label,
  mode,
  value,
  errors,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly mode: 'decimal' | 'date' | 'ice';
  readonly value: string;
  readonly errors: readonly string[];
  readonly onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={mode === 'date' ? 'date' : mode === 'ice' ? 'number' : 'text'}
        inputMode={mode === 'decimal' ? 'decimal' : undefined}
        min={mode === 'ice' ? 1 : undefined}
        max={mode === 'ice' ? 10 : undefined}
        step={mode === 'ice' ? 1 : undefined}
        value={value}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errors.length ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {errors.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
