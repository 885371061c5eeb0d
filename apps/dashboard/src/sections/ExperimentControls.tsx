import { useCallback, useEffect, useId, useState } from 'react';
import { getOkr } from '../api.ts';
import {
  type ControlResult,
  changeExperiment,
  createExperiment,
  type ExperimentsState,
  getExperiments,
  runExperiment,
  shipExperiment,
} from '../experiments-api.ts';
import { useLocale } from '../locale.ts';
import { named } from '../messages.ts';
import type { ExperimentResults } from '../report.ts';
import { CreateExperiment } from './CreateExperiment.tsx';
import { ExperimentAudit } from './ExperimentAudit.tsx';
import { ExperimentCard } from './ExperimentCard.tsx';
import type { KrOption } from './ExperimentSettingsFields.tsx';
import './experiment-controls.css';

type Load =
  | { readonly status: 'loading' | 'failed'; readonly data: ExperimentsState | null }
  | { readonly status: 'ok'; readonly data: ExperimentsState };

/**
 * The merchant's control of experiments: each experiment with start, stop, ship the winner and its
 * settings, a new one from a template, and the audit list. After every change the list is read
 * again and the page's report refetched (`onChanged`), so results and controls agree.
 */
export function ExperimentControls({
  token,
  results,
  onChanged,
  onUnauthorized,
}: {
  readonly token: string;
  /** The report's experiment results, for the winner to suggest. */
  readonly results: readonly ExperimentResults[];
  readonly onChanged: () => void;
  readonly onUnauthorized: () => void;
}) {
  const { lang, m } = useLocale();
  const t = m.experimentControls;
  const id = useId();
  const [load, setLoad] = useState<Load>({ status: 'loading', data: null });
  const [okrKrs, setOkrKrs] = useState<readonly { readonly key: string; readonly metric: string }[]>([]);
  // Labelled at each render, so they follow the page language.
  const krs: readonly KrOption[] = okrKrs.map((kr) => ({
    key: kr.key,
    label: `${kr.key}: ${named(m.metrics, kr.metric)}`,
  }));
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');

  const reload = useCallback(async () => {
    setLoad((previous) => ({ status: 'loading', data: previous.data }));
    const result = await getExperiments(token, lang);
    if (result.kind === 'unauthorized') onUnauthorized();
    else if (result.kind === 'ok') setLoad({ status: 'ok', data: result.data });
    else setLoad((previous) => ({ status: 'failed', data: previous.data }));
  }, [token, lang, onUnauthorized]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: read once per token; changes reload themselves.
  useEffect(() => {
    void reload();
    void getOkr(token, lang).then((result) => {
      if (result.kind !== 'ok') return;
      setOkrKrs(
        result.data.objectives.flatMap((objective) =>
          objective.keyResults.map((kr) => ({ key: kr.key, metric: kr.metric })),
        ),
      );
    });
  }, [token]);

  /** Sends a change; on success says so, reads the list again and has the page refetch the report. */
  const act = async <T,>(
    call: () => Promise<ControlResult<T>>,
    success: (data: T) => string,
  ): Promise<ControlResult<T>> => {
    setBusy(true);
    setDone('');
    const result = await call();
    setBusy(false);
    if (result.kind === 'unauthorized') onUnauthorized();
    else if (result.kind === 'ok') {
      setDone(success(result.data));
      await reload();
      onChanged();
    }
    return result;
  };

  const data = load.data;
  return (
    <section aria-labelledby={`${id}-title`} className="xc">
      <h2 id={`${id}-title`}>{t.title}</h2>
      <p className="muted">{t.intro}</p>
      <p className="status" role="status" data-testid="xc-done">
        {load.status === 'loading' && !data ? t.loading : done}
      </p>
      {load.status === 'failed' ? (
        <div className="error" role="alert">
          <p>{t.loadFailed}</p>
          <button type="button" onClick={() => void reload()}>
            {t.retry}
          </button>
        </div>
      ) : null}
      {data ? (
        <>
          {data.experiments.length === 0 ? <p>{t.none}</p> : null}
          <div className="xc-list">
            {data.experiments.map((experiment) => (
              <ExperimentCard
                key={experiment.key}
                experiment={experiment}
                results={results}
                krs={krs}
                busy={busy}
                actions={{
                  run: (action) =>
                    act(
                      () => runExperiment(token, experiment.key, action, lang),
                      () => (action === 'start' ? t.done.started : t.done.stopped)(experiment.key),
                    ),
                  ship: (variation) =>
                    act(
                      () => shipExperiment(token, experiment.key, variation, lang),
                      () => t.done.shipped(experiment.key, variation),
                    ),
                  change: (body) =>
                    act(
                      () => changeExperiment(token, experiment.key, body, lang),
                      () => t.done.changed(experiment.key),
                    ),
                }}
              />
            ))}
          </div>
          <CreateExperiment
            templates={data.templates}
            krs={krs}
            busy={busy}
            onCreate={(body) =>
              act(
                () => createExperiment(token, body, lang),
                (created) => t.done.created(created.key),
              )
            }
          />
          <ExperimentAudit audit={data.audit} />
        </>
      ) : null}
    </section>
  );
}
