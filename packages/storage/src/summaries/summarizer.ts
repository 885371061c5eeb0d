/**
 * Keeps checkout summaries in step with the event log: reads the events stored after the last
 * position, folds them into their checkouts' summaries (`summarize`) and saves the summaries with
 * the new position in one transaction, so every stored event is counted once, even across a crash.
 */
import type { CheckoutSummary } from '@kasa/analytics';
import type { CheckoutEvent } from '@kasa/core';
import { foldRecords, type SummaryRecord } from './summary-record.ts';

/** What a store offers the summarizer. Positions only grow, in the order events were committed. */
export interface SummaryLog {
  /** Events stored after `position`, oldest first, and the position of the last one read. */
  readAfter(
    position: number,
    limit: number,
  ): Promise<{ readonly events: CheckoutEvent[]; readonly position: number }>;
  position(): Promise<number>;
  load(checkoutIds: readonly string[]): Promise<Map<string, CheckoutSummary>>;
  /**
   * Writes the summaries and moves the position from `from` to `to` atomically, only if it is still
   * at `from`; false, writing nothing, when another fold (the SQLite event writer's) moved it first.
   */
  save(records: readonly SummaryRecord[], from: number, to: number): Promise<boolean>;
}

export interface Summarizer {
  /** Folds in every event stored so far; resolves to how many were read. */
  catchUp(): Promise<number>;
  /** Asks for a pass soon (`delayMs`; how far it goes: `scheduledPass`); many calls in a burst cost one. */
  schedule(): void;
  /** No catch-up is scheduled any more (before the database closes); catchUp still works. */
  stopScheduling(): void;
  /**
   * Catches up, then runs `work` before any other catch-up starts (e.g. deleting summaries, which a
   * fold under way would save again); resolves to what `work` gives.
   */
  whileIdle<T>(work: () => Promise<T>): Promise<T>;
}

/** The checkouts a batch of events touches, each once. */
export const checkoutIdsOf = (events: readonly CheckoutEvent[]): string[] => [
  ...new Set(events.flatMap((e) => (e.checkoutId === undefined ? [] : [e.checkoutId]))),
];

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
    /**
     * How far a scheduled pass goes. `until-empty` (the default): until a read finds nothing, so it
     * ends with the summaries at the very end of the log, where the SQLite event writer takes the
     * fold back (ingest-fold.ts). `until-short`: until a read finds less than a full batch; what is
     * stored during the pass waits for the next one, `delayMs` later. Where nothing else folds
     * (PostgreSQL), a steady stream is then saved in a few large folds a second instead of one
     * small fold after another, each a dozen statements and a commit.
     */
    readonly scheduledPass?: 'until-empty' | 'until-short';
    readonly onError?: (error: unknown) => void;
  } = {},
): Summarizer {
  const batch = options.batch ?? 5_000;
  let running: Promise<number> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  /**
   * Folds what is stored after the saved position, a batch at a time, until a read finds nothing
   * more, or with `untilEmpty` false only until a read finds less than a full batch.
   */
  async function drain(untilEmpty: boolean): Promise<number> {
    let position = await log.position();
    let read = 0;
    for (;;) {
      const next = await log.readAfter(position, batch);
      if (next.events.length === 0 && next.position === position) return read;
      const records = foldRecords(next.events, await log.load(checkoutIdsOf(next.events)));
      if (await log.save(records, position, next.position)) {
        read += next.events.length;
        position = next.position;
        if (!untilEmpty && next.events.length < batch) return read;
      } else {
        // Folded elsewhere meanwhile (the event writer folds what it stores when nothing is behind).
        position = await log.position();
      }
      // SQLite answers synchronously: let requests in between batches of a long catch-up.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Runs `work` once the drain or work under way has ended: one at a time, so a call during a drain
   * waits for it and then folds what came since.
   */
  function queued<T>(work: () => Promise<T>): Promise<T> {
    const previous = running ?? Promise.resolve(0);
    const result = previous.catch(() => 0).then(work);
    const current = result.then(() => 0);
    running = current;
    const settle = () => {
      if (running === current) running = undefined;
    };
    // Both branches handled: a failed drain reaches the caller, not the process.
    current.then(settle, settle);
    return result;
  }

  const scheduledUntilEmpty = options.scheduledPass !== 'until-short';

  return {
    catchUp: () => queued(() => drain(true)),
    whileIdle: (work) =>
      queued(async () => {
        await drain(true);
        return work();
      }),
    schedule() {
      if (timer || stopped) return;
      timer = setTimeout(() => {
        timer = undefined;
        queued(() => drain(scheduledUntilEmpty)).catch((error) => options.onError?.(error));
      }, options.delayMs ?? 100);
      timer.unref?.();
    },
    stopScheduling() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
