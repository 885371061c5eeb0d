import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../events/event-store.contract.ts';
import { createEventTail } from './event-tail.ts';

const rows = (...seqs: number[]) => seqs.map((seq) => ({ seq, event: sampleEvent() }));
const seqsOf = (entries: readonly { seq: number }[]) => entries.map((entry) => entry.seq);

describe('event tail', () => {
  it('gives the remembered events after a position in log order, up to a limit', () => {
    const tail = createEventTail();
    tail.add(rows(3, 1, 2));
    tail.add(rows(5, 4));
    expect(seqsOf(tail.after(1, 10))).toEqual([2, 3, 4, 5]);
    expect(seqsOf(tail.after(2, 2))).toEqual([3, 4]);
  });

  it('forgets what lies at or before a position it was asked about', () => {
    const tail = createEventTail();
    tail.add(rows(1, 2, 3));
    tail.after(2, 10);
    expect(seqsOf(tail.after(0, 10))).toEqual([3]);
    tail.after(3, 10);
    expect(tail.after(0, 10)).toEqual([]);
  });

  it('keeps only the newest events at capacity', () => {
    const tail = createEventTail(3);
    tail.add(rows(1, 2));
    tail.add(rows(3, 4));
    expect(seqsOf(tail.after(0, 10))).toEqual([2, 3, 4]);
  });

  it('starts afresh when an append stored rows before the ones it remembers', () => {
    const tail = createEventTail();
    tail.add(rows(5, 6));
    tail.add(rows(2, 3));
    expect(seqsOf(tail.after(0, 10))).toEqual([2, 3]);
  });

  it('keeps the newest events across many appends at capacity, in order', () => {
    const tail = createEventTail(5);
    for (let seq = 1; seq <= 40; seq += 2) tail.add(rows(seq, seq + 1));
    expect(seqsOf(tail.after(0, 10))).toEqual([36, 37, 38, 39, 40]);
    tail.add(rows(41));
    expect(seqsOf(tail.after(37, 10))).toEqual([38, 39, 40, 41]);
  });
});
