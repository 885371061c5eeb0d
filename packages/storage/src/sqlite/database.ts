import {
  DatabaseSync,
  type DatabaseSyncInstance,
  type EnhancedDatabaseSync,
  enhance,
  type StatementSyncInstance,
} from '@photostructure/sqlite';
import { migrations } from './migrations.ts';

/**
 * A prepared statement typed by its caller: the bound parameters and the shape of a row, which
 * only the SQL text knows (the driver itself types rows as `any`).
 */
export type SqliteStatement<Params extends unknown[] = unknown[], Row = unknown> = Omit<
  StatementSyncInstance,
  'run' | 'get' | 'all' | 'iterate'
> & {
  run(...params: Params): { changes: number; lastInsertRowid: number | bigint };
  get(...params: Params): Row | undefined;
  all(...params: Params): Row[];
  iterate(...params: Params): IterableIterator<Row>;
};

/**
 * A connection of `@photostructure/sqlite` (the `node:sqlite` API, prebuilt binaries inside its npm
 * package) with better-sqlite3's `pragma()` and `transaction()` added by `enhance()`.
 */
export type SqliteDatabase = Omit<EnhancedDatabaseSync<DatabaseSyncInstance>, 'prepare'> & {
  prepare<Params extends unknown[] = unknown[], Row = unknown>(sql: string): SqliteStatement<Params, Row>;
};

/** How long a connection waits for another one's lock before it fails with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (or creates) the embedded store: WAL so readers never block the writer, a busy timeout so
 * two processes on one file wait instead of failing, and every pending migration applied in order.
 *
 * @example
 * const db = openSqlite(':memory:');
 */
export function openSqlite(filename: string): SqliteDatabase {
  // The busy timeout is set as the file opens, before the first pragma: switching to WAL needs a
  // lock too, and another process may hold one at that moment (seen in CI: SQLITE_BUSY there).
  const db = enhance(new DatabaseSync(filename, { timeout: BUSY_TIMEOUT_MS })) as SqliteDatabase;
  // A second close() is a no-op, as it was with better-sqlite3 (node:sqlite's close throws on a
  // closed database), so shutdown paths that may meet twice need not coordinate. The prototype's
  // method is read-only, so an own property shadows it (enhance() does the same for prepare).
  const close = db.close.bind(db);
  Object.defineProperty(db, 'close', {
    value: () => {
      if (db.isOpen) close();
    },
  });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Ingest-heavy: a larger page cache, memory-mapped reads and fewer checkpoints (measured: about
  // 2.5× the insert rate of the defaults on this kind of machine).
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS kasa_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare('SELECT version FROM kasa_migrations')
      .all()
      .map((row) => (row as { version: number }).version),
  );
  const record = db.prepare('INSERT INTO kasa_migrations (version, applied_at) VALUES (?, ?)');
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    })();
  }
}
