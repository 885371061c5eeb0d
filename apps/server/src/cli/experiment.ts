/**
 * `kasa experiment list|start|stop|ship`: the dashboard's experiment controls from the terminal,
 * working directly on the configured SQLite file (safe beside a running server: it reads the
 * stored experiments at each request, so a change here applies without a restart). Every change is
 * in the audit list with actor 'cli'.
 */
import { describeError, KasaError } from '@kasa/core';
import { type Experiment, templateOf } from '@kasa/experiments';
import type { ExperimentAuditEntry } from '@kasa/storage';
import { z } from 'zod';
import { createExperimentRegistry, type ExperimentRegistry } from '../analytics/experiment-registry.ts';
import { type KasaConfig, loadConfig } from '../config.ts';
import { type CommandSpec, parseCommand, UsageError } from './args.ts';
import { openDatabaseFile } from './stores.ts';
import { renderTable } from './table.ts';

export const EXPERIMENT_USAGE = `Usage: kasa experiment list|start <key>|stop <key>|ship <key> <variation> [--json]

The experiments as stored in the configured database (the configuration's "experiments" only seed
the first state; the dashboard and this command change them). A running server applies a change at
once. Every change is kept in the audit list (kasa experiment list shows the latest).
  kasa experiment list                          the experiments and the latest changes
  kasa experiment start payment-order           start a draft, or restart a stopped one (a new phase)
  kasa experiment stop checkout-layout          everyone gets the control (also takes back a shipped one)
  kasa experiment ship checkout-layout one-page everyone gets one-page, nobody is enrolled
Experiments are created and their weights changed from the dashboard (or the API).
Exit code: 0 done, 1 refused (the message says why), 2 called wrongly.`;

const experimentArgs = z.strictObject({
  json: z.boolean().optional(),
  positionals: z.array(z.string().min(1).max(200)),
});

export const EXPERIMENT_SPEC: CommandSpec<typeof experimentArgs> = {
  command: 'experiment',
  schema: experimentArgs,
  options: { json: { type: 'boolean' } },
};

/**
 * The experiments as stored in the configured database (seeded from the configuration the first
 * time), for commands that read them without a server, such as `kasa report`.
 *
 * @example
 * storedExperiments(loadConfig()); // [{ key: 'checkout-layout', status: 'running', … }]
 */
export function storedExperiments(config: KasaConfig): readonly Experiment[] {
  const db = openDatabaseFile(config);
  try {
    return createExperimentRegistry(db, { seed: config.experiments }).list();
  } finally {
    db.close();
  }
}

/** What the command was asked to do. */
export type ExperimentCommand =
  | { readonly verb: 'list' }
  | { readonly verb: 'start' | 'stop'; readonly key: string }
  | { readonly verb: 'ship'; readonly key: string; readonly variation: string };

const HINT = 'Options and examples: kasa experiment --help';

/**
 * Reads the verb and its arguments; a mistake is a UsageError (exit code 2) saying what was expected.
 *
 * @example
 * experimentCommand(['ship', 'checkout-layout', 'one-page']); // { verb: 'ship', key: 'checkout-layout', variation: 'one-page' }
 */
export function experimentCommand(positionals: readonly string[]): ExperimentCommand {
  const [verb, key, variation, ...extra] = positionals;
  const wrong = (message: string) => new UsageError(`kasa experiment: ${message}\n${HINT}`);
  switch (verb) {
    case 'list':
      if (key !== undefined) throw wrong(`list takes no arguments, got '${key}'`);
      return { verb };
    case 'start':
    case 'stop':
      if (key === undefined || variation !== undefined) {
        throw wrong(`${verb} takes one experiment key, e.g. kasa experiment ${verb} checkout-layout`);
      }
      return { verb, key };
    case 'ship':
      if (key === undefined || variation === undefined || extra.length > 0) {
        throw wrong(
          'ship takes the key and the winning variation, e.g. kasa experiment ship checkout-layout one-page',
        );
      }
      return { verb, key, variation };
    default:
      throw wrong(
        verb === undefined
          ? 'say what to do: list, start, stop or ship'
          : `unknown action '${verb}' (list, start, stop, ship)`,
      );
  }
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * The experiments as a table: key, template, status, phase, start, weights, KR.
 *
 * @example
 * experimentsTable([layout]);
 * //   Key              Template         Status   Phase  Start       Weights    KR
 * //   checkout-layout  checkout-layout  running      1  2026-11-01  50% / 50%  checkout-abandonment
 */
export function experimentsTable(experiments: readonly Experiment[]): string {
  if (experiments.length === 0) return '  (no experiments: create one from the dashboard)';
  return renderTable(
    [
      { title: 'Key' },
      { title: 'Template' },
      { title: 'Status' },
      { title: 'Phase', align: 'right' },
      { title: 'Start' },
      { title: 'Weights' },
      { title: 'KR' },
    ],
    experiments.map((e) => [
      e.key,
      templateOf(e) ?? '-',
      e.status === 'shipped' ? `shipped: ${e.shipped ?? '?'}` : e.status,
      String(e.phase ?? 1),
      e.startDate,
      e.weights.map(percent).join(' / '),
      e.kr,
    ]),
  );
}

/** The audit list as lines: UTC time, experiment, action, who, and what changed. */
export function auditLines(entries: readonly ExperimentAuditEntry[]): string {
  if (entries.length === 0) return '  (no changes yet)';
  return renderTable(
    [
      { title: 'When (UTC)' },
      { title: 'Experiment' },
      { title: 'Action' },
      { title: 'By' },
      { title: 'Detail' },
    ],
    entries.map((entry) => [
      new Date(entry.at).toISOString().slice(0, 16).replace('T', ' '),
      entry.experiment,
      entry.action,
      entry.actor,
      Object.keys(entry.detail).length > 0 ? JSON.stringify(entry.detail) : '',
    ]),
  );
}

/** How many audit entries `list` prints. */
const AUDIT_SHOWN = 10;

/**
 * Carries out a command on the registry (actor 'cli') and answers the text to print; a refusal
 * throws the KasaError the API would answer with.
 */
export function runExperimentCommand(
  registry: ExperimentRegistry,
  command: ExperimentCommand,
  json = false,
): string {
  if (command.verb === 'list') {
    const experiments = registry.list();
    const audit = registry.audit(AUDIT_SHOWN);
    if (json) return JSON.stringify({ experiments, audit }, null, 2);
    return `Experiments\n${experimentsTable(experiments)}\n\nLatest changes\n${auditLines(audit)}`;
  }
  const changed =
    command.verb === 'ship'
      ? registry.ship(command.key, command.variation, 'cli')
      : registry[command.verb](command.key, 'cli');
  if (json) return JSON.stringify({ experiment: changed }, null, 2);
  const done = { start: 'Started', stop: 'Stopped', ship: 'Shipped' }[command.verb];
  return `${done} ${changed.key}.\n${experimentsTable([changed])}`;
}

export async function experiment(argv: readonly string[]): Promise<number> {
  const parsed = parseCommand(argv, EXPERIMENT_SPEC);
  if (parsed.help) {
    console.log(EXPERIMENT_USAGE);
    return 0;
  }
  const command = experimentCommand(parsed.args.positionals);
  const config = loadConfig();
  const db = openDatabaseFile(config);
  try {
    const registry = createExperimentRegistry(db, { seed: config.experiments });
    console.log(runExperimentCommand(registry, command, parsed.args.json));
    return 0;
  } catch (error) {
    if (!(error instanceof KasaError)) throw error;
    const described = describeError(error, 'en');
    const details = described.details ? ` ${JSON.stringify(described.details)}` : '';
    console.error(`kasa experiment: ${error.code}: ${described.merchantMessage}${details}`);
    return 1;
  } finally {
    db.close();
  }
}
