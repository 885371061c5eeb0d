import type { CheckoutEvent } from '@kasa/core';

/** The batches one transaction writes, in the order they were appended. */
export type AppendGroup = readonly (readonly CheckoutEvent[])[];

interface Waiting {
  readonly events: readonly CheckoutEvent[];
  readonly resolve: (stored: number) => void;
  readonly reject: (error: unknown) => void;
}

/** The oldest waiting batches, up to `maxRows` events (at least one batch, however large). */
function takeGroup(waiting: Waiting[], maxRows: number): Waiting[] {
  let rows = waiting[0]?.events.length ?? 0;
  let count = 1;
  while (count < waiting.length && rows + (waiting[count]?.events.length ?? 0) <= maxRows) {
    rows += waiting[count]?.events.length ?? 0;
    count += 1;
  }
  return waiting.splice(0, count);
}

/**
 * A group commit: one `write` at a time, each taking every batch appended while the one before ran
 * (up to `maxRows` events), so concurrent appends wait for one lock and one commit instead of one
 * each. Each append resolves to its own batch's count once its group is written. When a group
 * fails, its batches are written again one by one, so only a batch at fault fails, as if each had
 * had a transaction of its own.
 *
 * @example
 * const append = groupAppends((group) => writeGroup(pool, group), { maxRows: 5_000 });
 * await append(events); // 50: stored by this batch
 */
export function groupAppends(
  write: (group: AppendGroup) => Promise<readonly number[]>,
  options: { readonly maxRows: number },
): (events: readonly CheckoutEvent[]) => Promise<number> {
  const waiting: Waiting[] = [];
  let writing = false;

  const writeAlone = (batch: Waiting) =>
    write([batch.events]).then(([stored]) => batch.resolve(stored ?? 0), batch.reject);

  async function writeWaiting() {
    writing = true;
    // Batches appended in the same tick (a Promise.all of appends) join the first group.
    await Promise.resolve();
    while (waiting.length > 0) {
      const group = takeGroup(waiting, options.maxRows);
      try {
        const stored = await write(group.map((batch) => batch.events));
        for (const [index, batch] of group.entries()) batch.resolve(stored[index] ?? 0);
      } catch (error) {
        if (group.length === 1) group[0]?.reject(error);
        else for (const batch of group) await writeAlone(batch);
      }
    }
    writing = false;
  }

  return (events) =>
    new Promise<number>((resolve, reject) => {
      waiting.push({ events, resolve, reject });
      if (!writing) void writeWaiting();
    });
}
