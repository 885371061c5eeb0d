// The SQLite event writer: a thread of its own that owns a connection and only inserts, so the
// server's main thread parses and validates the next batch while this one is written.
// Plain JavaScript so it runs in a Node worker without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

// The same pragmas as openSqlite (database.ts), which has already created the file and its tables.
const db = new Database(workerData.filename);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
db.pragma('wal_autocheckpoint = 10000');

const CHUNK = 100;
const statements = new Map();
const insertOf = (rows) => {
  let statement = statements.get(rows);
  if (!statement) {
    const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    statement = db.prepare(
      `INSERT OR IGNORE INTO kasa_events (id, name, ts, shop_id, checkout_id, visitor_id, session_id, simulated, payload) VALUES ${values}`,
    );
    statements.set(rows, statement);
  }
  return statement;
};

// Rows arrive as flat column arrays (9 values per row), the cheapest shape to pass between threads.
const insertAll = db.transaction((columns) => {
  let stored = 0;
  for (let start = 0; start < columns.length; start += CHUNK * 9) {
    const chunk = columns.slice(start, start + CHUNK * 9);
    stored += insertOf(chunk.length / 9).run(chunk).changes;
  }
  return stored;
});

parentPort.on('message', ({ id, columns }) => {
  try {
    parentPort.postMessage({ id, stored: insertAll(columns) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.message ?? error) });
  }
});
