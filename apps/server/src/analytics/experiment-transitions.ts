/**
 * What a merchant may do to an experiment (create from a template, start, stop, ship the winner,
 * change its plan), as pure functions: each takes the experiments as stored and answers the new
 * experiment with what the audit list records, or throws a KasaError saying why not. The caller
 * stores both (see experiment-registry.ts); nothing here reads a clock or a database.
 */
import { KasaError } from '@kasa/core';
import {
  EXPERIMENT_TEMPLATES,
  type Experiment,
  type ExperimentConfig,
  type ExperimentTemplate,
  experimentSchema,
  templateOf,
} from '@kasa/experiments';
import type { ExperimentAction } from '@kasa/storage';

/** The new state of one experiment and the audit entry that explains it (time and actor are the caller's). */
export interface Transition {
  readonly experiment: Experiment;
  readonly action: ExperimentAction;
  readonly detail: Readonly<Record<string, unknown>>;
  /** Set when nothing changed (a change to the same values): nothing to store or audit. */
  readonly unchanged?: true;
}

/** What a merchant sets when creating an experiment from a template. */
export interface ExperimentPlan {
  readonly key?: string | undefined;
  readonly kr: string;
  readonly weights?: readonly number[] | undefined;
  readonly coverage?: number | undefined;
  readonly mde?: number | undefined;
}

/** What a merchant may change later; weights or coverage of a started experiment start a new phase. */
export type ExperimentChange = Partial<Omit<ExperimentPlan, 'key'>>;

const conflict = (reason: string, details: Record<string, unknown> = {}) =>
  new KasaError('experiment_conflict', { details: { reason, ...details } });

/** Parses a would-be experiment; a refusal names each field, as the HTTP body's would. */
function validated(config: ExperimentConfig): Experiment {
  const parsed = experimentSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  throw new KasaError('body_invalid', {
    details: {
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    },
  });
}

const phaseOf = (experiment: Experiment) => experiment.phase ?? 1;

/** The first free key: the template's own, then "-2", "-3", … */
function freeKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * Refuses when another experiment of the same template decides what checkouts see (running, or
 * shipped to everyone): a checkout shows one option of each kind, so only one may decide it.
 */
function refuseRival(all: readonly Experiment[], experiment: Experiment): void {
  const template = templateOf(experiment);
  if (template === null) return;
  const rival = all.find(
    (other) =>
      other.key !== experiment.key &&
      (other.status === 'running' || other.status === 'shipped') &&
      templateOf(other) === template,
  );
  if (rival?.status === 'running') throw conflict('template_running', { running: rival.key, template });
  if (rival) throw conflict('template_shipped', { shipped: rival.key, template });
}

/**
 * A draft experiment from a template, its key the template's (or the next free one) unless given.
 *
 * @example
 * createExperiment([], 'payment-order', { kr: 'checkout-conversion' }, '2026-12-05').experiment;
 * // { key: 'payment-order', variations: ['blik-first', 'blik-among-others'], status: 'draft', phase: 1, … }
 */
export function createExperiment(
  existing: readonly Experiment[],
  template: ExperimentTemplate,
  plan: ExperimentPlan,
  today: string,
): Transition {
  const taken = new Set(existing.map((e) => e.key));
  if (plan.key !== undefined && taken.has(plan.key)) throw conflict('key_taken', { key: plan.key });
  const experiment = validated({
    key: plan.key ?? freeKey(template, taken),
    variations: [...EXPERIMENT_TEMPLATES[template]],
    ...(plan.weights ? { weights: [...plan.weights] } : {}),
    coverage: plan.coverage ?? 1,
    status: 'draft',
    startDate: today,
    phase: 1,
    kr: plan.kr,
    ...(plan.mde === undefined ? {} : { mde: plan.mde }),
  });
  return { experiment, action: 'created', detail: { template } };
}

/**
 * Starts a draft, or restarts a stopped experiment as a new phase (read apart from today). Refused
 * while another experiment of the same template runs or is shipped: a shopper sees only one of them
 * (stop the shipped one first; everyone gets the control until this one starts).
 *
 * @example
 * startExperiment(all, stopped, '2026-12-05').experiment; // status 'running', phase + 1, startDate '2026-12-05'
 */
export function startExperiment(
  all: readonly Experiment[],
  experiment: Experiment,
  today: string,
): Transition {
  if (experiment.status !== 'draft' && experiment.status !== 'stopped') {
    throw conflict('not_startable', { status: experiment.status });
  }
  refuseRival(all, experiment);
  const phase = experiment.status === 'stopped' ? phaseOf(experiment) + 1 : phaseOf(experiment);
  return {
    experiment: { ...experiment, status: 'running', startDate: today, phase },
    action: 'started',
    detail: { phase, startDate: today },
  };
}

/**
 * Stops a running experiment, or takes back a shipped winner: everyone gets the control until it is
 * started again (a new phase) or shipped.
 *
 * @example
 * stopExperiment(running).experiment.status; // 'stopped'
 */
export function stopExperiment(experiment: Experiment): Transition {
  if (experiment.status !== 'running' && experiment.status !== 'shipped') {
    throw conflict('not_running', { status: experiment.status });
  }
  const { shipped, ...rest } = experiment;
  return {
    experiment: { ...rest, status: 'stopped' },
    action: 'stopped',
    detail: shipped === undefined ? {} : { unshipped: shipped },
  };
}

/**
 * Ships the winner: everyone gets `variation` from now on, and nobody is enrolled. Refused while
 * another experiment of the same template runs or is shipped.
 *
 * @example
 * shipExperiment(all, running, 'multi-step').experiment; // { status: 'shipped', shipped: 'multi-step', … }
 */
export function shipExperiment(
  all: readonly Experiment[],
  experiment: Experiment,
  variation: string,
): Transition {
  if (experiment.status !== 'running' && experiment.status !== 'stopped') {
    throw conflict('not_shippable', { status: experiment.status });
  }
  refuseRival(all, experiment);
  if (!experiment.variations.includes(variation)) {
    throw new KasaError('body_invalid', {
      details: {
        issues: [
          { path: 'variation', message: `variation must be one of ${experiment.variations.join(', ')}` },
        ],
      },
    });
  }
  return {
    experiment: { ...experiment, status: 'shipped', shipped: variation },
    action: 'shipped',
    detail: { variation },
  };
}

const sameNumbers = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Changes the plan. New weights or coverage of a running or stopped experiment change who sees
 * what, so they start a new phase (phase + 1, startDate today) analysed apart; the KR or the MDE
 * change only how it is read. A shipped experiment is final.
 *
 * @example
 * changeExperiment(running, { weights: [1, 3] }, '2026-12-05').detail;
 * // { changed: { weights: { from: [0.5, 0.5], to: [0.25, 0.75] } }, phase: 2, startDate: '2026-12-05' }
 */
export function changeExperiment(
  experiment: Experiment,
  change: ExperimentChange,
  today: string,
): Transition {
  if (experiment.status === 'shipped') throw conflict('shipped', { status: experiment.status });
  const { phase: _phase, startDate: _startDate, ...rest } = experiment;
  const candidate = validated({
    ...rest,
    startDate: experiment.startDate,
    ...(change.kr === undefined ? {} : { kr: change.kr }),
    ...(change.weights === undefined ? {} : { weights: [...change.weights] }),
    ...(change.coverage === undefined ? {} : { coverage: change.coverage }),
    ...(change.mde === undefined ? {} : { mde: change.mde }),
  });
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  if (candidate.kr !== experiment.kr) changed.kr = { from: experiment.kr, to: candidate.kr };
  if (candidate.mde !== experiment.mde) changed.mde = { from: experiment.mde ?? null, to: candidate.mde };
  if (!sameNumbers(candidate.weights, experiment.weights)) {
    changed.weights = { from: experiment.weights, to: candidate.weights };
  }
  if (candidate.coverage !== experiment.coverage) {
    changed.coverage = { from: experiment.coverage, to: candidate.coverage };
  }
  if (Object.keys(changed).length === 0) {
    return { experiment, action: 'changed', detail: { changed }, unchanged: true };
  }
  const newPhase =
    experiment.status !== 'draft' && (changed.weights !== undefined || changed.coverage !== undefined);
  const phase = newPhase ? phaseOf(experiment) + 1 : phaseOf(experiment);
  const startDate = newPhase ? today : experiment.startDate;
  return {
    experiment: { ...candidate, startDate, phase },
    action: 'changed',
    detail: { changed, ...(newPhase ? { phase, startDate } : {}) },
  };
}
