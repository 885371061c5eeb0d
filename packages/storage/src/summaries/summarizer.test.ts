import type { CheckoutEvent } from '@kasa/core';
import { describe, expect, it } from 'vitest';
import { createSummarizer, type SummaryLog } from './summarizer.ts';

/** A log of `total` events read in batches, recording what happens in order. */
function fakeLog(
  total: number,
  steps: string[],
): SummaryLog & { appended: number; foldedElsewhere?: () => number } {
  let position = 0;
  const log = {
    appended: total,
    /** Another fold (the event writer's) that moves the position before the next save, to where it says. */
    foldedElsewhere: undefined as (() => number) | undefined,
    async readAfter(after: number, limit: number) {
      const end = Math.min(log.appended, after + limit);
      steps.push(`read ${after}→${end}`);
      const events = Array.from(
        { length: end - after },
        (_, i) => ({ id: `e${after + i}` }) as CheckoutEvent,
      );
      return { events, position: end };
    },
    async position() {
      return position;
    },
    async load() {
      return new Map();
    },
    async save(_records: unknown, from: number, to: number) {
      if (log.foldedElsewhere) position = log.foldedElsewhere();
      log.foldedElsewhere = undefined;
      if (position !== from) return false;
      position = to;
      return true;
    },
  };
  return log;
}

describe('Summarizer.whileIdle', () => {
  it('catches up first, then runs the work before any catch-up asked for meanwhile', async () => {
    const steps: string[] = [];
    const log = fakeLog(3, steps);
    const summarizer = createSummarizer(log, { batch: 2 });
    let caughtUpDuringWork: Promise<number> | undefined;
    const result = await summarizer.whileIdle(async () => {
      steps.push('work');
      log.appended = 5;
      caughtUpDuringWork = summarizer.catchUp();
      await new Promise((resolve) => setTimeout(resolve, 10));
      steps.push('work done');
      return 'deleted';
    });
    expect(result).toBe('deleted');
    expect(await caughtUpDuringWork).toBe(2);
    expect(steps).toEqual(['read 0→2', 'read 2→3', 'read 3→3', 'work', 'work done', 'read 3→5', 'read 5→5']);
  });

  it('passes the work’s failure to its caller and keeps catching up afterwards', async () => {
    const summarizer = createSummarizer(fakeLog(1, []));
    await expect(summarizer.whileIdle(() => Promise.reject(new Error('locked')))).rejects.toThrow('locked');
    expect(await summarizer.catchUp()).toBe(0);
  });
});

describe('Summarizer.catchUp', () => {
  it('counts nothing twice when another fold moves the position between its read and its save', async () => {
    const steps: string[] = [];
    const log = fakeLog(6, steps);
    // The writer folds events 1 to 4 (the two this drain read, and two more) while the drain works.
    log.foldedElsewhere = () => 4;
    const summarizer = createSummarizer(log, { batch: 2 });
    expect(await summarizer.catchUp()).toBe(2);
    expect(steps).toEqual(['read 0→2', 'read 4→6', 'read 6→6']);
    expect(await log.position()).toBe(6);
  });
});

describe('Summarizer.stopScheduling', () => {
  it('drops a catch-up already scheduled and any asked for later; catchUp itself still runs', async () => {
    const steps: string[] = [];
    const summarizer = createSummarizer(fakeLog(2, steps), { delayMs: 5 });
    summarizer.schedule();
    summarizer.stopScheduling();
    summarizer.schedule();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(steps).toEqual([]);
    expect(await summarizer.catchUp()).toBe(2);
  });
});

describe('Summarizer.schedule', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

  /** A log of three events, read two at a time; a fourth is stored while the third is being saved. */
  function logGrowingDuringSave(steps: string[]) {
    const log = fakeLog(3, steps);
    const save = log.save;
    log.save = async (records, from, to) => {
      const saved = await save(records, from, to);
      if (to === 3) log.appended = 4;
      return saved;
    };
    return log;
  }

  it('until-short: folds what is stored, full batches and all, and leaves what comes during its save to the next pass', async () => {
    const steps: string[] = [];
    const log = logGrowingDuringSave(steps);
    const summarizer = createSummarizer(log, { batch: 2, delayMs: 5, scheduledPass: 'until-short' });
    summarizer.schedule();
    await settle();
    expect(steps).toEqual(['read 0→2', 'read 2→3']);
    expect(await log.position()).toBe(3);
    summarizer.schedule();
    await settle();
    expect(steps.slice(2)).toEqual(['read 3→4']);
    expect(await log.position()).toBe(4);
  });

  it('until-empty (the default): reads again until nothing is left, so it ends at the end of the log', async () => {
    const steps: string[] = [];
    const log = logGrowingDuringSave(steps);
    const summarizer = createSummarizer(log, { batch: 2, delayMs: 5 });
    summarizer.schedule();
    await settle();
    expect(steps).toEqual(['read 0→2', 'read 2→3', 'read 3→4', 'read 4→4']);
    expect(await log.position()).toBe(4);
  });
});
