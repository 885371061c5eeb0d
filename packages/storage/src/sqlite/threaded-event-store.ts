import { Worker } from 'node:worker_threads';
import type { CheckoutEvent } from '@kasa/core';
import { BUSY_TIMEOUT_MS, type SqliteDatabase } from './database.ts';
import { createSqliteEventStore, type SqliteEventStore } from './event-store.ts';

/** The message that asks the writer to close its connections and exit (see the worker). */
const CLOSE = { close: true };

/** Set by the built server's bundle (apps/server/build.mjs) to its own URL; undefined from source. */
declare const KASA_BUNDLE_URL: string | undefined;

/**
 * The summaries' fold the writer loads: the bundle built beside dist/kasa.js in a built server, else
 * the TypeScript source (the writer registers tsx for it).
 */
const INGEST_FOLD =
  typeof KASA_BUNDLE_URL === 'string'
    ? new URL('./ingest-fold.js', KASA_BUNDLE_URL).href
    : new URL('../summaries/ingest-fold.ts', import.meta.url).href;

/**
 * A batch as the writer thread takes it: each event's JSON on a line of its own. One string crosses
 * to the thread as a single copy, where an array of column values was cloned value by value (that
 * clone cost the main thread more than serialising the events). JSON.stringify escapes every line
 * break inside a string, so a line is always one whole event; the writer parses each line for its
 * columns and stores the line itself as the payload.
 *
 * @example eventLines([purchase, blur]); // '{"id":"…","name":"purchase",…}\n{"id":"…",…}'
 */
export function eventLines(events: readonly CheckoutEvent[]): string {
  return events.map((event) => JSON.stringify(event)).join('\n');
}

/**
 * Events on a SQLite file, written by a thread of its own (event-writer.worker.mjs) while the main
 * thread keeps parsing and validating: the collector's ingest rate is then bound by SQLite alone,
 * not by SQLite plus JSON. Batches sent while a transaction runs share the next one (a group
 * commit), each still answered with its own count. Reads use the main thread's connection (WAL
 * lets them run alongside).
 * Needs a file: an in-memory database cannot be shared between threads.
 *
 * With `foldSummaries`, the writer also folds the checkout summaries of what it stores
 * (summaries/ingest-fold.ts) while they are up to date. What it leaves to the summarizer it says
 * (`onBehind`: run the summarizer); a fold that failed is also reported to `onError`.
 */
export function createThreadedSqliteEventStore(
  db: SqliteDatabase,
  options: {
    readonly foldSummaries?: {
      readonly onBehind: () => void;
      readonly onError: (message: string) => void;
      /** Where the fold's code is, when not where the server keeps it (a test's broken one). */
      readonly module?: string;
    };
  } = {},
): SqliteEventStore & { close(timeoutMs?: number): Promise<void> } {
  const filename = db.location();
  if (filename === null) {
    throw new Error(
      'The threaded event store needs a database file; use createSqliteEventStore for :memory:.',
    );
  }
  const reader = createSqliteEventStore(db);
  const worker = new Worker(new URL('./event-writer.worker.mjs', import.meta.url), {
    workerData: {
      filename,
      busyTimeoutMs: BUSY_TIMEOUT_MS,
      ...(options.foldSummaries ? { fold: options.foldSummaries.module ?? INGEST_FOLD } : {}),
    },
  });
  worker.unref();
  const pending = new Map<number, { resolve: (stored: number) => void; reject: (error: Error) => void }>();
  let next = 0;
  // One answer per transaction, naming every batch it wrote (see the worker's group commit).
  type Answer = { id: number; stored?: number; error?: string };
  worker.on('message', (answers: Answer[] | { behind: true } | { foldFailed: string }) => {
    if (!Array.isArray(answers)) {
      if ('foldFailed' in answers) options.foldSummaries?.onError(answers.foldFailed);
      else options.foldSummaries?.onBehind();
      return;
    }
    for (const answer of answers) {
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.error !== undefined) waiting?.reject(new Error(`event writer: ${answer.error}`));
      else waiting?.resolve(answer.stored ?? 0);
    }
  });
  // A writer that failed or stopped answers nothing more: later appends fail at once, not hang.
  let stopped: Error | undefined;
  const stop = (error: Error) => {
    stopped ??= error;
    for (const waiting of pending.values()) waiting.reject(stopped);
    pending.clear();
  };
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`event writer: stopped (exit code ${code})`)));

  return {
    async append(events: readonly CheckoutEvent[]) {
      if (events.length === 0) return { stored: 0, duplicates: 0 };
      if (stopped) throw stopped;
      const id = next++;
      const lines = eventLines(events);
      const stored = await new Promise<number>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, lines, rows: events.length });
      });
      return { stored, duplicates: events.length - stored };
    },
    byCheckout: reader.byCheckout,
    count: reader.count,
    /**
     * Lets the writer finish what it was sent, close its connections (the WAL is checkpointed and
     * its files removed) and exit; terminated only if it has not stopped within `timeoutMs`.
     */
    async close(timeoutMs = 5_000) {
      if (stopped) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage(CLOSE);
      const timer = setTimeout(() => void worker.terminate(), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
