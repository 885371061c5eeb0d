import type { CheckoutEvent } from '@kasa/core';

/** A stored event and its place in the log (`seq`). */
export interface SequencedEvent {
  readonly seq: number;
  readonly event: CheckoutEvent;
}

export interface EventTail {
  /** The rows one append stored, once it has committed. */
  add(rows: readonly SequencedEvent[]): void;
  /** Up to `limit` remembered events after `position`, oldest first; those at or before it are forgotten. */
  after(position: number, limit: number): SequencedEvent[];
}

/** Events a tail remembers by default: a few seconds of a busy collector. */
const CAPACITY = 20_000;

/**
 * The events this process stored last, in log order, so the summaries can fold them without
 * reading their payloads back (most of what a fold read cost). Only a hint: the summaries check
 * that the stored rows in the range are exactly these before they use them, and read the table
 * otherwise (rows of other processes, rows deleted, events forgotten at capacity).
 *
 * @example
 * const tail = createEventTail();
 * tail.add([{ seq: 7, event }]);
 * tail.after(6, 5_000); // [{ seq: 7, event }]
 */
export function createEventTail(capacity = CAPACITY): EventTail {
  // The remembered events are entries[start…]; those before `start` are forgotten, and dropped from
  // the array only once they are half of it, so an append at capacity copies nothing (a backlog of
  // summaries behind the tail made every append copy all 20,000 before).
  let entries: SequencedEvent[] = [];
  let start = 0;
  const forgetUpTo = (index: number) => {
    start = Math.max(start, index);
    if (start * 2 >= entries.length) {
      entries = entries.slice(start);
      start = 0;
    }
  };
  return {
    add(rows) {
      const sorted = [...rows].sort((a, b) => a.seq - b.seq);
      const first = sorted[0];
      if (!first) return;
      // Appends commit one after another in log order; anything else starts the tail afresh.
      const last = entries.at(-1);
      if (start < entries.length && last && last.seq < first.seq) entries.push(...sorted);
      else [entries, start] = [sorted, 0];
      forgetUpTo(entries.length - capacity);
    },
    after(position, limit) {
      let index = start;
      while (index < entries.length && (entries[index]?.seq ?? 0) <= position) index += 1;
      forgetUpTo(index);
      return entries.slice(start, start + limit);
    },
  };
}
