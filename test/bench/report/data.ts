/**
 * The report bench's data: simulated checkouts folded into summaries in memory and written straight
 * into the summary tables with the stores' own `save(records, 0)`. Raw events are not inserted, only
 * the summaries the dashboard reads; what folding costs at ingest is measured apart (foldRate).
 */
import { rmSync } from 'node:fs';
import { applyEvent, type CheckoutSummary, DAY_MS, simulateCheckouts } from '@kasa/analytics';
import {
  createSqliteEventStore,
  createSqliteSummaries,
  createSummarizer,
  openSqlite,
  type SummaryLog,
  type SummaryRecord,
  summaryRecord,
} from '@kasa/storage';

export const SAVE_BATCH = 5_000;

export interface Target {
  readonly name: string;
  readonly log: SummaryLog;
  /** Milliseconds spent in save(). */
  ms: number;
}

export interface Generated {
  readonly sessions: number;
  readonly events: number;
  /** Simulating and folding, without the writes. */
  readonly foldMs: number;
}

/**
 * Simulates `sessions` checkouts over `days` ending at `now` and saves their summaries into every
 * target, batch by batch (one target after the other, each timed).
 */
export async function writeSummaries(
  targets: readonly Target[],
  options: { sessions: number; days: number; now: number; onProgress?: (sessions: number) => void },
): Promise<Generated> {
  const started = performance.now();
  let records: SummaryRecord[] = [];
  let events = 0;
  let sessions = 0;
  let writeMs = 0;
  const flush = async () => {
    for (const target of targets) {
      const at = performance.now();
      await target.log.save(records, 0, 0);
      const ms = performance.now() - at;
      target.ms += ms;
      writeMs += ms;
    }
    records = [];
    options.onProgress?.(sessions);
  };
  for (const checkout of simulateCheckouts({
    seed: 2026,
    checkouts: options.sessions,
    shopId: 'bench',
    startTs: options.now - options.days * DAY_MS,
    spanMs: options.days * DAY_MS,
  })) {
    let summary: CheckoutSummary | undefined;
    for (const event of checkout) summary = applyEvent(summary, event);
    if (summary) records.push(summaryRecord(summary, false));
    events += checkout.length;
    sessions += 1;
    if (records.length >= SAVE_BATCH) await flush();
  }
  if (records.length) await flush();
  return { sessions, events, foldMs: performance.now() - started - writeMs };
}

export interface FoldRate {
  readonly events: number;
  readonly appendPerSecond: number;
  readonly foldPerSecond: number;
}

/**
 * The ingest path's cost on SQLite: `events` events appended to the event store, then folded into
 * summaries by the summarizer's catch-up (read, load, fold, save), each timed.
 */
export async function foldRate(file: string, events: number, options: { now: number }): Promise<FoldRate> {
  const db = openSqlite(file);
  try {
    const store = createSqliteEventStore(db);
    let appended = 0;
    let appendMs = 0;
    let batch: Parameters<typeof store.append>[0][number][] = [];
    const flush = async () => {
      const at = performance.now();
      await store.append(batch);
      appendMs += performance.now() - at;
      appended += batch.length;
      batch = [];
    };
    for (const checkout of simulateCheckouts({
      seed: 77,
      checkouts: Math.ceil(events / 6),
      shopId: 'bench',
      startTs: options.now - 28 * DAY_MS,
      spanMs: 28 * DAY_MS,
    })) {
      batch.push(...checkout);
      if (batch.length >= SAVE_BATCH) await flush();
      if (appended + batch.length >= events) break;
    }
    await flush();
    const at = performance.now();
    const folded = await createSummarizer(createSqliteSummaries(db)).catchUp();
    const foldMs = performance.now() - at;
    return {
      events: folded,
      appendPerSecond: appended / (appendMs / 1000),
      foldPerSecond: folded / (foldMs / 1000),
    };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}
