import type { CheckoutEvent } from '@kasa/core';
import type { Resolved } from './options.ts';
import { warn } from './options.ts';
import { backoff, body, type Chunk, chunk, post } from './transport.ts';

type Timer = ReturnType<typeof setTimeout> | undefined;

/**
 * What the outbox asks of the tracker that owns it.
 *
 * @example const hooks: OutboxHooks = { muted: () => false, ready: async () => {}, changed: () => {} };
 */
export interface OutboxHooks {
  /** True while nothing may be sent (strict mode without analytics consent). */
  muted(): boolean;
  /** Resolves when stored events and ids are loaded; sending waits for it. */
  ready(): Promise<void>;
  /** Called after every change of the queue or the dropped count. */
  changed(): void;
}

/**
 * The bounded queue of events waiting for the collector and everything that sends it: batches
 * on a timer or when full, POST with retry and backoff, beacons when the page goes away. Each
 * event is in at most one request at a time, and leaves the queue once the collector answered.
 *
 * @example
 * const box = outbox(resolved, { muted: () => false, ready: async () => {}, changed: () => {} });
 * box.add(event);
 * await box.flush();
 */
export function outbox(o: Resolved, hooks: OutboxHooks) {
  const inflight = new Set<CheckoutEvent>();
  let queue: CheckoutEvent[] = [];
  let dropped = 0;
  let attempt = 0;
  let stopped = false;
  let [flushTimer, retryTimer]: Timer[] = [];
  let sending: Promise<void> | undefined;

  const sendable = () => queue.filter((e) => !inflight.has(e));
  const remove = (events: CheckoutEvent[]) => {
    const gone = new Set(events);
    queue = queue.filter((e) => !gone.has(e));
  };
  const trim = () => {
    while (queue.length > o.maxQueue) {
      const oldest = queue.findIndex((e) => !inflight.has(e));
      if (oldest < 0) break;
      queue.splice(oldest, 1);
      dropped++;
    }
    hooks.changed();
  };
  /** Takes the dropped count for the next body (with events too big to ever send). */
  const takeDropped = (tooBig: CheckoutEvent[]) => {
    remove(tooBig);
    const n = dropped + tooBig.length;
    dropped = 0;
    return n;
  };
  const later = (ms: number, then: () => void): Timer => setTimeout(then, ms);
  const schedule = () => {
    if (flushTimer || retryTimer || stopped) return;
    flushTimer = later(o.flushIntervalMs, () => {
      flushTimer = undefined;
      void flush();
    });
  };
  const retry = (after: number) => {
    if (stopped) return;
    retryTimer ??= later(Math.max(after, backoff(attempt++, o.random)), () => {
      retryTimer = undefined;
      void flush();
    });
  };

  /** POSTs one chunk and settles its events; false when the rest must wait for a retry. */
  const send = async (c: Chunk, n: number): Promise<boolean> => {
    for (const e of c.events) inflight.add(e);
    const result = await post(o.fetch, o.endpoint, body(c, n), o.now());
    for (const e of c.events) inflight.delete(e);
    if (result.kind === 'retry') {
      dropped += n;
      retry(result.after);
    } else {
      remove(c.events);
      if (result.kind === 'ok') attempt = 0;
      else {
        dropped += n + c.events.length;
        warn(`the collector refused ${c.events.length} events (HTTP ${result.status}); dropped`);
      }
    }
    hooks.changed();
    return result.kind !== 'retry';
  };
  const run = async () => {
    while (!retryTimer && !hooks.muted()) {
      const { chunks, tooBig } = chunk(sendable().slice(0, o.batchSize), o.batchSize);
      const first = chunks[0];
      const n = takeDropped(tooBig);
      if (!first) {
        dropped += n;
        return;
      }
      if (!(await send(first, n))) return;
    }
  };
  const flush = (): Promise<void> => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    sending ??= hooks
      .ready()
      .then(run)
      .catch((error) => warn(String(error)))
      .finally(() => {
        sending = undefined;
      });
    return sending;
  };
  /** Skips the rest of a backoff wait (the browser is back online, or the tracker stops). */
  const retryNow = () => {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    return flush();
  };
  /** The page is going away: hand everything to `sendBeacon` (keep-alive fetch if it says no). */
  const beacon = () => {
    if (hooks.muted()) return;
    const { chunks, tooBig } = chunk(sendable(), o.batchSize);
    let n = takeDropped(tooBig);
    for (const c of chunks) {
      let sent = false;
      try {
        sent = o.sendBeacon(o.endpoint, new Blob([body(c, n)], { type: 'text/plain' }));
      } catch {}
      if (sent) remove(c.events);
      else void send(c, n).catch((error) => warn(String(error)));
      n = 0;
    }
    dropped += n;
    hooks.changed();
  };

  return {
    /** Queues an event; `now` beacons it at once (the page is hidden). */
    add(event: CheckoutEvent, now: boolean) {
      queue.push(event);
      trim();
      if (now) return beacon();
      if (sendable().length >= o.batchSize) void flush();
      schedule();
    },
    /** Puts a previous page load's events in front, so they are sent first. */
    restore(events: CheckoutEvent[], previouslyDropped: number) {
      queue = [...events, ...queue];
      dropped += previouslyDropped;
      trim();
      if (events.length) void flush();
    },
    /** Counts an event dropped before it was queued. */
    drop() {
      dropped++;
      hooks.changed();
    },
    state: () => ({ q: queue.slice(), d: dropped }),
    flush,
    beacon,
    retryNow,
    async stop() {
      await retryNow();
      stopped = true;
      clearTimeout(flushTimer);
      clearTimeout(retryTimer);
    },
  };
}
