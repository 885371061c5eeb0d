/**
 * The merchant's experiments as stored: the transitions of experiment-transitions.ts applied to the
 * SQLite store, each change saved with its audit entry (time and who: the dashboard or the CLI).
 * The HTTP routes and `kasa experiment` both go through here.
 */
import { KasaError } from '@kasa/core';
import { type Experiment, type ExperimentTemplate, experimentSchema } from '@kasa/experiments';
import {
  createSqliteExperimentStore,
  type ExperimentActor,
  type ExperimentAuditEntry,
  type ExperimentStore,
  type SqliteDatabase,
} from '@kasa/storage';
import {
  changeExperiment,
  createExperiment,
  type ExperimentChange,
  type ExperimentPlan,
  shipExperiment,
  startExperiment,
  stopExperiment,
  type Transition,
} from './experiment-transitions.ts';

export interface ExperimentRegistry {
  /** The current experiments (cheap: cached until any connection writes). */
  list(): readonly Experiment[];
  audit(limit: number): ExperimentAuditEntry[];
  create(template: ExperimentTemplate, plan: ExperimentPlan, actor: ExperimentActor): Experiment;
  start(key: string, actor: ExperimentActor): Experiment;
  stop(key: string, actor: ExperimentActor): Experiment;
  ship(key: string, variation: string, actor: ExperimentActor): Experiment;
  change(key: string, change: ExperimentChange, actor: ExperimentActor): Experiment;
}

/** The UTC day of a time, as experiments' startDate is written. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Opens the experiments kept in the database, seeding them from the configuration the first time.
 *
 * @example
 * const registry = createExperimentRegistry(db, { seed: config.experiments });
 * registry.start('checkout-layout', 'cli');
 */
export function createExperimentRegistry(
  db: SqliteDatabase,
  options: { readonly seed: readonly Experiment[]; readonly now?: () => number },
): ExperimentRegistry {
  const now = options.now ?? Date.now;
  const store: ExperimentStore<Experiment> = createSqliteExperimentStore(db, (json) =>
    experimentSchema.parse(json),
  );
  store.seedIfEmpty(options.seed, now());
  const find = (key: string) => {
    const experiment = store.get(key);
    if (!experiment) throw new KasaError('experiment_not_found', { details: { key } });
    return experiment;
  };
  // Read, decide and write under one write lock (BEGIN IMMEDIATE), so that the dashboard and a CLI
  // on the same file cannot both start an experiment of one template.
  const atomically = <T>(run: () => T): T => db.transaction(run).immediate();
  const apply = (at: number, actor: ExperimentActor, transition: Transition) => {
    if (transition.unchanged) return transition.experiment;
    store.save(transition.experiment, {
      at,
      experiment: transition.experiment.key,
      action: transition.action,
      actor,
      detail: transition.detail,
    });
    return transition.experiment;
  };
  return {
    list: () => store.list(),
    audit: (limit) => store.audit(limit),
    create(template, plan, actor) {
      const at = now();
      return atomically(() => apply(at, actor, createExperiment(store.list(), template, plan, utcDay(at))));
    },
    start(key, actor) {
      const at = now();
      return atomically(() => apply(at, actor, startExperiment(store.list(), find(key), utcDay(at))));
    },
    stop: (key, actor) => atomically(() => apply(now(), actor, stopExperiment(find(key)))),
    ship: (key, variation, actor) =>
      atomically(() => apply(now(), actor, shipExperiment(store.list(), find(key), variation))),
    change(key, change, actor) {
      const at = now();
      return atomically(() => apply(at, actor, changeExperiment(find(key), change, utcDay(at))));
    },
  };
}
