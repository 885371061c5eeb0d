/**
 * Keeps checkout summaries in step with the event log: reads the events stored after the last
 * position, folds them into their checkouts' summaries (`applyEvent`) and saves the summaries with
 * the new position in one transaction, so every stored event is counted once, even across a crash.
 */
import { applyEvent, type CheckoutSummary } from '@kasa/analytics';
import type { CheckoutEvent } from '@kasa/core';
import { type SummaryRecord, summaryRecord } from './summary-record.ts';

/** What a store offers the summarizer. Positions only grow, in the order events were committed. */
export interface SummaryLog {
  /** Events stored after `position`, oldest first, and the position of the last one read. */
  readAfter(
    position: number,
    limit: number,
  ): Promise<{ readonly events: CheckoutEvent[]; readonly position: number }>;
  position(): Promise<number>;
  load(checkoutIds: readonly string[]): Promise<Map<string, CheckoutSummary>>;
  /** Writes the summaries and the new position atomically. */
  save(records: readonly SummaryRecord[], position: number): Promise<void>;
}

export interface Summarizer {
  /** Folds in every event stored so far; resolves to how many were read. */
  catchUp(): Promise<number>;
  /** Asks for a catch-up soon; many calls in a burst cost one. */
  schedule(): void;
  /**
   * Catches up, then runs `work` before any other catch-up starts (e.g. deleting summaries, which a
   * fold under way would save again); resolves to what `work` gives.
   */
  whileIdle<T>(work: () => Promise<T>): Promise<T>;
}

/** Folds a batch of events into the summaries they touch; returns the changed summaries. */
function foldEvents(
  known: ReadonlyMap<string, CheckoutSummary>,
  events: readonly CheckoutEvent[],
): CheckoutSummary[] {
  const changed = new Map<string, CheckoutSummary>();
  for (const event of events) {
    if (event.checkoutId === undefined) continue;
    const before = changed.get(event.checkoutId) ?? known.get(event.checkoutId);
    changed.set(event.checkoutId, applyEvent(before, event));
  }
  return [...changed.values()];
}

/**
 * @example
 * const summarizer = createSummarizer(createSqliteSummaries(db));
 * await summarizer.catchUp(); // 1250
 */
export function createSummarizer(
  log: SummaryLog,
  options: {
    readonly batch?: number;
    readonly delayMs?: number;
    readonly onError?: (error: unknown) => void;
  } = {},
): Summarizer {
  const batch = options.batch ?? 5_000;
  let running: Promise<number> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function drain(): Promise<number> {
    let position = await log.position();
    let read = 0;
    for (;;) {
      const next = await log.readAfter(position, batch);
      if (next.events.length === 0 && next.position === position) return read;
      const ids = [
        ...new Set(next.events.flatMap((e) => (e.checkoutId === undefined ? [] : [e.checkoutId]))),
      ];
      const known = await log.load(ids);
      await log.save(foldEvents(known, next.events).map(summaryRecord), next.position);
      read += next.events.length;
      position = next.position;
      // SQLite answers synchronously: let requests in between batches of a long catch-up.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  function catchUp(): Promise<number> {
    // One drain at a time; a call during a drain waits for it and then drains what came since.
    const previous = running ?? Promise.resolve(0);
    const current = previous.catch(() => 0).then(drain);
    running = current;
    const settle = () => {
      if (running === current) running = undefined;
    };
    // Both branches handled: a failed drain reaches the caller of catchUp, not the process.
    current.then(settle, settle);
    return current;
  }

  function whileIdle<T>(work: () => Promise<T>): Promise<T> {
    const previous = running ?? Promise.resolve(0);
    const result = previous
      .catch(() => 0)
      .then(drain)
      .then(() => work());
    const current = result.then(() => 0);
    running = current;
    const settle = () => {
      if (running === current) running = undefined;
    };
    current.then(settle, settle);
    return result;
  }

  return {
    catchUp,
    whileIdle,
    schedule() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        catchUp().catch((error) => options.onError?.(error));
      }, options.delayMs ?? 100);
      timer.unref?.();
    },
  };
}
