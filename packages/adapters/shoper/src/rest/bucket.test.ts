import { describe, expect, it } from 'vitest';
import { afterSending, fromHeaders, levelAt, ShopBucket, waitBeforeCall } from './bucket.ts';

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe('leaky bucket arithmetic', () => {
  it('drains at the bandwidth per second, never below empty', () => {
    const state = { limit: 10, bandwidth: 2, level: 9, at: 1_000 };
    expect(levelAt(state, 1_000)).toBe(9);
    expect(levelAt(state, 2_500)).toBe(6);
    expect(levelAt(state, 60_000)).toBe(0);
  });

  it('waits only for a call that would overflow, as long as draining one place takes', () => {
    expect(waitBeforeCall({ limit: 10, bandwidth: 2, level: 8, at: 0 }, 0)).toBe(0);
    expect(waitBeforeCall({ limit: 10, bandwidth: 2, level: 9, at: 0 }, 0)).toBe(0);
    expect(waitBeforeCall({ limit: 10, bandwidth: 2, level: 10, at: 0 }, 0)).toBe(500);
    expect(waitBeforeCall({ limit: 10, bandwidth: 2, level: 10, at: 0 }, 250)).toBe(250);
    expect(waitBeforeCall({ limit: 4, bandwidth: 1, level: 6, at: 0 }, 0)).toBe(3_000);
  });

  it('reads X-SHOP-API-LIMIT, -BANDWIDTH and -CALLS, keeping what an answer leaves out', () => {
    const previous = { limit: 10, bandwidth: 2, level: 4, at: 0 };
    expect(
      fromHeaders(
        headers({ 'x-shop-api-limit': '20', 'x-shop-api-bandwidth': '5', 'x-shop-api-calls': '13' }),
        previous,
        1_000,
      ),
    ).toEqual({ limit: 20, bandwidth: 5, level: 13, at: 1_000 });
    expect(fromHeaders(headers({ 'x-shop-api-calls': 'many' }), previous, 1_000)).toEqual({
      limit: 10,
      bandwidth: 2,
      level: 2,
      at: 1_000,
    });
    expect(fromHeaders(headers({ 'x-shop-api-bandwidth': '0' }), previous, 0).bandwidth).toBe(2);
  });

  it('keeps calls queued for later when an answer reports a lower level, and takes a fuller report', () => {
    // Three calls queued up to t=3000 (level 10 then); an answer at t=1000 reports 6.
    const queued = { limit: 10, bandwidth: 2, level: 10, at: 3_000 };
    expect(fromHeaders(headers({ 'x-shop-api-calls': '6' }), queued, 1_000)).toEqual({ ...queued });
    // Another client of the shop filled it: the report wins.
    const idle = { limit: 10, bandwidth: 2, level: 1, at: 0 };
    expect(fromHeaders(headers({ 'x-shop-api-calls': '9' }), idle, 1_000).level).toBe(9);
  });

  it('counts a call in as it is sent', () => {
    expect(afterSending({ limit: 10, bandwidth: 2, level: 3, at: 0 }, 1_000)).toEqual({
      limit: 10,
      bandwidth: 2,
      level: 2,
      at: 1_000,
    });
  });
});

describe('ShopBucket', () => {
  it('queues concurrent callers behind each other once full, with the injected clock and sleep', async () => {
    let clock = 0;
    const waits: number[] = [];
    const bucket = new ShopBucket({
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
      },
      maxWaitMs: 10_000,
    });
    bucket.observe(
      headers({ 'x-shop-api-limit': '3', 'x-shop-api-bandwidth': '1', 'x-shop-api-calls': '3' }),
    );
    const reserved = await Promise.all([bucket.reserve(), bucket.reserve(), bucket.reserve()]);
    expect(reserved).toEqual([1_000, 2_000, 3_000]);
    expect(waits).toEqual([1_000, 2_000, 3_000]);
    clock = 10_000;
    expect(bucket.headroom()).toBe(3);
  });

  it('never waits longer than maxWaitMs', async () => {
    const bucket = new ShopBucket({ now: () => 0, sleep: async () => {}, maxWaitMs: 700 });
    bucket.observe(
      headers({ 'x-shop-api-limit': '1', 'x-shop-api-bandwidth': '0.1', 'x-shop-api-calls': '5' }),
    );
    expect(await bucket.reserve()).toBe(700);
  });
});
