import type { SqliteDatabase } from './database.ts';

/** What happened to an experiment, as the audit list names it. */
export type ExperimentAction = 'seeded' | 'created' | 'started' | 'stopped' | 'shipped' | 'changed';
/** Who made a change: the dashboard, `kasa experiment` or the configuration file (the first state). */
export type ExperimentActor = 'dashboard' | 'cli' | 'config';

/** One line of the audit list: when (ms since the epoch), which experiment, what and who. */
export interface ExperimentAuditEntry {
  readonly at: number;
  readonly experiment: string;
  readonly action: ExperimentAction;
  readonly actor: ExperimentActor;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface ExperimentStore<E extends { readonly key: string }> {
  /** Every stored experiment, oldest first; cheap to call per request (cached until any connection writes). */
  list(): readonly E[];
  get(key: string): E | undefined;
  /** Stores the experiment (insert or replace) and its audit entry in one transaction. */
  save(experiment: E, entry: ExperimentAuditEntry): void;
  /** The latest audit entries, newest first. */
  audit(limit: number): ExperimentAuditEntry[];
  /**
   * Stores the configuration's experiments when nothing was ever stored (audit 'seeded' by
   * 'config'); afterwards the stored state wins and the configuration is not read again.
   * Answers whether it seeded.
   */
  seedIfEmpty(experiments: readonly E[], at: number): boolean;
}

/**
 * Experiments kept in the embedded SQLite file, so that a change from the dashboard or the CLI
 * (another process on the same file) applies without a restart. The store does not know the
 * experiment's schema: `parse` (the caller's zod schema) reads each stored JSON back.
 *
 * @example
 * const store = createSqliteExperimentStore(db, (json) => experimentSchema.parse(json));
 * store.seedIfEmpty(config.experiments, Date.now());
 * store.list(); // the current experiments
 */
export function createSqliteExperimentStore<E extends { readonly key: string }>(
  db: SqliteDatabase,
  parse: (json: unknown) => E,
): ExperimentStore<E> {
  const all = db.prepare<[], { config: string }>(
    'SELECT config FROM kasa_experiments ORDER BY created_at, key',
  );
  const one = db.prepare<[string], { config: string }>('SELECT config FROM kasa_experiments WHERE key = ?');
  const upsert = db.prepare(
    `INSERT INTO kasa_experiments (key, config, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
  );
  const record = db.prepare(
    'INSERT INTO kasa_experiment_audit (at, experiment, action, actor, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const latest = db.prepare<
    [number],
    { at: number; experiment: string; action: ExperimentAction; actor: ExperimentActor; detail: string }
  >('SELECT at, experiment, action, actor, detail FROM kasa_experiment_audit ORDER BY id DESC LIMIT ?');
  const anything = db.prepare<[], { n: number }>(
    'SELECT (SELECT COUNT(*) FROM kasa_experiments) + (SELECT COUNT(*) FROM kasa_experiment_audit) AS n',
  );

  // PRAGMA data_version changes when another connection commits; this connection's own writes are
  // counted apart (the pragma does not see them).
  let cached: { dataVersion: number; writes: number; experiments: readonly E[] } | undefined;
  let writes = 0;
  const dataVersion = () => Number(db.pragma('data_version', { simple: true }));

  const write = (experiment: E, entry: ExperimentAuditEntry) => {
    upsert.run(experiment.key, JSON.stringify(experiment), entry.at, entry.at);
    record.run(entry.at, entry.experiment, entry.action, entry.actor, JSON.stringify(entry.detail));
  };
  const save = db.transaction((experiment: E, entry: ExperimentAuditEntry) => {
    write(experiment, entry);
  });
  const seed = db.transaction((experiments: readonly E[], at: number) => {
    if ((anything.get()?.n ?? 0) > 0) return false;
    for (const experiment of experiments) {
      write(experiment, { at, experiment: experiment.key, action: 'seeded', actor: 'config', detail: {} });
    }
    return experiments.length > 0;
  });

  return {
    list() {
      const version = dataVersion();
      if (cached?.dataVersion === version && cached.writes === writes) return cached.experiments;
      const experiments = all.all().map((row) => parse(JSON.parse(row.config)));
      cached = { dataVersion: version, writes, experiments };
      return experiments;
    },
    get(key) {
      const row = one.get(key);
      return row ? parse(JSON.parse(row.config)) : undefined;
    },
    save(experiment, entry) {
      save(experiment, entry);
      writes++;
    },
    audit(limit) {
      return latest.all(limit).map((row) => ({ ...row, detail: JSON.parse(row.detail) }));
    },
    seedIfEmpty(experiments, at) {
      const seeded = seed(experiments, at);
      writes++;
      return seeded;
    },
  };
}
