// The SQLite event writer: a thread of its own that owns a connection, inserts events and folds
// the checkout summaries of what it stored, so the server's main thread parses and validates the
// next batch while this one is written. Plain JavaScript so it runs in a Node worker without a
// TypeScript loader; the fold it loads is bundled in a built server (loadFold).
import { parentPort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import { DatabaseSync, enhance } from '@photostructure/sqlite';

/** Values per row (ROW_WIDTH in event-store.ts, same order) and rows per multi-row INSERT. */
const WIDTH = 9;
const CHUNK = 100;
/** Rows one transaction may take from waiting batches, so a backlog still commits in steps. */
const GROUP_ROWS = 5000;
/** Rows between checkpoints: about 6,000 WAL pages with random ids, below the writer's 10,000. */
const CHECKPOINT_ROWS = 5000;
/** How long stored events wait to be folded into the summaries, and how many may wait. */
const FOLD_MS = 100;
const FOLD_EVENTS = 10_000;

/**
 * The fold of the summaries (summaries/ingest-fold.ts) at `url`: bundled JavaScript in a built
 * server; from source, TypeScript, through tsx's loader registered in this thread (as bin/kasa.js
 * registers it in the main one). Undefined, and said, when it cannot be loaded: events are still
 * written, and the summarizer folds them.
 */
async function loadFold(url) {
  try {
    if (url.endsWith('.ts')) (await import('tsx/esm/api')).register();
    return (await import(url)).createIngestFold;
  } catch (error) {
    parentPort.postMessage({ foldFailed: `the summaries' fold did not load: ${error?.message ?? error}` });
    return undefined;
  }
}

/** A connection to the store, waiting for other connections' locks as openSqlite's do (database.ts). */
const connect = () => enhance(new DatabaseSync(workerData.filename, { timeout: workerData.busyTimeoutMs }));

/** `createIngestFold`, when the summaries are folded here; else only events are written. */
function runWriter(createIngestFold) {
  // The same pragmas as openSqlite (database.ts), which has already created the file and its
  // tables. The autocheckpoint stays as the bound on the WAL should the checkpointer fall behind.
  const db = connect();
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 10000');

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

  // A batch arrives as its events' JSON, one event a line (eventLines in threaded-event-store.ts):
  // one string is the cheapest thing to pass between threads. Each line gives the row's columns
  // (as toRow in events/rows.ts makes them) and is itself the stored payload.
  // The parsed events are also kept in `events`, for the fold.
  const columnsOf = (lines, events) => {
    const columns = [];
    for (const payload of lines.split('\n')) {
      const event = JSON.parse(payload);
      events.push(event);
      columns.push(
        event.id,
        event.name,
        event.ts,
        event.shopId,
        event.checkoutId ?? null,
        event.visitorId ?? null,
        event.sessionId ?? null,
        event.simulated ? 1 : 0,
        payload,
      );
    }
    return columns;
  };

  // A batch's count of stored rows comes from the statements it ran.
  const insertBatch = (lines, events) => {
    const columns = columnsOf(lines, events);
    let stored = 0;
    for (let start = 0; start < columns.length; start += CHUNK * WIDTH) {
      const chunk = columns.slice(start, start + CHUNK * WIDTH);
      stored += insertOf(chunk.length / WIDTH).run(...chunk).changes;
    }
    return stored;
  };
  // The summaries of the stored events (summaries/ingest-fold.ts): what each insert stored is
  // read inside its transaction, kept once it has committed, and folded every FOLD_MS in a
  // transaction of its own. What the fold cannot follow the main thread's summarizer takes over.
  const ingest = createIngestFold?.(db, { onBehind: () => parentPort.postMessage({ behind: true }) });
  let foldTimer;
  const foldKept = () => {
    foldTimer = undefined;
    try {
      ingest.fold();
    } catch (error) {
      parentPort.postMessage({ foldFailed: String(error?.message ?? error) });
    }
  };
  const keep = (rows) => {
    if (!workerData.fold) return;
    // Without its fold (it did not load) the writer leaves every insert to the summarizer.
    if (!ingest) return void parentPort.postMessage({ behind: true });
    ingest.keep(rows);
    if (ingest.waiting >= FOLD_EVENTS) {
      clearTimeout(foldTimer);
      foldKept();
    } else if (ingest.waiting > 0) foldTimer ??= setTimeout(foldKept, FOLD_MS);
  };

  // A COMMIT writes every page it touched to the WAL: one transaction for all the batches waiting
  // commits once and writes the pages they share once. Each gives its batches' stored counts, and
  // what the fold needs to know of them.
  const insertGroup = db.transaction((batches) => {
    const events = [];
    const stored = batches.map(({ lines }) => insertBatch(lines, events));
    const total = stored.reduce((sum, n) => sum + n, 0);
    return { stored, rows: ingest?.rowsOf(events, total) };
  });

  // SQLITE_BUSY (5) or one of its extended codes, which keep the primary code in the low byte.
  const isBusy = (error) => (error?.errcode & 0xff) === 5;
  const failed = (id, error) => ({ id, error: String(error?.message ?? error) });

  // Most checkpoint work runs on a thread of its own: copying the WAL into the database file waits
  // for two fsyncs, and inside the writer's commit that wait held up every request in flight. The
  // autocheckpoint above still ends each WAL cycle, but finds most pages already copied.
  const checkpointer = new Worker(new URL(import.meta.url), {
    workerData: { ...workerData, checkpointer: true },
  });
  checkpointer.unref();
  const checkpointerGone = new Promise((resolve) => checkpointer.once('exit', resolve));
  let checkpointing = false;
  let rowsSinceCheckpoint = 0;
  checkpointer.on('message', () => {
    checkpointing = false;
  });
  // Without it the autocheckpoint above does the work, as before.
  checkpointer.on('error', () => {
    checkpointing = true;
  });
  const wrote = (rows) => {
    rowsSinceCheckpoint += rows;
    if (checkpointing || rowsSinceCheckpoint < CHECKPOINT_ROWS) return;
    checkpointing = true;
    rowsSinceCheckpoint = 0;
    checkpointer.postMessage({ checkpoint: true });
  };

  // Messages arrive in order, so every batch sent before the close is written before it.
  // The checkpointer closes its own connection first: a thread ended with a connection open would
  // leave the WAL behind for the next start.
  const close = async () => {
    if (foldTimer) {
      clearTimeout(foldTimer);
      foldKept();
    }
    checkpointer.postMessage({ close: true });
    await checkpointerGone;
    db.close();
    parentPort.close();
  };

  parentPort.on('message', (first) => {
    if (first.close) return void close();
    // The batches sent while the last transaction ran are already queued: take them along.
    const batches = [first];
    let rows = first.rows;
    let closing = false;
    while (rows < GROUP_ROWS) {
      const next = receiveMessageOnPort(parentPort);
      if (!next) break;
      if (next.message.close) {
        closing = true;
        break;
      }
      batches.push(next.message);
      rows += next.message.rows;
    }
    let answers;
    try {
      const { stored, rows } = insertGroup(batches);
      keep(rows);
      answers = batches.map(({ id }, index) => ({ id, stored: stored[index] }));
    } catch (error) {
      // A busy database fails them all; anything else may be one batch's fault, so the others are
      // written alone and only that batch fails, as if each had had its own transaction.
      answers = batches.map(({ id, lines }) => {
        if (batches.length === 1 || isBusy(error)) return failed(id, error);
        try {
          const { stored, rows } = insertGroup([{ lines }]);
          keep(rows);
          return { id, stored: stored[0] };
        } catch (alone) {
          return failed(id, alone);
        }
      });
    }
    parentPort.postMessage(answers);
    if (closing) return void close();
    wrote(rows);
  });
}

/** The checkpointer: its own connection, a PASSIVE checkpoint (never blocks the writer) per request. */
function runCheckpointer() {
  const db = connect();
  parentPort.on('message', (message) => {
    if (message?.close) {
      db.close();
      parentPort.close();
      return;
    }
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Left to the next request, or to the writer's autocheckpoint.
    }
    parentPort.postMessage(null);
  });
}

if (workerData.checkpointer) runCheckpointer();
else runWriter(workerData.fold ? await loadFold(workerData.fold) : undefined);
