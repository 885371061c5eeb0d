import { describe, expect, it } from 'vitest';
import { createLeakyBucket } from './bucket.ts';

describe('the leaky bucket', () => {
  it('admits LIMIT calls at once, then refuses with the seconds until one fits', () => {
    const bucket = createLeakyBucket({ limit: 10, bandwidth: 2 });
    for (let i = 0; i < 10; i += 1) expect(bucket.take(0).admitted).toBe(true);
    expect(bucket.take(0)).toEqual({ admitted: false, retryAfterSeconds: 1 });
    expect(bucket.headers(0)).toEqual({
      'x-shop-api-limit': '10',
      'x-shop-api-bandwidth': '2',
      'x-shop-api-calls': '10',
    });
  });

  it('drains BANDWIDTH calls per second', () => {
    const bucket = createLeakyBucket({ limit: 10, bandwidth: 2 });
    for (let i = 0; i < 10; i += 1) bucket.take(0);
    expect(bucket.level(1500)).toBe(7);
    expect(bucket.take(1500).admitted).toBe(true);
    expect(bucket.level(5000)).toBe(1);
    expect(bucket.level(60_000)).toBe(0);
  });

  it('a refused call is not counted, and a slow bandwidth asks for a longer wait', () => {
    const bucket = createLeakyBucket({ limit: 3, bandwidth: 0.5 });
    for (let i = 0; i < 3; i += 1) bucket.take(0);
    expect(bucket.take(0).retryAfterSeconds).toBe(2);
    expect(bucket.level(0)).toBe(3);
    expect(bucket.take(2000).admitted).toBe(true);
  });

  it('can be set full by a test', () => {
    const bucket = createLeakyBucket();
    bucket.set({ limit: 4, level: 4 }, 0);
    expect(bucket.take(0).admitted).toBe(false);
    expect(bucket.headers(0)['x-shop-api-limit']).toBe('4');
  });
});
