import { type FormEvent, useId, useState } from 'react';
import { getOkr, type Issue, putOkr } from '../api.ts';
import { KR_METRIC_CHOICES } from '../kr-metrics.ts';
import { useLocale } from '../locale.ts';
import { addObjective } from '../okr-edit.ts';
import { draftPath, draftToOkr, issueText, type OkrDraft, okrToDraft, pathKey } from '../okr-form.ts';
import type { Editing } from './okr/editing.ts';
import { ObjectiveEditor } from './okr/ObjectiveEditor.tsx';

type State =
  | { readonly status: 'closed' | 'loading' | 'failed' }
  | {
      readonly status: 'editing' | 'saving' | 'saved';
      readonly draft: OkrDraft;
      readonly issues: readonly Issue[];
      readonly failed?: boolean;
    };

/**
 * The OKR configuration, edited in place: objectives, their key results and initiatives added,
 * changed and removed, saved with PUT /api/analytics/okr. Validation issues, the form's and the
 * API's, appear next to the fields they name, in the page's language.
 */
export function OkrEditor({
  token,
  experiments,
  onSaved,
  onUnauthorized,
}: {
  readonly token: string;
  /** Keys of the experiments an initiative can name as its test. */
  readonly experiments: readonly string[];
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
      setState({ status: 'editing', draft: okrToDraft(result.data), issues: [] });
    else setState({ status: 'failed' });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!('draft' in state)) return;
    const { config, issues } = draftToOkr(state.draft);
    if (issues.length) {
      setState({ ...state, status: 'editing', issues });
      return;
    }
    setState({ ...state, status: 'saving', issues: [] });
    const result = await putOkr(token, config, lang);
    if (result.kind === 'unauthorized') onUnauthorized();
    else if (result.kind === 'ok') {
      setState({ status: 'saved', draft: okrToDraft(result.data), issues: [] });
      onSaved();
    } else {
      const issues = result.issues.map((issue) => ({ ...issue, path: draftPath(state.draft, issue.path) }));
      setState({ ...state, status: 'editing', issues, failed: issues.length === 0 });
    }
  };

  const idFor = (path: string) => `${id}-${path.replaceAll('.', '-')}`;
  const editing: Editing | null =
    'draft' in state
      ? {
          draft: state.draft,
          metrics: KR_METRIC_CHOICES,
          experiments,
          idFor,
          errorsAt: (path) =>
            state.issues
              .filter((issue) => pathKey(issue.path) === path)
              .map((issue) => issueText(m.okr, issue)),
          change: (next, structural = false) =>
            setState((current) =>
              'draft' in current
                ? {
                    ...current,
                    status: 'editing',
                    draft: next(current.draft),
                    issues: structural ? [] : current.issues,
                  }
                : current,
            ),
          remove: (ask, question, next) => {
            if (ask && !window.confirm(question)) return;
            setState((current) =>
              'draft' in current
                ? { ...current, status: 'editing', draft: next(current.draft), issues: [] }
                : current,
            );
          },
        }
      : null;
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
      {'draft' in state && editing ? (
        <form onSubmit={save} noValidate>
          {state.issues.length > 0 ? (
            <div className="error" role="alert">
              <p>{m.okr.invalid}</p>
              <ul>
                {state.issues.map((issue, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole on each save.
                  <li key={n}>
                    <a href={`#${idFor(pathKey(issue.path))}`}>{issueText(m.okr, issue)}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {state.failed ? <p role="alert">{m.okr.saveFailed}</p> : null}
          {state.draft.objectives.map((objective, o) => (
            <ObjectiveEditor key={objective.uid} editing={editing} o={o} objective={objective} />
          ))}
          <div className="okr-actions">
            <button
              type="button"
              className="secondary"
              onClick={() =>
                editing.change(
                  (draft) =>
                    addObjective(draft, {
                      metric: KR_METRIC_CHOICES[0] ?? 'checkout_abandonment',
                      now: Date.now(),
                    }),
                  true,
                )
              }
            >
              {m.okr.addObjective}
            </button>
            <button type="submit" disabled={state.status === 'saving'}>
              {state.status === 'saving' ? m.okr.saving : m.okr.save}
            </button>
          </div>
          <p role="status">{state.status === 'saved' ? m.okr.saved : ''}</p>
        </form>
      ) : null}
    </details>
  );
}
