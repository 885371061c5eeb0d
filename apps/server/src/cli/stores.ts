/**
 * The configured stores for the commands that work on the data without a server: the embedded
 * SQLite file (settings always live there) and, when configured, PostgreSQL for events and summaries.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Aggregates } from '@kasa/analytics';
import {
  type AnalyticsSettings,
  createPostgresAnalytics,
  createSqliteAnalyticsSettings,
  createSqliteEventStore,
  createSqliteSummaries,
  createSummarizer,
  openPostgres,
  openSqlite,
  type SqliteDatabase,
  type Summarizer,
  type SummaryLog,
} from '@kasa/storage';
import type { KasaConfig } from '../config.ts';
import type { RuntimeEvents } from '../runtime.ts';

export interface CliStores {
  readonly events: RuntimeEvents;
  readonly summaries: SummaryLog & Aggregates;
  readonly settings: AnalyticsSettings;
  /** Where the events are, for messages: the file, or the PostgreSQL host and database. */
  readonly where: string;
  close(): Promise<void>;
}

/** Opens (and creates) the SQLite file of the configuration, with every migration applied. */
export function openDatabaseFile(config: KasaConfig): SqliteDatabase {
  if (config.databaseFile !== ':memory:') mkdirSync(dirname(config.databaseFile), { recursive: true });
  return openSqlite(config.databaseFile);
}

/** A PostgreSQL URL without its password, for messages. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'PostgreSQL';
  }
};

/** The stores of the configuration: events and summaries where `events.store` says, settings in SQLite. */
export async function openStores(config: KasaConfig): Promise<CliStores> {
  const db = openDatabaseFile(config);
  const settings = createSqliteAnalyticsSettings(db);
  if (config.events.store === 'postgres' && config.events.postgresUrl) {
    const pool = await openPostgres(config.events.postgresUrl);
    return {
      ...createPostgresAnalytics(pool),
      settings,
      where: `PostgreSQL ${redactUrl(config.events.postgresUrl)}`,
      async close() {
        await pool.end();
        db.close();
      },
    };
  }
  return {
    events: createSqliteEventStore(db),
    summaries: createSqliteSummaries(db),
    settings,
    where: config.databaseFile,
    async close() {
      db.close();
    },
  };
}

/**
 * A summarizer whose catch-up reports how many events it has folded, and lets the event loop run
 * between batches (SQLite answers synchronously), so a progress bar can redraw.
 */
export function reportingSummarizer(log: SummaryLog, onFolded: (events: number) => void): Summarizer {
  let folded = 0;
  return createSummarizer({
    ...log,
    readAfter: async (position, limit) => {
      const next = await log.readAfter(position, limit);
      folded += next.events.length;
      return next;
    },
    save: async (records, from, to) => {
      const saved = await log.save(records, from, to);
      onFolded(folded);
      await new Promise((resolve) => setImmediate(resolve));
      return saved;
    },
  });
}
