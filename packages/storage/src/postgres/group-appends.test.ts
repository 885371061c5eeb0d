import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../events/event-store.contract.ts';
import { type AppendGroup, groupAppends } from './group-appends.ts';

/** A write that stores every event and remembers its groups; writes wait until `release` is called. */
function recordingWrite() {
  const groups: AppendGroup[] = [];
  let open: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    open = resolve;
  });
  let inFlight = 0;
  let mostInFlight = 0;
  const write = async (group: AppendGroup) => {
    groups.push(group);
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await released;
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    return group.map((events) => events.length);
  };
  return { write, groups, release: () => open(), mostInFlight: () => mostInFlight };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

const batch = (size: number) => Array.from({ length: size }, () => sampleEvent());

describe('group commit of event appends', () => {
  it('writes the batches appended while a write runs in the next one, one write at a time', async () => {
    const recorder = recordingWrite();
    const append = groupAppends(recorder.write, { maxRows: 1_000 });
    const first = append(batch(2));
    await tick();
    const later = [append(batch(3)), append(batch(4)), append(batch(5))];
    recorder.release();
    expect(await Promise.all([first, ...later])).toEqual([2, 3, 4, 5]);
    expect(recorder.groups.map((group) => group.map((events) => events.length))).toEqual([[2], [3, 4, 5]]);
    expect(recorder.mostInFlight()).toBe(1);
  });

  it('puts the batches of one tick into one group', async () => {
    const recorder = recordingWrite();
    const append = groupAppends(recorder.write, { maxRows: 1_000 });
    const appends = [append(batch(1)), append(batch(1)), append(batch(1))];
    recorder.release();
    await Promise.all(appends);
    expect(recorder.groups).toHaveLength(1);
  });

  it('keeps a group within the row limit, yet writes a larger batch alone', async () => {
    const recorder = recordingWrite();
    const append = groupAppends(recorder.write, { maxRows: 10 });
    const appends = [append(batch(4)), append(batch(4)), append(batch(4)), append(batch(30))];
    recorder.release();
    expect(await Promise.all(appends)).toEqual([4, 4, 4, 30]);
    expect(recorder.groups.map((group) => group.map((events) => events.length))).toEqual([[4, 4], [4], [30]]);
  });

  it('fails only the batch at fault when a group fails, writing the others alone', async () => {
    const poison = sampleEvent();
    const writes: number[] = [];
    const append = groupAppends(
      async (group) => {
        writes.push(group.length);
        if (group.some((events) => events.includes(poison))) throw new Error('constraint broken');
        return group.map((events) => events.length);
      },
      { maxRows: 1_000 },
    );
    const results = await Promise.allSettled([append(batch(2)), append([poison]), append(batch(3))]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 2 });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 3 });
    expect(writes).toEqual([3, 1, 1, 1]);
  });

  it('goes on writing after a failed write', async () => {
    let fail = true;
    const append = groupAppends(
      async (group) => {
        if (fail) {
          fail = false;
          throw new Error('connection lost');
        }
        return group.map((events) => events.length);
      },
      { maxRows: 1_000 },
    );
    await expect(append(batch(1))).rejects.toThrow('connection lost');
    expect(await append(batch(2))).toBe(2);
  });
});
