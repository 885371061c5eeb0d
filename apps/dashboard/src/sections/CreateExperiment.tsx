import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Issue } from '../api.ts';
import {
  type CreateFields,
  createBody,
  createFields,
  issuesAt,
  refusalReason,
  variationLabel,
} from '../experiment-controls.ts';
import type { ControlResult, CreateBody, ExperimentTemplate, TemplateKey } from '../experiments-api.ts';
import { useLocale } from '../locale.ts';
import { ExperimentSettingsFields, Field, type KrOption } from './ExperimentSettingsFields.tsx';

/**
 * A new draft from a template (its variations named in the page language): key, KR, weights,
 * coverage and MDE; the server's refusal appears above the form and next to the fields it names.
 */
export function CreateExperiment({
  templates,
  krs,
  busy,
  onCreate,
}: {
  readonly templates: readonly ExperimentTemplate[];
  readonly krs: readonly KrOption[];
  readonly busy: boolean;
  readonly onCreate: (body: CreateBody) => Promise<ControlResult<unknown>>;
}) {
  const { lang, m } = useLocale();
  const t = m.experimentControls;
  const id = useId();
  const first = templates[0];
  const blank = (template: ExperimentTemplate | undefined, kr: string): CreateFields =>
    createFields(template?.key ?? 'checkout-layout', template?.variations.length ?? 2, kr, lang);
  const [fields, setFields] = useState<CreateFields>(() => blank(first, krs[0]?.key ?? ''));
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const [error, setError] = useState<readonly string[]>([]);
  const template = templates.find((candidate) => candidate.key === fields.template) ?? first;

  // The KRs arrive after the form: the first one is the default choice.
  const firstKr = krs[0]?.key;
  useEffect(() => {
    if (firstKr) setFields((current) => (current.kr ? current : { ...current, kr: firstKr }));
  }, [firstKr]);

  if (!template) return null;

  const chooseTemplate = (key: TemplateKey) => {
    const next = templates.find((candidate) => candidate.key === key);
    setFields({ ...blank(next, fields.kr), key: fields.key });
    setIssues([]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, issues: found } = createBody(fields, t.validation, lang);
    setIssues(found);
    setError(found.length ? [t.invalid] : []);
    if (!body) return;
    const result = await onCreate(body);
    if (result.kind === 'ok') setFields(blank(template, fields.kr));
    else if (result.kind === 'error') {
      setIssues(result.issues);
      setError([result.message ?? t.requestFailed, refusalReason(result.details, t) ?? ''].filter(Boolean));
    }
  };

  return (
    <details className="card xc-create">
      <summary>{t.create.title}</summary>
      <form className="xc-form" onSubmit={submit} noValidate aria-label={t.create.title}>
        {error.length ? (
          <div className="error" role="alert">
            {error.map((text) => (
              <p key={text}>{text}</p>
            ))}
          </div>
        ) : null}
        {krs.length === 0 ? <p className="note">{t.create.noKrs}</p> : null}
        <Field id={`${id}-template`} label={t.templateLabel} errors={issuesAt(issues, 'template')}>
          {(props) => (
            <select
              {...props}
              value={template.key}
              onChange={(event) => chooseTemplate(event.target.value as TemplateKey)}
            >
              {templates.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {t.templates[candidate.key] ?? candidate.key}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ul className="xc-variations" aria-label={t.weightsLabel}>
          {template.variations.map((variation, i) => (
            <li key={variation}>
              {variationLabel(variation, t)}
              {i === 0 ? ` — ${t.control}` : ''}
            </li>
          ))}
        </ul>
        <Field id={`${id}-key`} label={t.create.key} hint={t.create.keyHint} errors={issuesAt(issues, 'key')}>
          {(props) => (
            <input
              {...props}
              value={fields.key}
              placeholder={template.key}
              autoCapitalize="none"
              spellCheck={false}
              onChange={(event) => setFields({ ...fields, key: event.target.value })}
            />
          )}
        </Field>
        <ExperimentSettingsFields
          idPrefix={id}
          fields={fields}
          variations={template.variations}
          krs={krs}
          issues={issues}
          onChange={(settings) => setFields({ ...fields, ...settings })}
        />
        <button type="submit" disabled={busy || krs.length === 0}>
          {t.create.submit}
        </button>
      </form>
    </details>
  );
}
